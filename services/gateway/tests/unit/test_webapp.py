"""The web app's static files under /app: served with their security headers, never outside the
build folder, and a clear 503 when the app has not been built."""

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cartera_gateway import webapp


@pytest.fixture
def app() -> FastAPI:
    made = FastAPI()
    made.include_router(webapp.router)
    return made


def built(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text('<script type="module" src="/app/assets/app-X.js"></script>')
    (dist / "assets" / "app-X.js").write_text("console.log(1)")
    (dist / ".secret").write_text("no")
    (tmp_path / "outside.txt").write_text("no")
    return dist


def test_index_and_assets_are_served_with_security_headers(app, tmp_path, monkeypatch):
    monkeypatch.setenv("WEBAPP_DIST", str(built(tmp_path)))
    client = TestClient(app)
    for path in ("/app", "/app/"):
        page = client.get(path)
        assert page.status_code == 200
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert page.headers["cache-control"].startswith("no-cache")
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert page.headers["x-content-type-options"] == "nosniff"
    script = client.get("/app/assets/app-X.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "immutable" in script.headers["cache-control"]
    assert client.head("/app/").status_code == 200


def test_nothing_outside_the_build_or_hidden_is_served(app, tmp_path, monkeypatch):
    monkeypatch.setenv("WEBAPP_DIST", str(built(tmp_path)))
    client = TestClient(app)
    for path in ("/app/../outside.txt", "/app/%2e%2e/outside.txt", "/app/.secret", "/app/assets"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert answer.text != "no"


def test_a_missing_build_is_a_clear_503(app, tmp_path, monkeypatch):
    monkeypatch.setenv("WEBAPP_DIST", str(tmp_path / "nowhere"))
    answer = TestClient(app).get("/app/")
    assert answer.status_code == 503
    assert answer.headers["content-type"] == "application/problem+json"
    assert "npm run build" in answer.json()["detail"]
    assert answer.headers["content-security-policy"]
