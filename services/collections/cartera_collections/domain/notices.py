"""The dunning notice's words: subject and plain-text body in Spanish, by tone, with the
Ley 3/2004 paragraph of a final notice to a debtor the law covers. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

DEFAULT_LEVELS = ((1, 3, "friendly"), (2, 15, "formal"), (3, 30, "final"))
SUBJECTS = {
    "friendly": "Recordatorio de pago: factura {number}",
    "formal": "Requerimiento de pago: factura {number}",
    "final": "Último aviso antes de reclamar: factura {number}",
}
OPENINGS = {
    "friendly": "Le escribimos para recordarle que tiene pendiente de pago el siguiente importe. "
    "Si ya lo ha abonado, le rogamos que no tenga en cuenta este mensaje.",
    "formal": "A pesar de nuestro recordatorio anterior, a día de hoy sigue pendiente de pago "
    "el importe que se detalla. Le rogamos que regularice la situación a la mayor brevedad.",
    "final": "Este es el último aviso antes de iniciar la reclamación de la deuda.",
}
# Only to a debtor Ley 3/2004 covers (a business or a public administration: debtor_scope.py);
# a consumer's final notice neither quotes the law nor carries its figures.
LATE_PAYMENT_LAW = (
    "Le recordamos que la Ley 3/2004, de 29 de diciembre, prevé intereses de demora desde el día "
    "siguiente al vencimiento (art. 7) y una indemnización de 40 € por costes de cobro (art. 8)."
)


def money(value: Decimal) -> str:
    whole, _, cents = f"{value:.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{groups},{cents} €"


def law_paragraph(claim: dict[str, Any] | None, today: dt.date) -> str:
    """The final notice's Ley 3/2004 paragraph for a debtor the law covers, with the interest
    to date and the compensation; without a published rate for a half-year, it says the
    interest will follow instead of a figure."""
    if claim is None:
        return ""
    text = f"\n\n{LATE_PAYMENT_LAW}"
    compensation = Decimal(claim["compensation"])
    if claim["rate_missing"] is not None:
        start = dt.date.fromisoformat(claim["rate_missing"]["half_year_start"])
        text += (
            f"\nIndemnización por costes de cobro: {money(compensation)}. Los intereses de demora "
            f"se los comunicaremos aparte: el tipo legal del semestre que empieza el "
            f"{start.strftime('%d/%m/%Y')} aún no está publicado en nuestro sistema."
        )
    else:
        text += (
            f"\nIntereses de demora devengados a {today.strftime('%d/%m/%Y')}: "
            f"{money(Decimal(claim['interest']))}. Indemnización por costes de cobro: "
            f"{money(compensation)}."
        )
    return text


def compose(
    tone: str,
    client_name: str,
    number: str,
    lines: list[tuple[int, dt.date, Decimal]],
    today: dt.date,
    claim: dict[str, Any] | None = None,
) -> tuple[str, str]:
    """Subject and plain-text body of a notice, in Spanish, listing what is owed. ``claim`` (the
    late-interest claim) is given only for a final notice to a debtor Ley 3/2004 covers."""
    owed = sum((amount for _, _, amount in lines), Decimal("0.00"))
    rows = "\n".join(
        f"  - Vencimiento {seq}: {due.strftime('%d/%m/%Y')} — {money(amount)} "
        f"({(today - due).days} días de retraso)"
        for seq, due, amount in lines
    )
    body = (
        f"Estimado cliente ({client_name}):\n\n{OPENINGS[tone]}{law_paragraph(claim, today)}\n\n"
        f"Factura {number}\n{rows}\n\nTotal pendiente: {money(owed)}\n\n"
        "Un saludo cordial,\nDepartamento de administración\n"
    )
    return SUBJECTS[tone].format(number=number), body
