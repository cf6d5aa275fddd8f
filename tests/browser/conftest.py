"""Browser tests of the web app: Playwright drives Debian's Chromium (/usr/bin/chromium; no
`playwright install`) against the whole system started on the test ports, with a small business
seeded through the API (seed.py). Full-page screenshots of every page are kept in
test-artifacts/screenshots/."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from .seed import Business, seed_business

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
async def business(stack) -> Business:  # type: ignore[no-untyped-def]
    dist = ROOT / "webapp" / "dist" / "index.html"
    if not dist.is_file():
        pytest.fail("webapp/dist is not built: run deploy/local/install.sh", pytrace=False)
    return await seed_business(stack.gateway, admin_token=stack.admin_token)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: deploy/local/install.sh installs it", pytrace=False)
    # Spanish date pickers; no sandbox as root (the sandbox needs an unprivileged user).
    args = ["--lang=es-ES"] + (["--no-sandbox"] if os.geteuid() == 0 else [])
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield launched
        await launched.close()


class Console:
    """What the page said: errors and Content-Security-Policy violations fail a test."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def listen(self, page: Page) -> None:
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("console", self._console)

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.problems.append(f"CSP: {text}")
        elif message.type == "error" and not re.search(r"status of (40[19]|422)", text):
            # 401 before signing in, 409 (a PDF asked too early) and 422 (a form the API
            # refused, its reason shown beside the form) are answers the app handles.
            self.problems.append(f"console error: {text}")


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    made = await browser.new_context(
        locale="es-ES",
        timezone_id="Europe/Madrid",
        viewport={"width": 1366, "height": 900},
        accept_downloads=True,
    )
    made.set_default_timeout(15_000)
    yield made
    await made.close()


@pytest.fixture
async def console() -> Console:
    return Console()


@pytest.fixture
async def page(context: BrowserContext, console: Console) -> Page:
    opened = await context.new_page()
    console.listen(opened)
    return opened


async def sign_in(page: Page, gateway: str, business: Business) -> None:
    await page.goto(f"{gateway}/app/")
    await page.get_by_label("Correo electrónico").fill(business.email)
    await page.get_by_label("Contraseña").fill(business.password)
    await page.get_by_role("button", name="Entrar").click()
    await page.get_by_role("navigation", name="Navegación principal").wait_for()


async def shot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    await page.screenshot(path=str(target), full_page=True)
    return target


async def unlabelled_controls(page: Page) -> list[str]:
    """Inputs, selects and text areas without a label (or aria-label) on the current page."""
    found: list[str] = await page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => el.type !== 'hidden')
            .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                            && !el.getAttribute('aria-labelledby'))
            .map((el) => el.outerHTML.slice(0, 120))"""
    )
    return found


async def charts_without_text(page: Page) -> list[str]:
    """Charts (canvas) without a text alternative: an aria-label and a data table beside it."""
    found: list[str] = await page.evaluate(
        """() => [...document.querySelectorAll('canvas')]
            .filter((c) => !c.getAttribute('aria-label') || c.getAttribute('role') !== 'img'
                           || !c.closest('figure')?.querySelector('table caption'))
            .map((c) => c.outerHTML.slice(0, 120))"""
    )
    return found
