"""The accountant's desk in the browser: the seeded business's owner is invited, by mail, into a
second business as its accountant, accepts in the web app, sees both businesses on her desk with
their own figures and what needs her, and moves between them with the business switch."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import re
from typing import Any

import httpx
import pytest
from playwright.async_api import Page, expect

from cartera_shared import business_day

from .conftest import Console, charts_without_text, shot, sign_in, unlabelled_controls
from .seed import Business, client_body

pytestmark = pytest.mark.timeout(240)

HORNO = "Horno del Carmen S.L."
HORNO_CLIENT = "Cafetería Ruzafa S.L."


async def _ok(answer: httpx.Response) -> Any:
    assert answer.is_success, f"{answer.request.method} {answer.request.url}: {answer.text}"
    return answer.json()


async def mailed_invitation(mailbox: Any, to: str) -> str:
    for _ in range(200):
        for message in list(mailbox.messages):
            if message["To"] == to:
                mailbox.messages.remove(message)
                body = message.get_body().get_content()
                found = re.search(r"token=(cmi_[A-Za-z0-9_-]+)", body)
                assert found, body
                return found.group(1)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no invitation mailed to {to}")


async def a_second_business(stack: Any, mailbox: Any, invitee: str) -> str:
    """A bakery with one client who owes an invoice 15 days past due, no certificate (its record
    cannot leave), which invites `invitee` as its accountant; the mailed token."""
    today = business_day.today()
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=60) as admin:
        made = await _ok(
            await admin.post(
                "/v1/admin/tenants",
                json={"name": HORNO},
                headers={"Authorization": f"Bearer {stack.admin_token}"},
            )
        )
    headers = {"Authorization": f"Bearer {made['api_key']}"}
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=60, headers=headers) as http:
        await _ok(
            await http.put(
                "/v1/issuer",
                json={
                    "legal_name": HORNO,
                    "tax_id": "B46781225",
                    "fiscal_address": {
                        "street": "Calle de Sueca 12",
                        "postal_code": "46006",
                        "city": "Valencia",
                        "country": "ES",
                    },
                    "valid_from": (today - dt.timedelta(days=90)).isoformat(),
                },
            )
        )
        await _ok(
            await http.post("/v1/series", json={"code": "H", "prefix": "H", "kind": "ordinary"})
        )
        body = client_body(HORNO_CLIENT, "company", random.Random(7), today - dt.timedelta(days=90))
        client = await _ok(await http.post("/v1/clients", json=body))
        draft = await _ok(
            await http.post(
                "/v1/invoices",
                json={
                    "client_id": client["id"],
                    "series": "H",
                    "issue_date": (today - dt.timedelta(days=45)).isoformat(),
                    "lines": [
                        {
                            "description": "Pan y bollería, mes de octubre",
                            "quantity": "1",
                            "unit_price": "412.50",
                            "vat_rate": "4",
                        }
                    ],
                },
            )
        )
        await _ok(await http.post(f"/v1/invoices/{draft['id']}/issue"))
        invited = await _ok(
            await http.post("/v1/members", json={"email": invitee, "role": "accountant"})
        )
        assert invited["mailed"] is True
    return await mailed_invitation(mailbox, invitee)


async def test_an_accountant_sees_both_businesses_on_her_desk_and_switches_between_them(
    page: Page, stack: Any, mailbox: Any, business: Business, console: Console
) -> None:
    gateway = stack.gateway
    token = await a_second_business(stack, mailbox, business.email)

    # She opens the mailed link signed in: she joins with the account she has.
    await sign_in(page, gateway, business)
    await page.goto(f"{gateway}/app/#/invitation?token={token}")
    await page.get_by_role("button", name="Aceptar la invitación").click()
    await expect(page.get_by_text("Hecho: ya perteneces a la empresa")).to_be_visible()

    await page.goto(f"{gateway}/app/#/desk")
    lines = page.get_by_test_id("desk-line")
    await expect(lines).to_have_count(2)
    horno = lines.filter(has_text=HORNO)
    levante = lines.filter(has_text="Instalaciones Levante S.L.")
    # Each line has its own business's figures, from the real services.
    await expect(horno).to_contain_text("clientes con vencidos: 1")
    await expect(horno).to_contain_text("en espera: 1")
    await expect(horno).to_contain_text("registros Verifactu que no salen: falta un certificado")
    await expect(horno.get_by_role("heading")).to_have_text(f"{HORNO} asesoría")
    await expect(levante).to_contain_text("registros Verifactu que no salen")
    await expect(levante.get_by_role("heading")).to_contain_text("titular")
    assert await unlabelled_controls(page) == []
    assert await charts_without_text(page) == []
    # Side by side on a laptop, each card wide enough to read (a card squeezed into a twelfth of
    # the page broke every word before).
    first, second = [await lines.nth(n).bounding_box() for n in range(2)]
    assert first is not None
    assert second is not None
    assert min(first["width"], second["width"]) >= 300, (first, second)
    assert first["y"] == second["y"], (first, second)
    await shot(page, "19-desk")

    # The switch in the header moves her into the bakery: its clients, not Levante's.
    switch = page.get_by_test_id("business-switch")
    await expect(switch.locator("option")).to_have_count(2)
    await switch.select_option(label=HORNO)
    await page.locator(".dash-grid[data-ready=true]").wait_for()
    await page.goto(f"{gateway}/app/#/clients")
    rows = page.locator("table.data tbody tr")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text(HORNO_CLIENT)

    # And back, from the desk's button on Levante's line.
    await page.goto(f"{gateway}/app/#/desk")
    await (
        lines.filter(has_text="Instalaciones Levante S.L.")
        .get_by_role("button", name="Entrar en esta empresa")
        .click()
    )
    await page.locator(".dash-grid[data-ready=true]").wait_for()
    await expect(page.get_by_test_id("business-switch")).to_have_value(business.tenant_id)
    assert console.problems == []
