"""The CIF's control character by the entity's key letter, through the clients API: a new client
with the wrong kind is refused naming `tax_id`; a client stored before the rule is read with a
warning and stays editable, but its tax id cannot change to another bad one."""

import functools
import uuid

import pytest
from sqlalchemy import update

from cartera_clients.models import clients
from cartera_shared.db import set_tenant
from cartera_shared.testing import internal_headers

as_tenant = functools.partial(
    internal_headers, service="clients", scopes=("clients:*",), subject="user:ana"
)
ADDRESS = {"street": "Calle Sueca 3", "postal_code": "46006", "city": "Valencia"}


def payload(tax_id, kind="company"):
    return {"legal_name": "Alfa S.A.", "kind": kind, "tax_id": tax_id, "fiscal_address": ADDRESS}


def names_tax_id(answer) -> bool:
    """A problem-details answer whose error is about `tax_id` and its control character."""
    messages = [e["msg"] for e in answer.json()["errors"]]
    return any("tax_id: " in m and "control character" in m for m in messages)


@pytest.mark.parametrize(
    ("tax_id", "kind"),
    [("A5881850A", "company"), ("P28079002", "public_administration")],
)
async def test_a_new_client_whose_cif_ends_in_the_wrong_kind_of_character_is_refused(
    api, tax_id, kind
):
    tenant = uuid.uuid4()
    answer = await api.post("/v1/clients", json=payload(tax_id, kind), headers=as_tenant(tenant))
    assert answer.status_code == 422, answer.text
    assert names_tax_id(answer)
    listed = await api.get("/v1/clients", headers=as_tenant(tenant))
    assert listed.json()["total"] == 0


async def test_a_stored_bad_cif_is_warned_of_and_the_client_stays_editable(api, owner):
    tenant = uuid.uuid4()
    created = await api.post("/v1/clients", json=payload("A58818501"), headers=as_tenant(tenant))
    assert created.status_code == 201, created.text
    assert created.json()["warnings"] == []
    client_id = created.json()["id"]
    # A client kept before the rule: plant the letter stdnum accepted then.
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        await conn.execute(
            update(clients).where(clients.c.id == uuid.UUID(client_id)).values(tax_id="A5881850A")
        )
    read = (await api.get(f"/v1/clients/{client_id}", headers=as_tenant(tenant))).json()
    assert read["tax_id"] == "A5881850A"
    assert len(read["warnings"]) == 1
    assert "ends in a digit" in read["warnings"][0]
    kept = await api.patch(
        f"/v1/clients/{client_id}", json={"notes": "llamar"}, headers=as_tenant(tenant)
    )
    assert kept.status_code == 200, kept.text
    assert kept.json()["warnings"] == read["warnings"]
    # Sending the same tax id again (as a full form does) is not a change: accepted.
    same = await api.patch(
        f"/v1/clients/{client_id}", json={"tax_id": "a5881850a"}, headers=as_tenant(tenant)
    )
    assert same.status_code == 200, same.text
    worse = await api.patch(
        f"/v1/clients/{client_id}", json={"tax_id": "B1234567D"}, headers=as_tenant(tenant)
    )
    assert worse.status_code == 422
    assert names_tax_id(worse)
    fixed = await api.patch(
        f"/v1/clients/{client_id}", json={"tax_id": "A58818501"}, headers=as_tenant(tenant)
    )
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["warnings"] == []
