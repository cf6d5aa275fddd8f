"""Two years of CRM history for the demo tenant, made through the gateway as people would.

`seed_crm(client, client_ids, today, rng)` takes an `httpx.AsyncClient` whose base URL is the
gateway and whose headers carry the tenant's API key, and the ids of clients already created. It
logs interactions on every channel (dated over the last two years), opens requests and moves
them through every state (dated as they happened, so some breached their SLA and most did not),
answers most of the CSAT surveys their closing sends and a round of NPS surveys through the
public links, and leaves follow-ups due today and overdue for three people. About 300 calls.

Clients created a moment ago may not have reached the crm service yet: a 422 that says "retry
shortly" is retried for a while.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from typing import Any

import httpx

STAFF = ["ana.garcia", "luis.martin", "marta.soler"]
CHANNELS = ["email", "phone", "whatsapp", "web_form", "in_person", "video_call", "other"]
CHANNEL_WEIGHTS = [30, 30, 18, 8, 8, 4, 2]
CONTACTS = ["Carmen", "José", "Lucía", "Javier", "Pilar", "Sergio", "Elena", "Miguel", "Rosa"]
TOPICS = [
    ("Consulta sobre la última factura", "resolved"),
    ("Pide presupuesto de mantenimiento anual", "opportunity"),
    ("Reclama por el retraso en la reparación", "complaint"),
    ("Confirma la visita del técnico", "resolved"),
    ("Interesado en ampliar el contrato a otra nave", "opportunity"),
    ("Llamada sin respuesta para confirmar la cita", "no_answer"),
    ("Comunica que se va con otro proveedor", "lost"),
    ("Duda sobre el IVA aplicado", "resolved"),
    ("Solicita copia del contrato firmado", "resolved"),
    ("Queja por el ruido de la máquina de climatización", "complaint"),
    ("Pregunta por la fecha de cobro del recibo domiciliado", "resolved"),
]
REQUESTS = [
    ("Avería en el cuadro eléctrico", "La nave 2 se queda sin luz al arrancar la prensa."),
    ("Rectificar factura con importe erróneo", "La factura incluye horas que no se trabajaron."),
    (
        "Cambio de domiciliación bancaria",
        "Nueva cuenta para los recibos a partir del mes que viene.",
    ),
    ("Fuga de agua en los aseos", "Gotea la tubería bajo el lavabo de la planta baja."),
    ("Revisión de la climatización antes del verano", "Quieren programar la revisión anual."),
    ("Certificado de instalación para la aseguradora", "La aseguradora pide el certificado."),
    ("Aplazamiento de pago", "Solicita pagar la factura en dos plazos."),
    ("Alta de un nuevo punto de mantenimiento", "Han abierto un local nuevo en el centro."),
]
# Resolution targets in hours (the defaults of the crm service).
TARGETS = {"urgent": 4, "high": 8, "normal": 24, "low": 72}


async def _call(
    client: httpx.AsyncClient, method: str, path: str, body: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A call that must succeed; 'retry shortly' (a client not yet replicated) is retried."""
    for _ in range(60):
        answer = await client.request(method, path, json=body)
        if answer.status_code == 422 and "retry shortly" in answer.text:
            await asyncio.sleep(0.5)
            continue
        if answer.status_code == 429:  # the gateway's rate limit: wait as it says
            await asyncio.sleep(float(answer.headers.get("Retry-After", "1")))
            continue
        if answer.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {answer.status_code} {answer.text}")
        result: dict[str, Any] = answer.json()
        return result
    raise RuntimeError(f"{method} {path}: the client never reached the crm service")


def _moment(today: dt.date, days_ago: int, rng: random.Random) -> dt.datetime:
    """A working-hours moment `days_ago` days before today (UTC)."""
    day = today - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.randint(0, 59)), dt.UTC)


async def _interactions(
    client: httpx.AsyncClient, client_ids: list[str], today: dt.date, rng: random.Random
) -> int:
    now = dt.datetime.now(dt.UTC)
    made = 0
    # At most 45 clients get a history of their own, so the seeding stays a few hundred calls.
    for client_id in client_ids[:45]:
        for _ in range(rng.randint(2, 5)):
            days_ago = int(rng.triangular(0, 730, 60))
            summary, outcome = rng.choice(TOPICS)
            # Every channel appears at least once, then as often as it does in real life.
            channel = (
                CHANNELS[made]
                if made < len(CHANNELS)
                else rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
            )
            body: dict[str, Any] = {
                "client_id": client_id,
                "channel": channel,
                "direction": rng.choice(["inbound", "inbound", "outbound"]),
                "occurred_at": min(_moment(today, days_ago, rng), now).isoformat(),
                "contact_name": rng.choice(CONTACTS),
                "handled_by": rng.choice(STAFF),
                "summary": summary,
                "outcome": outcome,
            }
            await _call(client, "POST", "/v1/interactions", body)
            made += 1
    # Recent contacts that promised something: their follow-ups are due today or overdue.
    for n, client_id in enumerate(client_ids[:9]):
        due = today - dt.timedelta(days=n % 4)
        await _call(
            client,
            "POST",
            "/v1/interactions",
            {
                "client_id": client_id,
                "channel": rng.choice(["phone", "email", "whatsapp"]),
                "direction": "inbound",
                "occurred_at": min(_moment(today, 3 + n % 4, rng), now).isoformat(),
                "contact_name": rng.choice(CONTACTS),
                "handled_by": STAFF[n % len(STAFF)],
                "summary": "Quedamos en llamarle con el presupuesto revisado",
                "outcome": "follow_up",
                "follow_up_on": due.isoformat(),
            },
        )
        made += 1
    return made


async def _requests(
    client: httpx.AsyncClient, client_ids: list[str], today: dt.date, rng: random.Random
) -> dict[str, Any]:
    """Requests in every state; the closed ones over two years, the open ones recent."""
    now = dt.datetime.now(dt.UTC)
    tokens: list[str] = []
    counts: dict[str, int] = {}
    breaches = 0
    plan = ["closed"] * 16 + ["resolved"] * 2 + ["waiting_on_client"] * 2
    plan += ["in_progress"] * 2 + ["open"] * 3 + ["reopened"]
    for n, final in enumerate(plan):
        priority = rng.choices(["low", "normal", "high", "urgent"], [2, 5, 3, 1])[0]
        recent = final in ("open", "in_progress", "waiting_on_client", "reopened")
        days_ago = rng.randint(0, 6) if recent else int(rng.uniform(8, 720))
        opened = min(_moment(today, days_ago, rng), now - dt.timedelta(hours=1))
        subject, description = REQUESTS[n % len(REQUESTS)]
        req = await _call(
            client,
            "POST",
            "/v1/requests",
            {
                "client_id": rng.choice(client_ids),
                "subject": subject,
                "description": description,
                "priority": priority,
                "channel": rng.choice(["email", "phone", "web_form", "whatsapp"]),
                "assignee": rng.choice(STAFF),
                "opened_at": opened.isoformat(),
            },
        )
        # One in five took longer than its target; the rest were resolved within it.
        late = rng.random() < 0.2
        target = TARGETS[priority]
        took = target * rng.uniform(1.2, 3.0) if late else target * rng.uniform(0.2, 0.9)
        steps: list[tuple[str, dt.datetime]] = []
        started = opened + dt.timedelta(hours=took * 0.2)
        resolved = opened + dt.timedelta(hours=took)
        if final in ("in_progress", "waiting_on_client", "resolved", "closed", "reopened"):
            steps.append(("in_progress", started))
        if final == "waiting_on_client":
            steps.append(("waiting_on_client", started + dt.timedelta(minutes=30)))
        if final in ("resolved", "closed", "reopened"):
            steps.append(("resolved", resolved))
        if final in ("closed", "reopened"):
            steps.append(("closed", resolved + dt.timedelta(hours=rng.uniform(2, 48))))
        if final == "reopened":
            steps.append(("open", steps[-1][1] + dt.timedelta(hours=6)))
        answer: dict[str, Any] = req
        for status, at in steps:
            answer = await _call(
                client,
                "POST",
                f"/v1/requests/{req['id']}/status",
                {"status": status, "at": min(at, now).isoformat()},
            )
            if status == "closed":
                tokens.append(answer["survey"]["link"]["token"])
        counts[answer["status"]] = counts.get(answer["status"], 0) + 1
        breaches += bool(answer["sla_breached"])
    return {"by_status": counts, "sla_breached": breaches, "csat_tokens": tokens}


async def _answer(client: httpx.AsyncClient, token: str, score: int, comment: str | None) -> None:
    body: dict[str, Any] = {"score": score}
    if comment:
        body["comment"] = comment
    await _call(client, "POST", f"/v1/public/surveys/{token}", body)


async def _surveys(
    client: httpx.AsyncClient, client_ids: list[str], csat_tokens: list[str], rng: random.Random
) -> dict[str, int]:
    answered = {"csat": 0, "nps": 0}
    for token in csat_tokens:
        if rng.random() < 0.75:
            score = rng.choices([1, 2, 3, 4, 5], [1, 1, 3, 8, 10])[0]
            comment = "Muy rápidos, gracias" if score == 5 else None
            await _answer(client, token, score, comment)
            answered["csat"] += 1
    for client_id in rng.sample(client_ids, min(12, len(client_ids))):
        survey = await _call(client, "POST", "/v1/surveys", {"client_id": client_id, "kind": "nps"})
        if rng.random() < 0.8:
            score = rng.choices(range(11), [1, 1, 1, 1, 1, 2, 3, 5, 8, 9, 6])[0]
            await _answer(client, survey["link"]["token"], score, None)
            answered["nps"] += 1
    return answered


async def _follow_ups(
    client: httpx.AsyncClient, client_ids: list[str], today: dt.date, rng: random.Random
) -> int:
    tasks = [
        ("Enviar presupuesto de la revisión anual", 0),
        ("Llamar para confirmar la visita del técnico", 0),
        ("Reclamar la firma del contrato", -3),
        ("Preparar la propuesta de ampliación", 2),
        ("Revisar con administración el recibo devuelto", -1),
        ("Visita comercial", 7),
    ]
    for n, (title, days) in enumerate(tasks):
        await _call(
            client,
            "POST",
            "/v1/follow-ups",
            {
                "client_id": rng.choice(client_ids),
                "title": title,
                "due_on": (today + dt.timedelta(days=days)).isoformat(),
                "assignee": STAFF[n % len(STAFF)],
            },
        )
    return len(tasks)


async def seed_crm(
    client: httpx.AsyncClient,
    client_ids: list[str],
    today: dt.date,
    rng: random.Random,
) -> dict[str, Any]:
    """Fill the tenant's CRM; returns what was made (counts only, no tokens)."""
    if not client_ids:
        return {"interactions": 0, "requests": {}, "surveys_answered": {}, "follow_ups": 0}
    interactions = await _interactions(client, client_ids, today, rng)
    requests = await _requests(client, client_ids, today, rng)
    answered = await _surveys(client, client_ids, requests.pop("csat_tokens"), rng)
    follow_ups = await _follow_ups(client, client_ids, today, rng)
    return {
        "interactions": interactions,
        "requests": requests,
        "surveys_answered": answered,
        "follow_ups": follow_ups,
    }
