"""Every service has one layout (README, "Every service has one layout"): routes live only in a
feature package's `api.py`, and a feature reaches another only through its `service.py` or
`schemas.py`, never through its `api.py` (routes are the edge; importing them couples two
features' HTTP shapes and, through main, risks import cycles)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Modules outside a feature package that may define routes, and why: the gateway's edge serves
# the documents, the web app and the proxy to the services; none of them is a feature.
EDGE_ROUTERS = {
    "cartera_gateway.docs",
    "cartera_gateway.event_docs",
    "cartera_gateway.proxy",
    "cartera_gateway.webapp",
}


def service_packages(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("services/*/cartera_*") if (p / "__init__.py").is_file())


def module_name(package: Path, path: Path) -> str:
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def feature_of(module: str) -> str | None:
    """`cartera_x.quotes.service` -> `quotes`; a top-level module belongs to no feature."""
    parts = module.split(".")
    return parts[1] if len(parts) >= 3 else None


def is_api_of_a_feature(module: str) -> bool:
    parts = module.split(".")
    return len(parts) == 3 and parts[2] == "api"


def defines_a_router(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == "APIRouter":
                return True
    return False


def imported_modules(module: str, is_package: bool, tree: ast.AST) -> set[str]:
    """Every module the code may import, named in full (`from a.b import c` may be module
    a.b.c or a name in a.b: both are listed, and only names that are modules matter)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                # A package's own __init__ counts as one level deeper than its name.
                keep = len(base) - node.level + (1 if is_package else 0)
                source = ".".join(base[:keep] + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


def layout_problems(root: Path) -> list[str]:
    problems = []
    for package in service_packages(root):
        for path in sorted(package.rglob("*.py")):
            module = module_name(package, path)
            tree = ast.parse(path.read_text(), filename=str(path))
            where = path.relative_to(root)
            if (
                defines_a_router(tree)
                and not is_api_of_a_feature(module)
                and module not in EDGE_ROUTERS
            ):
                problems.append(f"{where}: defines routes outside a feature's api.py")
            feature = feature_of(module)
            if feature is None:
                continue
            for target in imported_modules(module, path.name == "__init__.py", tree):
                if (
                    target.startswith(package.name + ".")
                    and is_api_of_a_feature(target)
                    and feature_of(target) != feature
                ):
                    problems.append(f"{where}: feature {feature} imports {target}")
    return problems


def test_routes_live_in_feature_api_modules_and_no_feature_imports_anothers_api():
    problems = layout_problems(ROOT)
    assert not problems, "\n".join(problems)


def test_the_check_finds_each_kind_of_break(tmp_path: Path):
    package = tmp_path / "services" / "demo" / "cartera_demo"
    files = {
        "__init__.py": "",
        "main.py": "from cartera_demo.orders import api\n",
        "flat_routes.py": "from fastapi import APIRouter\nrouter = APIRouter()\n",
        "orders/__init__.py": "",
        "orders/api.py": "import fastapi\nrouter = fastapi.APIRouter()\n",
        "orders/service.py": "from cartera_demo.orders import api\n",
        "orders/routes.py": "from fastapi import APIRouter as R\nrouter = APIRouter()\n",
        "bills/__init__.py": "",
        "bills/api.py": "from cartera_demo.orders.service import x\n",
        "bills/service.py": "from cartera_demo.orders import api as orders_api\n",
        "bills/schemas.py": "import cartera_demo.orders.api\n",
        "bills/pdf.py": "from ..orders.api import router\n",
        "bills/ok.py": "from cartera_demo.orders.schemas import api\n",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)

    problems = layout_problems(tmp_path)

    prefix = "services/demo/cartera_demo/"
    assert sorted(problems) == sorted(
        [
            f"{prefix}flat_routes.py: defines routes outside a feature's api.py",
            f"{prefix}orders/routes.py: defines routes outside a feature's api.py",
            f"{prefix}bills/service.py: feature bills imports cartera_demo.orders.api",
            f"{prefix}bills/schemas.py: feature bills imports cartera_demo.orders.api",
            f"{prefix}bills/pdf.py: feature bills imports cartera_demo.orders.api",
        ]
    )
