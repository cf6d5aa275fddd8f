"""The cash forecast across the services: an invoice issued through the gateway is forecast by
analytics; a dunning hold placed on it in collections reaches analytics as dunning.hold_changed
and takes it out as disputed; released, it is forecast again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .helpers import eventually
from .test_analytics import TODAY, get, issue, line, new_client, open_books, wait_receivable


async def test_a_hold_in_collections_takes_an_invoice_out_of_the_forecast(tenant):
    await open_books(tenant)
    client_id = await new_client(tenant, "Cerámicas Forecast S.L.")
    invoice = await issue(tenant, client_id, TODAY - dt.timedelta(days=1), line("1000.00"))
    total = invoice["totals"]["total"]
    await wait_receivable(tenant, invoice["id"])
    seen: dict[str, Any] = {}

    async def forecast_shows(open_amount: str, disputed: str) -> bool:
        body = await get(tenant, "cash-forecast", weeks=8)
        seen.update(body)
        return body["open"] == open_amount and body["excluded"]["disputed"] == disputed

    await eventually(lambda: forecast_shows(total, "0.00"), timeout=30, interval=0.2)
    assert len(seen["weeks"]) == 8
    assert seen["basis"] == "default_distribution"  # nothing settled yet

    held = await tenant.client.post(
        "/v1/collections/dunning/holds",
        json={"invoice_id": invoice["id"], "reason": "Importe en disputa"},
    )
    assert held.status_code == 201, held.text
    await eventually(lambda: forecast_shows("0.00", total), timeout=30, interval=0.2)

    released = await tenant.client.delete(f"/v1/collections/dunning/holds/{held.json()['id']}")
    assert released.status_code == 204, released.text
    await eventually(lambda: forecast_shows(total, "0.00"), timeout=30, interval=0.2)
