"""Surveys through the crm app: asked by the business, answered once through a public link
without login; a link that was used, replaced or let expire does not work again."""

from __future__ import annotations

import uuid

from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages

from .tenants import as_tenant, field_of, problem, public

SURVEY_KEYS = {
    "id",
    "client_id",
    "kind",
    "request_id",
    "status",
    "expires_at",
    "score",
    "comment",
    "answered_at",
    "created_at",
}


async def ask(crm, tenant, kind="nps", **more):
    asked = await crm.post(
        "/v1/surveys",
        json={"client_id": str(tenant.client_id), "kind": kind, **more},
        headers=tenant.headers,
    )
    assert asked.status_code == 201, asked.text
    return asked.json()


async def test_an_nps_survey_is_shown_and_answered_once_through_its_link(crm, tenant):
    survey = await ask(crm, tenant)
    assert set(survey) == SURVEY_KEYS | {"link"}
    link = f"/v1/public/surveys/{survey['link']['token']}"
    shown = await crm.get(link, headers=public())
    assert shown.status_code == 200, shown.text
    assert shown.json()["scale"] == {"min": 0, "max": 10}
    assert set(shown.json()) == {"kind", "question", "scale", "expires_at"}
    answered = await crm.post(link, json={"score": 9, "comment": " Genial "}, headers=public())
    assert answered.json() == {"status": "answered", "kind": "nps", "score": 9}
    read = (await crm.get(f"/v1/surveys/{survey['id']}", headers=tenant.headers)).json()
    assert (read["status"], read["score"], read["comment"]) == ("answered", 9, "Genial")
    assert "link" not in read
    assert await tenant.count("outbox", "topic = 'satisfaction.recorded'") == 1
    [entry] = (
        await crm.get(f"/v1/clients/{tenant.client_id}/timeline", headers=tenant.headers)
    ).json()["items"]
    assert entry["details"]["category"] == "promoter"


async def test_a_survey_link_used_once_cannot_be_used_again(crm, tenant):
    survey = await ask(crm, tenant, kind="csat")
    link = f"/v1/public/surveys/{survey['link']['token']}"
    assert (await crm.post(link, json={"score": 4}, headers=public())).status_code == 200
    problem(await crm.post(link, json={"score": 1}, headers=public()), 409)
    problem(await crm.get(link, headers=public()), 409)
    problem(await crm.post(f"/v1/surveys/{survey['id']}/link", headers=tenant.headers), 409)
    read = (await crm.get(f"/v1/surveys/{survey['id']}", headers=tenant.headers)).json()
    assert read["score"] == 4
    assert await tenant.count("outbox", "topic = 'satisfaction.recorded'") == 1


async def test_a_score_off_the_scale_is_refused_and_the_survey_stays_pending(crm, tenant):
    survey = await ask(crm, tenant, kind="csat")
    link = f"/v1/public/surveys/{survey['link']['token']}"
    for score in (0, 6, "5", 4.5):
        refused = problem(await crm.post(link, json={"score": score}, headers=public()), 422)
        assert ["body", "score"] in field_of(refused), refused
    read = (await crm.get(f"/v1/surveys/{survey['id']}", headers=tenant.headers)).json()
    assert (read["status"], read["score"]) == ("pending", None)


async def test_a_new_link_replaces_the_old_and_an_expired_survey_is_gone(crm, tenant):
    survey = await ask(crm, tenant)
    renewed = await crm.post(f"/v1/surveys/{survey['id']}/link", headers=tenant.headers)
    assert renewed.status_code == 200, renewed.text
    assert renewed.json()["link"]["token"] != survey["link"]["token"]
    problem(await crm.get(f"/v1/public/surveys/{survey['link']['token']}", headers=public()), 404)
    await tenant.execute(
        "UPDATE crm.surveys SET expires_at = now() - interval '1 minute' WHERE id = :s",
        s=uuid.UUID(survey["id"]),
    )
    link = f"/v1/public/surveys/{renewed.json()['link']['token']}"
    problem(await crm.get(link, headers=public()), 410)
    problem(await crm.post(link, json={"score": 7}, headers=public()), 410)
    read = (await crm.get(f"/v1/surveys/{survey['id']}", headers=tenant.headers)).json()
    assert read["status"] == "expired"
    problem(await crm.post(f"/v1/surveys/{survey['id']}/link", headers=tenant.headers), 409)


async def test_bad_links_and_bad_surveys_are_refused(crm, tenant):
    for token in ("short", "x" * 43, "a" * 30 + "!*"):
        problem(await crm.get(f"/v1/public/surveys/{token}", headers=public()), 404)
    # A public call carries the survey scope alone: the tenant's own routes stay closed to it.
    problem(await crm.get("/v1/surveys", headers=public()), 403)
    other = await tenant.add_client()
    opened = await crm.post(
        "/v1/requests",
        json={"client_id": str(other), "subject": "Duda", "description": "¿Plazo?"},
        headers=tenant.headers,
    )
    for body, loc in (
        ({"client_id": str(uuid.uuid4()), "kind": "nps"}, "client_id"),
        ({"client_id": str(tenant.client_id), "kind": "ces"}, "kind"),
        ({"client_id": str(tenant.client_id), "kind": "nps", "expires_in_days": 0}, None),
        (
            {"client_id": str(tenant.client_id), "kind": "csat", "request_id": opened.json()["id"]},
            "request_id",
        ),
    ):
        refused = problem(await crm.post("/v1/surveys", json=body, headers=tenant.headers), 422)
        if loc:
            assert ["body", loc] in field_of(refused), refused
    assert await tenant.count("surveys") == 0
    mine = await ask(crm, tenant)
    problem(await crm.get(f"/v1/surveys/{mine['id']}", headers=as_tenant(uuid.uuid4())), 404)


async def test_surveys_page_newest_first_each_once_while_more_are_asked(crm, tenant):
    """Issue 19: the list gave the first `limit` only; it pages by cursor like every list."""
    asked = [(await ask(crm, tenant))["id"] for _ in range(5)]
    later: list[str] = []

    async def ask_another(page: int) -> None:
        later.append((await ask(crm, tenant))["id"])

    seen = await walk_pages(crm, "/v1/surveys", tenant.headers, limit=2, between=ask_another)
    # Newest first: what is asked while reading is newer than the first page and not shown.
    assert [s["id"] for s in seen] == list(reversed(asked))
    assert later
    first = (await crm.get("/v1/surveys", params={"limit": 1}, headers=tenant.headers)).json()
    await assert_refuses_bad_paging(crm, "/v1/surveys", tenant.headers, valid=first["next_cursor"])
    # Another tenant's cursor is a position in that tenant's own list: nothing of this one's.
    theirs = await crm.get(
        "/v1/surveys", params={"cursor": first["next_cursor"]}, headers=as_tenant(uuid.uuid4())
    )
    assert theirs.status_code == 200, theirs.text
    assert theirs.json() == {"items": [], "next_cursor": None}
