"""The web app's modules form no import cycle: pages import the leaf `app.ts` (routing, the page
context, shared widgets), only the router `main.ts` imports the pages, and app.ts imports no page.
The imports are read from the sources (static `import`/`export ... from`, type-only ones too)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "webapp" / "src"

IMPORT = re.compile(
    r"""^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']""",
    re.M,
)


def graph(src: Path) -> dict[str, set[str]]:
    """Each module (path relative to src, without .ts) and the modules of src it imports."""
    modules = {p.relative_to(src).with_suffix("").as_posix() for p in src.rglob("*.ts")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for module in modules:
        text = (src / f"{module}.ts").read_text()
        for match in IMPORT.finditer(text):
            spec = match.group(1) or match.group(2)
            if not spec.startswith("."):
                continue  # a package (chart.js), not a module of the app
            target = (src / module).parent.joinpath(spec).resolve()
            name = (
                target.relative_to(src.resolve()).as_posix()
                if target.is_relative_to(src.resolve())
                else None
            )
            for candidate in (name, f"{name}/index"):
                if candidate in modules:
                    edges[module].add(candidate)
                    break
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_web_app_has_no_import_cycle():
    found = cycle(graph(SRC))
    assert found is None, "import cycle: " + " -> ".join(found or [])


def test_app_ts_is_a_leaf_that_imports_no_page_and_only_the_router_imports_pages():
    edges = graph(SRC)
    assert "app" in edges
    assert not [m for m in edges["app"] if m.startswith("pages/")]
    pages = {m for m in edges if m.startswith("pages/") and m.count("/") == 1}
    assert {"pages/dashboard", "pages/client", "pages/invoices"} <= pages
    importers = {m for m, targets in edges.items() for target in targets if target in pages}
    assert importers == {"main"}
    # Nothing imports the router: a page that needs it goes through app.ts.
    assert not [m for m, targets in edges.items() if "main" in targets]


def test_the_two_big_pages_are_composed_of_one_module_per_card():
    edges = graph(SRC)
    for page, least in (("dashboard", 12), ("client", 9)):
        cards = {
            m
            for m in edges[f"pages/{page}"]
            if m.startswith(f"pages/{page}/") and m.endswith("Card")
        }
        assert len(cards) >= least, (page, sorted(cards))
        assert len((SRC / "pages" / f"{page}.ts").read_text().splitlines()) < 100


def write(src: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)


def test_the_check_finds_the_cycle_the_router_and_its_pages_had(tmp_path):
    # Before app.ts: main.ts imported the pages, and the pages imported main.ts for navigate().
    write(
        tmp_path,
        {
            "main.ts": (
                'import { clientPage } from "./pages/client";\nexport function navigate() {}\n'
            ),
            "pages/client.ts": 'import { errorBox, type Ctx, navigate } from "../main";\n',
            "pages/dashboard.ts": (
                'import type { Ctx } from "../main";\n'
                'import { verifactuBadge } from "./invoices";\n'
            ),
            "pages/invoices.ts": "export function verifactuBadge() {}\n",
        },
    )
    assert cycle(graph(tmp_path)) == ["main", "pages/client", "main"]


def test_the_check_follows_exports_index_files_and_multi_line_imports(tmp_path):
    write(
        tmp_path,
        {
            "a.ts": 'import {\n  b,\n  c,\n} from "./b";\n',
            "b.ts": 'export { d } from "./cards";\n',
            "cards/index.ts": 'import "../a";\n',
            "leaf.ts": 'import { Chart } from "chart.js";\n',
        },
    )
    assert cycle(graph(tmp_path)) == ["a", "b", "cards/index", "a"]
    assert graph(tmp_path)["leaf"] == set()
