"""The web app: the built single-page app (`webapp/dist`) served under `/app`.

The app is static files: it signs people in through `/v1/auth/sign-in` (cookie session) and then
calls the same `/v1` API as everybody else, so nothing here reads a tenant's data. Every answer
under `/app` carries a strict Content-Security-Policy (no inline script, nothing from another
origin, never framed). Only `/app` and `/app/...` are served here: `/v1` is never shadowed.

`WEBAPP_DIST` names the build folder (default `<repo>/webapp/dist`); when it holds no
`index.html` the app answers 503 with a problem document saying how to build it.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from cartera_shared.problems import Code, problem_response

router = APIRouter(include_in_schema=False)

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DIST = REPO_ROOT / "webapp" / "dist"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        # The invoice preview shows the PDF the API made, fetched and shown from a blob: URL.
        "frame-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".json": "application/json",
    ".map": "application/json",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}


def dist_dir() -> Path:
    """Read on every request, so a rebuild or another setting needs no restart."""
    configured = os.environ.get("WEBAPP_DIST")
    return Path(configured).resolve() if configured else DEFAULT_DIST


def _not_built(dist: Path) -> Response:
    answer = problem_response(
        503,
        "Web app not built",
        f"The web app has not been built ({dist / 'index.html'} is missing). Build it with "
        "`deploy/local/install.sh` or `cd webapp && npm ci && npm run build`, or point "
        "WEBAPP_DIST at a build.",
        "webapp-not-built",
        code=Code.NOT_CONFIGURED,
    )
    answer.headers.update(SECURITY_HEADERS)
    return answer


def _not_found(path: str) -> Response:
    answer = problem_response(
        404, "Not found", f"There is no file /app/{path}.", "not-found", code=Code.NOT_FOUND
    )
    answer.headers.update(SECURITY_HEADERS)
    return answer


def _file(target: Path, *, immutable: bool) -> Response:
    media_type = MEDIA_TYPES.get(target.suffix.lower(), "application/octet-stream")
    headers = dict(SECURITY_HEADERS)
    # Hashed asset names change with their content; index.html must always be asked again.
    headers["Cache-Control"] = (
        "public, max-age=31536000, immutable" if immutable else "no-cache, must-revalidate"
    )
    return FileResponse(target, media_type=media_type, headers=headers)


@router.api_route("/app", methods=["GET", "HEAD"])
@router.api_route("/app/", methods=["GET", "HEAD"])
async def index() -> Response:
    dist = dist_dir()
    page = dist / "index.html"
    if not page.is_file():
        return _not_built(dist)
    return _file(page, immutable=False)


@router.api_route("/app/{path:path}", methods=["GET", "HEAD"])
async def asset(path: str) -> Response:
    dist = dist_dir()
    if not (dist / "index.html").is_file():
        return _not_built(dist)
    target = (dist / path).resolve()
    # Nothing outside the build folder, nothing hidden, no directories.
    if (
        not target.is_relative_to(dist.resolve())
        or any(part.startswith(".") for part in Path(path).parts)
        or not target.is_file()
    ):
        return _not_found(path)
    return _file(target, immutable=target.parent.name == "assets")
