"""Which Verifactu record corrects or cancels an invoice, from what the AEAT said of its records.

No I/O. The rules are the AEAT's "Sistemas Informáticos de Facturación - remisión voluntaria y
bajo requerimiento" (description of the web service, version 1.0.3 of 28-07-2025), annex II,
"Operativa de remisión voluntaria VERI*FACTU": 9.1 (alta: normal, de subsanación, por rechazo)
and 9.2 (anulación: normal, por rechazo, sin registro previo); the enumerations of
`SuministroInformacion.xsd` (`RechazoPrevioType`: X means the record does not exist at the AEAT,
whatever was rejected before, and "no alta (N, X)" is admitted); and art. 10 and 11 of the
Reglamento approved by RD 1007/2023 (alta and anulación records). docs/verifactu.md,
"Corrections and cancellations", says what each decision rests on and what is not verified.

An invoice's records are given in chain order, each with the AEAT's answer to it:

- Correction (subsanación) of an alta: a new alta of the same invoice (same IDFactura) with
  Subsanacion S. RechazoPrevio is left out (N) when the record the AEAT holds is being
  corrected (its last alta was accepted, with or without errors); X when no alta of the invoice
  ever reached the AEAT (every one was rejected: "alta por rechazo"); S when the AEAT holds an
  earlier alta but refused the last correction ("alta por rechazo de subsanación"). An accepted
  record is corrected only when the rebuilt record says something different
  (`same_registration`): the AEAT admits correcting an accepted record, but resending what it
  holds corrects nothing.
- Correction of an anulación the AEAT refused: a new anulación with RechazoPrevio S, and
  SinRegistroPrevio S when the AEAT holds no alta of the invoice.
- Cancellation: an anulación; SinRegistroPrevio S only when every alta of the invoice was
  rejected (the AEAT holds none). An alta still waiting for its answer counts as one the AEAT
  will hold: records reach the AEAT in chain order, so it is answered before the anulación is
  read, and if it is refused after all, the anulación's own refusal is corrected as above.
- Nothing is decided while a record of the invoice waits for its answer: the right flags
  depend on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from cartera_invoicing.domain.verifactu import SF_NS

RecordStatus = Literal["pending", "accepted", "accepted_with_errors", "rejected"]
Kind = Literal["alta", "anulacion"]
ACCEPTED: frozenset[str] = frozenset({"accepted", "accepted_with_errors"})


@dataclass(frozen=True)
class RecordState:
    """One stored record of an invoice: its kind and the AEAT's answer to it."""

    kind: Kind
    status: RecordStatus


@dataclass(frozen=True)
class Operation:
    """The record to append, in the AEAT's words (`name`) and flags."""

    kind: Kind
    name: str
    correction: bool = False  # Subsanacion = S (alta)
    prior_rejection: Literal["S", "X"] | None = None  # RechazoPrevio; None is N
    without_prior_record: bool = False  # SinRegistroPrevio = S (anulación)
    # Only worth appending when the rebuilt record differs from the accepted one.
    only_if_changed: bool = False


class Refused(Exception):
    """No record can be appended now; `reason` says why, `code` what kind of refusal."""

    def __init__(self, code: Literal["pending", "nothing_to_correct", "cancelled"], reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _waiting(history: Sequence[RecordState]) -> None:
    if not history:
        raise Refused("nothing_to_correct", "the invoice has no Verifactu record")
    if any(r.status == "pending" for r in history):
        raise Refused(
            "pending",
            "a record of this invoice is still waiting for the AEAT's answer; what corrects it "
            "depends on that answer, so try again once it has come",
        )


def _alta_held(history: Sequence[RecordState]) -> bool:
    """Whether the AEAT holds an alta of the invoice (accepted, with or without errors)."""
    return any(r.kind == "alta" and r.status in ACCEPTED for r in history)


def correction_of(history: Sequence[RecordState]) -> Operation:
    """The record that corrects the invoice's last record, or `Refused`."""
    _waiting(history)
    last = history[-1]
    if last.kind == "anulacion":
        if last.status in ACCEPTED:
            raise Refused(
                "cancelled",
                "the invoice is cancelled and the AEAT accepted its anulación: there is no "
                "record left to correct",
            )
        without = not _alta_held(history)
        return Operation(
            kind="anulacion",
            name="ANULACIÓN POR RECHAZO" + (" SIN REGISTRO PREVIO" if without else ""),
            prior_rejection="S",
            without_prior_record=without,
        )
    if last.status == "accepted":
        return Operation(
            kind="alta", name="ALTA DE SUBSANACIÓN", correction=True, only_if_changed=True
        )
    if last.status == "accepted_with_errors":
        return Operation(kind="alta", name="ALTA DE SUBSANACIÓN", correction=True)
    if _alta_held(history[:-1]):
        return Operation(
            kind="alta",
            name="ALTA POR RECHAZO DE SUBSANACIÓN",
            correction=True,
            prior_rejection="S",
        )
    return Operation(kind="alta", name="ALTA POR RECHAZO", correction=True, prior_rejection="X")


def cancellation_of(history: Sequence[RecordState]) -> Operation:
    """The anulación record that cancels the invoice, or `Refused`."""
    if not history:
        raise Refused("nothing_to_correct", "the invoice has no Verifactu record to cancel")
    if history[-1].kind == "anulacion":
        raise Refused("cancelled", "the invoice is cancelled already")
    held_or_coming = any(
        r.kind == "alta" and (r.status in ACCEPTED or r.status == "pending") for r in history
    )
    if held_or_coming:
        return Operation(kind="anulacion", name="ANULACIÓN")
    return Operation(
        kind="anulacion", name="ANULACIÓN SIN REGISTRO PREVIO", without_prior_record=True
    )


# --- comparing what two records say ---------------------------------------------------------

# What changes from one record to the next without the record saying anything different: its
# place in the chain, its stamp, the flags of the operation and the software that made it.
_NOT_CONTENT = frozenset(
    f"{{{SF_NS}}}{name}"
    for name in (
        "Subsanacion",
        "RechazoPrevio",
        "Encadenamiento",
        "SistemaInformatico",
        "FechaHoraHusoGenRegistro",
        "TipoHuella",
        "Huella",
    )
) | {"{http://www.w3.org/2000/09/xmldsig#}Signature"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)


def _registration(xml: str | bytes) -> bytes:
    raw = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(raw, _PARSER)
    tag = f"{{{SF_NS}}}RegistroAlta"
    found = root if root.tag == tag else root.find(f".//{tag}")
    if found is None:
        raise ValueError("the document holds no RegistroAlta")
    for child in list(found):
        if child.tag in _NOT_CONTENT:
            found.remove(child)
    return bytes(etree.tostring(found, method="c14n"))


def same_registration(old_xml: str | bytes, new_xml: str | bytes) -> bool:
    """Whether two alta records register the same data (chain, stamp and flags aside)."""
    return _registration(old_xml) == _registration(new_xml)


def operation_flags(xml: str | bytes) -> dict[str, str]:
    """Subsanacion, RechazoPrevio and SinRegistroPrevio as a stored record carries them."""
    raw = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(raw, _PARSER)
    flags: dict[str, str] = {}
    for name in ("Subsanacion", "RechazoPrevio", "SinRegistroPrevio"):
        element = root.find(f".//{{{SF_NS}}}{name}")
        if element is not None and element.text:
            flags[name] = element.text
    return flags


__all__ = [
    "Operation",
    "RecordState",
    "RecordStatus",
    "Refused",
    "cancellation_of",
    "correction_of",
    "operation_flags",
    "same_registration",
]
