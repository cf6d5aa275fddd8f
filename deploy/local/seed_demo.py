#!/usr/bin/env python3
"""Creates the demo tenant of `make run` and fills it through the gateway, as a user would.

The demo business is a small maintenance and installations company in Valencia with a few
dozen clients: companies, self-employed people, a town council and foreign clients. Some clients
changed over time (the self-employed plumber who became an S.L. with a new CIF, a move of fiscal
address), and a couple are archived. Idempotent: a second run reuses the tenant it made.

Its VERI*FACTU records reach the local AEAT conformance simulator that `stack.py up` starts: the
seed mints a certificate for the demo issuer's NIF from the simulator's control API and uploads
it (`PUT /v1/issuer/certificate`), once the invoices are issued, so the first request to the
simulator carries them all. A re-run uploads a new one only when the stored one is missing,
unusable or from another simulator CA (a wiped `.local/dev/aeat`).

It also makes a test API key (`ck_test_...`, kept as `test_api_key` in `.local/dev/demo.json`)
whose calls act on the demo tenant's sandbox, and prepares that sandbox for a quick start: the
same issuer and the series "F" (ordinary) and "R" (rectifying), so a partner's first invoice
with the test key can be issued at once. Nothing made with it leaves Cartera.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as dt
import hashlib
import json
import random
import secrets
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import local_secrets  # the sibling script: this checkout's random secrets
from seed_crm import seed_crm  # the sibling script: the demo's CRM history
from stdnum.es import ccc

from cartera_shared import business_day

ROOT = Path(__file__).resolve().parents[2]
# The demo's owner, for the web app; a local demo only, so the password is printed too.
DEMO_EMAIL = "ana.garcia@levante-demo.es"
# The demo owner's password: random for each checkout, kept with its other local secrets.
DEMO_PASSWORD = local_secrets.ensure()["CARTERA_DEMO_PASSWORD"]
STATE = ROOT / ".local" / "dev" / "demo.json"
# The gestoría's accountant, who keeps the books of the demo business and of a second one: one
# person, one password (the owner's, printed too), two businesses on her desk (/app/#/desk).
ACCOUNTANT_EMAIL = "lucia.pardo@gestoria-turia-demo.es"
SECOND_BUSINESS = "Horno del Carmen S.L."
# What the dev profile's AEAT simulator wrote when it started (deploy/local/stack.py).
SIMULATOR = ROOT / ".local" / "dev" / "aeat" / "simulator.json"
ISSUER_NAME = "Instalaciones y Mantenimiento Levante S.L."
ISSUER_NIF = "B98765431"
NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
CIF_CONTROL_LETTERS = "JABCDEFGHI"

# (postal code prefix, province, cities)
PLACES = [
    ("46", "Valencia", ["Valencia", "Torrent", "Gandia", "Paterna", "Sagunto", "Alzira"]),
    ("03", "Alicante", ["Alicante", "Elche", "Benidorm", "Alcoy"]),
    ("12", "Castellón", ["Castellón de la Plana", "Vila-real", "Burriana"]),
    ("28", "Madrid", ["Madrid", "Alcalá de Henares", "Getafe"]),
    ("08", "Barcelona", ["Barcelona", "Sabadell", "Terrassa"]),
    ("30", "Murcia", ["Murcia", "Cartagena", "Lorca"]),
]
STREETS = [
    "Calle de Colón",
    "Avenida del Puerto",
    "Calle de la Paz",
    "Calle Mayor",
    "Avenida de Aragón",
    "Calle de San Vicente Mártir",
    "Polígono Industrial Fuente del Jarro, calle 7",
    "Avenida Blasco Ibáñez",
    "Calle del Mar",
    "Camino Real de Madrid",
    "Calle de Ruzafa",
]
COMPANIES = [
    ("Construcciones Turia", "S.L."),
    ("Hostelería del Cabanyal", "S.L."),
    ("Clínica Dental Benimaclet", "S.L.P."),
    ("Frutas y Verduras Huerta Norte", "S.L."),
    ("Talleres Mecánicos Albufera", "S.L."),
    ("Inmobiliaria Levante Patrimonio", "S.A."),
    ("Colegio Concertado San José de Calasanz", "S.L."),
    ("Distribuciones Cerámicas del Mediterráneo", "S.A."),
    ("Hotel Playa de la Malvarrosa", "S.A."),
    ("Residencia de Mayores Virgen del Carmen", "S.L."),
    ("Panadería Artesana La Espiga", "S.L."),
    ("Gestoría Martínez y Asociados", "S.L."),
    ("Supermercados Vecinales Campanar", "S.L."),
    ("Transportes Hermanos Ferrer", "S.L."),
    ("Comunidad de Propietarios Edificio Náutico", None),
    ("Bodegas Utiel-Requena Selección", "S.A."),
    ("Farmacia Ldo. Pérez Gil", "C.B."),
    ("Gimnasio Activa Ruzafa", "S.L."),
    ("Restaurante Casa Montaña", "S.L."),
    ("Cooperativa Agrícola Sant Isidre", "Coop. V."),
    ("Academia de Idiomas Babel", "S.L."),
    ("Centro Veterinario Marxalenes", "S.L.P."),
]
SELF_EMPLOYED = [
    "María José Sanchis Ortega",
    "Vicente Llorens Boix",
    "Amparo Giner Martí",
    "Jordi Peris Ferrando",
    "Lucía Navarro Bellver",
    "Andrés Moreno Císcar",
    "Carmen Bosch Tortosa",
    "Pablo Esteve Ribes",
]
PUBLIC = [("Ayuntamiento de Burjassot", "P4607800B"), ("Universitat de València", "Q4618001D")]
# Their DIR3 codes (oficina contable, órgano gestor, unidad tramitadora), without which an invoice
# to a public body is refused at issue. Shaped as DIR3 codes are; not looked up in the directory.
PUBLIC_DIR3 = {
    "P4607800B": ("L01460780", "L01460780", "LA0004601"),
    "Q4618001D": ("U00400001", "U00400001", "U00400002"),
}
# Spanish banks' codes: CaixaBank, Santander, BBVA, Sabadell, Cajamar, Ibercaja.
BANKS = ["2100", "0049", "0182", "0081", "3058", "2085"]
CONTACT_NAMES = [
    "Rosa Martí",
    "Javier Soler",
    "Elena Ferrer",
    "Toni Gil",
    "Marta Climent",
    "Sergio Vidal",
]
CONTACT_ROLES = ["Administración", "Gerencia", "Compras", "Mantenimiento"]
CANARY = (
    "Distribuciones Insulares Atlántico S.L.",
    "Calle Triana 44",
    "35002",
    "Las Palmas de Gran Canaria",
)
FOREIGN = [
    (
        "Boulangeries Provence SARL",
        "FR",
        "FR40303265045",
        "13 Rue de la République",
        "13001",
        "Marseille",
    ),
    ("Quinta do Vale Lda.", "PT", "PT501964843", "Rua Augusta 120", "1100-053", "Lisboa"),
]


def cif(letter: str, rng: random.Random) -> str:
    digits = f"{rng.randrange(10_000_000):07d}"
    odd = sum(sum(divmod(int(d) * 2, 10)) for d in digits[0::2])
    even = sum(int(d) for d in digits[1::2])
    control = (10 - (odd + even) % 10) % 10
    return f"{letter}{digits}{control if letter in 'ABEH' else CIF_CONTROL_LETTERS[control]}"


def nif(rng: random.Random) -> str:
    number = rng.randrange(10_000_000, 99_999_999)
    return f"{number}{NIF_LETTERS[number % 23]}"


def iban(rng: random.Random) -> str:
    bank, branch = rng.choice(BANKS), f"{rng.randrange(10_000):04d}"
    account = f"{rng.randrange(10**10):010d}"
    check = ccc.calc_check_digits(f"{bank}{branch}00{account}")
    return str(ccc.to_iban(f"{bank}{branch}{check}{account}"))


def extras(rng: random.Random, name: str) -> dict[str, object]:
    """Contacts, a bank account and payment terms, as a real portfolio has them."""
    contacts = [
        {
            "name": person,
            "role": rng.choice(CONTACT_ROLES),
            "email": email_for(name).replace("administracion", person.split()[0].lower()),
            "phone": f"+34 6{rng.randrange(10**8):08d}",
        }
        for person in rng.sample(CONTACT_NAMES, rng.choice([1, 1, 2]))
    ]
    terms = rng.choice(
        [
            {"days": 30},
            {"days": 30},
            {"days": 0},
            {"days": 45},
            {"days": 60, "fixed_day": 10},
            {"days": 30, "instalments": 2, "interval_days": 30},
        ]
    )
    result: dict[str, object] = {"contacts": contacts, "payment_terms": terms}
    if rng.random() < 0.6:
        result["bank_accounts"] = [{"iban": iban(rng)}]
    return result


def address(rng: random.Random) -> dict[str, str]:
    prefix, province, cities = rng.choice(PLACES)
    return {
        "street": f"{rng.choice(STREETS)} {rng.randint(1, 140)}",
        "postal_code": f"{prefix}{rng.randint(1, 199):03d}",
        "city": rng.choice(cities),
        "province": province,
        "country": "ES",
    }


def email_for(name: str) -> str:
    slug = "".join(ch for ch in name.lower().split(" s.")[0] if ch.isalnum())[:18]
    return f"administracion@{slug or 'cliente'}.es"


def demo_clients(rng: random.Random) -> list[dict[str, object]]:
    clients: list[dict[str, object]] = []
    for name, form in COMPANIES:
        legal = f"{name} {form}" if form else name
        letter = {"S.A.": "A", "C.B.": "E", "Coop. V.": "F", None: "H"}.get(form, "B")
        tags = rng.sample(["mantenimiento", "instalaciones", "urgencias", "contrato anual"], 2)
        company: dict[str, object] = {
            "legal_name": legal,
            "trade_name": name,
            "kind": "company",
            "tax_id": cif(letter, rng),
            "country": "ES",
            "fiscal_address": address(rng),
            "email": email_for(name),
            "tags": tags,
            **extras(rng, name),
        }
        if form == "C.B.":  # a retailer taxed by attribution: recargo de equivalencia
            company["tax_treatment"] = {"vat_regime": "general", "equivalence_surcharge": True}
        clients.append(company)
    name, street, postal, city = CANARY  # outside Spanish VAT (IGIC)
    clients.append(
        {
            "legal_name": name,
            "kind": "company",
            "tax_id": cif("B", rng),
            "country": "ES",
            "fiscal_address": {"street": street, "postal_code": postal, "city": city},
            "email": email_for(name),
            "tags": ["canarias"],
            **extras(rng, name),
        }
    )
    for person in SELF_EMPLOYED:
        clients.append(
            {
                "legal_name": person,
                "kind": "self_employed",
                "tax_id": nif(rng),
                "country": "ES",
                "fiscal_address": address(rng),
                "tags": ["autónomo"],
                **extras(rng, person),
            }
        )
    for name, tax_id in PUBLIC:
        clients.append(
            {
                "legal_name": name,
                "kind": "public_administration",
                "tax_id": tax_id,
                "country": "ES",
                "fiscal_address": address(rng),
                "dir3": dict(
                    zip(
                        ("oficina_contable", "organo_gestor", "unidad_tramitadora"),
                        PUBLIC_DIR3[tax_id],
                        strict=True,
                    )
                ),
                "tags": ["sector público"],
                "payment_terms": {"days": 30},
            }
        )
    for name, country, vat, street, postal, city in FOREIGN:
        clients.append(
            {
                "legal_name": name,
                "kind": "foreign",
                "tax_id": vat,
                "country": country,
                "fiscal_address": {
                    "street": street,
                    "postal_code": postal,
                    "city": city,
                    "country": country,
                },
                "tags": ["exportación"],
                "payment_terms": {"days": 60},
            }
        )
    return clients


class PatientTransport(httpx.HTTPTransport):
    """Waits out the gateway's rate limit (429 + Retry-After) as a well-behaved client does."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for _ in range(30):
            response = super().handle_request(request)
            if response.status_code != 429:
                return response
            response.read()
            response.close()
            time.sleep(float(response.headers.get("Retry-After", "1")))
        return response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gateway", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    admin_token = local_secrets.ensure()["CARTERA_GATEWAY_ADMIN_TOKEN"]

    with httpx.Client(base_url=args.gateway, timeout=30, transport=PatientTransport()) as http:
        if STATE.exists():
            saved = json.loads(STATE.read_text())
            probe = http.get("/v1/clients", headers={"Authorization": f"Bearer {saved['api_key']}"})
            if probe.status_code == 200 and probe.json()["total"] > 0:
                headers = {"Authorization": f"Bearer {saved['api_key']}"}
                saved = connect_to_the_simulator(http, headers, saved)
                write_state(saved)
                saved = prepare_sandbox(http, headers, saved, business_day.today())
                write_state(saved)
                saved = seed_accountant(http, headers, admin_token, saved)
                write_state(saved)
                report(args.gateway, saved, probe.json()["total"], admin_token, reused=True)
                return
        # A half-finished earlier seed may hold the demo address: the next free variant is used.
        for attempt in range(20):
            email = DEMO_EMAIL if attempt == 0 else DEMO_EMAIL.replace("@", f"+{attempt}@")
            created = http.post(
                "/v1/admin/tenants",
                json={
                    "name": "Instalaciones y Mantenimiento Levante S.L.",
                    "owner": {"email": email, "name": "Ana García", "password": DEMO_PASSWORD},
                },
                headers={"Authorization": f"Bearer {admin_token}"},
            )
            if created.status_code != 409:
                break
        if created.status_code != 201:
            sys.exit(f"could not create the demo tenant: {created.status_code} {created.text}")
        tenant = created.json()
        headers = {"Authorization": f"Bearer {tenant['api_key']}"}
        rng = random.Random(2016)  # the seed article's year: the same demo every time
        ids: dict[str, str] = {}
        created: list[dict[str, object]] = []
        today = business_day.today()
        for client in demo_clients(rng):
            # Clients joined over the last two years; their fiscal data is in force since then.
            client["valid_from"] = (today - dt.timedelta(days=rng.randint(200, 730))).isoformat()
            answer = http.post("/v1/clients", json=client, headers=headers)
            if answer.status_code != 201:
                sys.exit(f"could not create {client['legal_name']}: {answer.text}")
            ids[str(client["legal_name"])] = answer.json()["id"]
            created.append({**client, "id": answer.json()["id"]})

        # The story of the seed article: a self-employed client becomes an S.L. with a new CIF.
        plumber = ids["Vicente Llorens Boix"]
        http.patch(
            f"/v1/clients/{plumber}",
            json={
                "legal_name": "Fontanería Llorens S.L.",
                "trade_name": "Fontanería Llorens",
                "kind": "company",
                "tax_id": cif("B", rng),
                "valid_from": (today - dt.timedelta(days=90)).isoformat(),
                "reason": "Deja de ser autónomo: constituye Fontanería Llorens S.L.",
            },
            headers=headers,
        ).raise_for_status()
        # A client that moved its fiscal address.
        http.patch(
            f"/v1/clients/{ids['Gestoría Martínez y Asociados S.L.']}",
            json={
                "fiscal_address": {
                    "street": "Gran Vía Marqués del Turia 49",
                    "postal_code": "46005",
                    "city": "Valencia",
                    "province": "Valencia",
                    "country": "ES",
                },
                "valid_from": (today - dt.timedelta(days=45)).isoformat(),
                "reason": "Traslado del domicilio fiscal",
            },
            headers=headers,
        ).raise_for_status()
        invoices = seed_invoices(http, headers, created, rng, today)
        seed_payments(http, headers, created, invoices, rng, today)
        asyncio.run(seed_crm_history(args.gateway, headers, list(ids.values()), rng, today))
        for gone in ("Restaurante Casa Montaña S.L.", "Pablo Esteve Ribes"):
            http.post(f"/v1/clients/{ids[gone]}/archive", headers=headers).raise_for_status()

        saved = {"tenant_id": tenant["tenant_id"], "api_key": tenant["api_key"], "email": email}
        write_state(saved)
        # Last, so the invoices' records all wait for it: the simulator's first request of an
        # issuer is answered at once, and carries every one of them.
        saved = connect_to_the_simulator(http, headers, saved)
        write_state(saved)
        saved = prepare_sandbox(http, headers, saved, today)
        write_state(saved)
        saved = seed_accountant(http, headers, admin_token, saved)
        write_state(saved)
        report(args.gateway, saved, len(ids), admin_token, reused=False, invoices=invoices)


def seed_accountant(
    http: httpx.Client, headers: dict[str, str], admin_token: str, saved: dict[str, Any]
) -> dict[str, Any]:
    """A second business and the gestoría's accountant, a person of the demo business invited
    into the second one by its owner: she signs in once and sees both on her desk."""
    if saved.get("accountant_email"):
        return saved
    second = http.post(
        "/v1/admin/tenants",
        json={
            "name": SECOND_BUSINESS,
            "owner": {
                "email": "carmen.soler@horno-demo.es",
                "name": "Carmen Soler",
                "password": DEMO_PASSWORD,
            },
        },
        headers={"Authorization": f"Bearer {admin_token}"},
    )
    if second.status_code != 201:
        print(f"  (no second business: {second.status_code} {second.text})")
        return saved
    second_headers = {"Authorization": f"Bearer {second.json()['api_key']}"}
    seed_bakery(http, second_headers, random.Random(1899), business_day.today())
    person = {
        "email": ACCOUNTANT_EMAIL,
        "name": "Lucía Pardo",
        "role": "accountant",
        "password": DEMO_PASSWORD,
    }
    made = http.post("/v1/users", json=person, headers=headers)
    if made.status_code not in (201, 409):
        made.raise_for_status()
    signed = http.post(
        "/v1/auth/sign-in",
        json={"email": ACCOUNTANT_EMAIL, "password": DEMO_PASSWORD, "session": "token"},
    )
    signed.raise_for_status()
    invited = http.post("/v1/members", json={"email": ACCOUNTANT_EMAIL}, headers=second_headers)
    invited.raise_for_status()
    token = invited.json()["invitation_token"]
    if token:  # else it was mailed (a mail server is configured): she accepts from the mail
        http.post(
            "/v1/auth/invitation",
            json={"token": token},
            headers={"Authorization": f"Bearer {signed.json()['token']}"},
        ).raise_for_status()
    http.post("/v1/auth/sign-out", headers={"Authorization": f"Bearer {signed.json()['token']}"})
    return saved | {
        "accountant_email": ACCOUNTANT_EMAIL,
        "second_tenant_id": second.json()["tenant_id"],
        "second_api_key": second.json()["api_key"],
    }


# The second business: a bakery of the Carmen quarter selling to cafés, restaurants and hotels.
BAKERY_NIF = "B46781225"
BAKERY_CUSTOMERS = (
    "Cafetería El Tossal S.L.",
    "Restaurante La Lonja del Mercat S.L.",
    "Hotel Turia Centro S.A.",
    "Catering Russafa S.L.",
    "Bar Negrito Plaça del Carme S.L.",
)
BAKERY_PRODUCTS = (
    ("Pan común, barra de 250 g (caja de 40)", "22.00", "4"),  # LIVA art. 91.Dos.1.1.º a)
    ("Pan de hogaza, pieza de 1 kg", "3.80", "4"),
    ("Bollería surtida (bandeja de 24)", "26.40", "10"),
    ("Tarta de encargo para 12 raciones", "34.00", "10"),
)


def seed_bakery(
    http: httpx.Client, headers: dict[str, str], rng: random.Random, today: dt.date
) -> int:
    """Five months of the second business's invoices, one a fortnight to each of five clients
    (bread at 4 %, pastries at 10 %), and their payments, one client behind: figures for that
    business's line on the accountant's desk."""
    put_issuer(
        http,
        headers,
        today,
        name=SECOND_BUSINESS,
        nif=BAKERY_NIF,
        street=("Calle de la Bolsería 12", "46001"),
        days=400,
    )
    http.post(
        "/v1/series", json={"code": "F", "prefix": "F", "kind": "ordinary"}, headers=headers
    ).raise_for_status()
    clients: list[dict[str, object]] = []
    for name in BAKERY_CUSTOMERS:
        tax_id = cif("A" if name.endswith("S.A.") else "B", rng)
        street = address(rng)["street"]
        client: dict[str, object] = {
            "legal_name": name,
            "kind": "company",
            "tax_id": tax_id,
            "country": "ES",
            "fiscal_address": {
                "street": street,
                "postal_code": f"460{rng.randint(1, 24):02d}",  # the city of Valencia
                "city": "Valencia",
                "province": "Valencia",
                "country": "ES",
            },
            "email": email_for(name),
            "valid_from": (today - dt.timedelta(days=200)).isoformat(),
        }
        made = http.post("/v1/clients", json=client, headers=headers)
        made.raise_for_status()
        clients.append({**client, "id": made.json()["id"]})
    plan: list[tuple[dt.date, dict[str, object], list[dict[str, object]]]] = []
    for client in clients:
        day = today - dt.timedelta(days=150 - rng.randint(0, 10))
        while day < today - dt.timedelta(days=2):
            lines: list[dict[str, object]] = [
                {
                    "description": description,
                    "quantity": str(rng.randint(2, 12)),
                    "unit_price": price,
                    "vat_rate": vat,
                }
                for description, price, vat in rng.sample(BAKERY_PRODUCTS, rng.randint(1, 3))
            ]
            plan.append((day, client, lines))
            day += dt.timedelta(days=14 + rng.randint(-2, 2))
    issue_in_date_order(http, headers, plan)
    seed_payments(http, headers, clients, len(plan), rng, today)
    return len(plan)


def prepare_sandbox(
    http: httpx.Client, headers: dict[str, str], saved: dict[str, Any], today: dt.date
) -> dict[str, Any]:
    """A test API key for the demo tenant (reused while it works), and its sandbox ready to
    issue: the demo's issuer and the series F and R."""
    key = saved.get("test_api_key")
    if (
        key is None
        or http.get("/v1/series", headers={"Authorization": f"Bearer {key}"}).status_code != 200
    ):
        created = http.post(
            "/v1/api-keys",
            json={"name": "demo test key", "scopes": ["*"], "mode": "test"},
            headers=headers,
        )
        created.raise_for_status()
        key = created.json()["api_key"]
    test_headers = {"Authorization": f"Bearer {key}"}
    if http.get("/v1/issuer", headers=test_headers).status_code == 404:
        put_issuer(http, test_headers, today)
    listed = http.get("/v1/series", headers=test_headers).raise_for_status().json()
    # A bare array today; a page ({"items": ...}) once every list pages alike.
    existing = {s["code"] for s in (listed["items"] if isinstance(listed, dict) else listed)}
    for code, prefix, kind in SERIES:
        if code not in existing:
            http.post(
                "/v1/series",
                json={"code": code, "prefix": prefix, "kind": kind},
                headers=test_headers,
            ).raise_for_status()
    return {**saved, "test_api_key": key}


def write_state(saved: dict[str, Any]) -> None:
    STATE.parent.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps(saved))
    STATE.chmod(0o600)


def connect_to_the_simulator(
    http: httpx.Client, headers: dict[str, str], saved: dict[str, Any]
) -> dict[str, Any]:
    """Make the demo's records reach the local AEAT simulator: a certificate for the issuer's NIF,
    minted by the simulator's test CA and uploaded (owner only), and the sending mode on. Kept
    when the stored certificate is usable and was minted by the simulator's current CA."""
    if not SIMULATOR.exists():
        print("[seed] no AEAT simulator state (.local/dev/aeat): the records stay pending")
        return saved
    control = json.loads(SIMULATOR.read_text())["control_url"].rstrip("/")
    ca_pem = httpx.get(f"{control}/info", timeout=10).raise_for_status().json()["ca_pem"]
    ca = hashlib.sha256(ca_pem.encode()).hexdigest()
    current = http.get("/v1/issuer/certificate", headers=headers)
    kept = saved.get("certificate") or {}
    if (
        current.status_code == 200
        and current.json()["usable"]
        and current.json()["fingerprint_sha256"] == kept.get("fingerprint_sha256")
        and kept.get("ca_sha256") == ca
    ):
        print("[seed] VERI*FACTU: the demo's certificate is in place")
    else:
        password = secrets.token_urlsafe(16)  # only for the file's way to the gateway
        minted = httpx.post(
            f"{control}/certificates",
            json={"nif": ISSUER_NIF, "name": ISSUER_NAME, "kind": "company", "password": password},
            timeout=30,
        ).raise_for_status()
        uploaded = http.put(
            "/v1/issuer/certificate",
            files={
                "file": (
                    "levante-demo.p12",
                    base64.b64decode(minted.json()["pkcs12"]),
                    "application/x-pkcs12",
                )
            },
            data={"password": password},
            headers=headers,
        )
        if uploaded.status_code != 200:
            sys.exit(f"could not upload the demo's certificate: {uploaded.text}")
        saved = {
            **saved,
            "certificate": {
                "fingerprint_sha256": uploaded.json()["fingerprint_sha256"],
                "ca_sha256": ca,
            },
        }
        print("[seed] VERI*FACTU: a certificate from the AEAT simulator's CA uploaded")
    mode = http.get("/v1/issuer/verifactu", headers=headers).raise_for_status().json()
    if mode["mode"] != "own_certificate":
        http.put(
            "/v1/issuer/verifactu", json={"mode": "own_certificate"}, headers=headers
        ).raise_for_status()
    return saved


SERVICES = [
    ("Mantenimiento preventivo mensual de instalaciones", "180.00", "21"),
    ("Revisión de climatización", "95.00", "21"),
    ("Reparación de avería (mano de obra, horas)", "38.50", "21"),
    ("Instalación eléctrica: cuadro y cableado", "640.00", "21"),
    ("Sustitución de grifería y sanitarios", "310.00", "21"),
    ("Material de fontanería", "72.40", "21"),
    ("Desplazamiento", "25.00", "21"),
]


SERIES = (("F", "F", "ordinary"), ("R", "R", "rectifying"))


def put_issuer(
    http: httpx.Client,
    headers: dict[str, str],
    today: dt.date,
    *,
    name: str = ISSUER_NAME,
    nif: str = ISSUER_NIF,
    street: tuple[str, str] = ("Avenida de las Cortes Valencianas 39", "46015"),
    days: int = 800,
) -> None:
    """The business's fiscal data as issuer, in force since `days` ago (street, postal code)."""
    http.put(
        "/v1/issuer",
        json={
            "legal_name": name,
            "tax_id": nif,
            "fiscal_address": {
                "street": street[0],
                "postal_code": street[1],
                "city": "Valencia",
                "country": "ES",
            },
            "valid_from": (today - dt.timedelta(days=days)).isoformat(),
        },
        headers=headers,
    ).raise_for_status()


def seed_invoices(
    http: httpx.Client,
    headers: dict[str, str],
    clients: list[dict[str, object]],
    rng: random.Random,
    today: dt.date,
) -> int:
    """Two years of invoices, issued in date order as a real business would have."""
    put_issuer(http, headers, today)
    for code, prefix, kind in SERIES:
        http.post(
            "/v1/series", json={"code": code, "prefix": prefix, "kind": kind}, headers=headers
        ).raise_for_status()
    plan: list[tuple[dt.date, dict[str, object], list[dict[str, object]]]] = []
    for client in clients:
        start = dt.date.fromisoformat(str(client["valid_from"]))
        # A few big clients are invoiced every month; most, now and then.
        every = rng.choice([30, 30, 45, 60, 90, 120])
        size = rng.choice([1, 1, 1, 2, 3, 6])
        day = start + dt.timedelta(days=rng.randint(0, 20))
        while day < today - dt.timedelta(days=2):
            plan.append((day, client, invoice_lines(client, rng, size)))
            day += dt.timedelta(days=every + rng.randint(-5, 5))
    issue_in_date_order(http, headers, plan)
    return len(plan)


def issue_in_date_order(
    http: httpx.Client,
    headers: dict[str, str],
    plan: list[tuple[dt.date, dict[str, object], list[dict[str, object]]]],
) -> None:
    """Issue each (day, client, lines) in series F, oldest first: dates never go backwards."""
    for day, client, lines in sorted(plan, key=lambda item: item[0]):
        draft = http.post(
            "/v1/invoices",
            json={
                "client_id": client["id"],
                "series": "F",
                "issue_date": day.isoformat(),
                "lines": lines,
            },
            headers=headers,
        )
        draft.raise_for_status()
        http.post(f"/v1/invoices/{draft.json()['id']}/issue", headers=headers).raise_for_status()


async def seed_crm_history(
    gateway: str,
    headers: dict[str, str],
    client_ids: list[str],
    rng: random.Random,
    today: dt.date,
) -> None:
    """Two years of contacts, requests, surveys and follow-ups (deploy/local/seed_crm.py)."""
    async with httpx.AsyncClient(base_url=gateway, headers=headers, timeout=30) as client:
        await seed_crm(client, client_ids, today, rng)


def seed_payments(
    http: httpx.Client,
    headers: dict[str, str],
    clients: list[dict[str, object]],
    expected: int,
    rng: random.Random,
    today: dt.date,
) -> int:
    """Clients pay as real ones do: most on time, some late, two stop paying altogether."""
    deadline = time.monotonic() + 120
    receivables: list[dict[str, object]] = []
    while time.monotonic() < deadline:
        receivables, cursor = [], None
        while True:
            page = http.get(
                "/v1/receivables",
                params={"limit": 500, **({"cursor": cursor} if cursor else {})},
                headers=headers,
            ).json()
            receivables.extend(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                break
        if len(receivables) >= expected:
            break
        time.sleep(0.5)
    habits: dict[object, tuple[int, int]] = {}
    for index, client in enumerate(clients):
        # (days late at least, at most); two clients stopped paying four months ago.
        habits[client["id"]] = rng.choice([(-3, 0)] * 6 + [(0, 5), (5, 25), (15, 60)])
        if index in (3, 11):
            habits[client["id"]] = (-999, -999)
    stopped_paying = today - dt.timedelta(days=120)
    recorded = 0
    for receivable in receivables:
        low, high = habits.get(receivable["client_id"], (0, 0))
        defaulter = low == -999
        issued_on = dt.date.fromisoformat(str(receivable["issue_date"]))
        for instalment in receivable["instalments"]:  # type: ignore[attr-defined]
            due_on = dt.date.fromisoformat(instalment["due_on"])
            if defaulter and due_on > stopped_paying:
                continue
            delay = rng.randint(10, 40) if defaulter else rng.randint(low, high)
            paid_on = max(due_on + dt.timedelta(days=delay), issued_on)
            # Something recent is still unpaid now and then, even by good payers.
            if paid_on >= today or (due_on > today - dt.timedelta(days=45) and rng.random() < 0.15):
                continue
            http.post(
                "/v1/payments",
                json={
                    "invoice_id": receivable["invoice_id"],
                    "amount": instalment["outstanding"],
                    "paid_on": paid_on.isoformat(),
                    "method": rng.choice(["transfer"] * 4 + ["direct_debit", "card"]),
                },
                headers=headers,
            ).raise_for_status()
            recorded += 1
    http.post("/v1/collections/overdue/run", headers=headers).raise_for_status()
    return recorded


def invoice_lines(
    client: dict[str, object], rng: random.Random, size: int
) -> list[dict[str, object]]:
    lines: list[dict[str, object]] = []
    for description, price, vat in rng.sample(SERVICES, rng.randint(1, 3)):
        line: dict[str, object] = {
            "description": description,
            "quantity": str(rng.choice([1, 1, 2, 3, 4]) * size),
            "unit_price": price,
            "vat_rate": vat,
        }
        postal = str((client.get("fiscal_address") or {}).get("postal_code", ""))  # type: ignore[union-attr]
        if client["country"] != "ES":
            line.update(
                vat_rate="0",
                exemption_reason="N2 No sujeta: servicio prestado a un "
                "empresario establecido fuera del territorio (art. 69 LIVA)",
            )
        elif postal[:2] in ("35", "38", "51", "52"):
            line.update(
                vat_rate="0",
                exemption_reason="N2 No sujeta: destinatario en territorio "
                "sin IVA (Canarias, Ceuta y Melilla)",
            )
        elif (client.get("tax_treatment") or {}).get("equivalence_surcharge"):  # type: ignore[union-attr]
            line["surcharge_rate"] = "5.2"
        lines.append(line)
    return lines


def report(
    gateway: str,
    saved: dict[str, str],
    clients: int,
    admin_token: str,
    *,
    reused: bool,
    invoices: int | None = None,
) -> None:
    what = "reused" if reused else "created"
    contents = f"{clients} clients" + (f", {invoices} invoices" if invoices is not None else "")
    print(f"""
  Cartera is running.
    gateway        {gateway}   (OpenAPI: {gateway}/v1/openapi.json)
    demo tenant    {saved["tenant_id"]} ({what}: {contents})
    demo API key   {saved["api_key"]}
    test API key   {saved.get("test_api_key", "(none)")}   (its sandbox never reaches the AEAT)
    web app        {gateway}/app   (sign in as {saved.get("email", DEMO_EMAIL)} / {DEMO_PASSWORD})
    accountant     {saved.get("accountant_email", "(none)")} / {DEMO_PASSWORD}
                   (one password, two businesses: {gateway}/app/#/desk)
    operator token {admin_token}
    (these secrets are random, made for this checkout: {local_secrets.SECRETS_FILE})

  Try:  curl -H 'Authorization: Bearer {saved["api_key"]}' {gateway}/v1/clients
""")


if __name__ == "__main__":
    main()
