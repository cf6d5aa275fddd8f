"""Payment terms and tax treatment rules (Ley 3/2004; LIVA; RD 1619/2012)."""

from __future__ import annotations

from typing import Protocol

# Ley 3/2004, art. 4: between businesses, and with public bodies, never more than 60 days.
MAX_BUSINESS_PAYMENT_DAYS = 60
BUSINESS_KINDS = frozenset({"company", "self_employed", "public_administration"})
VAT_REGIMES_OUTSIDE_VAT_TERRITORY = frozenset({"outside_scope", "export", "exempt"})


class Terms(Protocol):
    @property
    def days(self) -> int: ...
    @property
    def instalments(self) -> int: ...
    @property
    def interval_days(self) -> int: ...


class Treatment(Protocol):
    @property
    def vat_regime(self) -> str: ...
    @property
    def equivalence_surcharge(self) -> bool: ...
    @property
    def exemption_reason(self) -> str | None: ...


def check_payment_terms(terms: Terms, *, kind: str) -> None:
    last_due = terms.days + (terms.instalments - 1) * terms.interval_days
    if kind in BUSINESS_KINDS and last_due > MAX_BUSINESS_PAYMENT_DAYS:
        raise ValueError(
            f"payment_terms: the last instalment falls {last_due} days after the invoice; "
            f"Ley 3/2004 allows at most {MAX_BUSINESS_PAYMENT_DAYS} days between businesses"
        )


def check_tax_treatment(treatment: Treatment, *, kind: str, territory: str) -> None:
    if territory in ("canary_islands", "ceuta", "melilla") and (
        treatment.vat_regime not in VAT_REGIMES_OUTSIDE_VAT_TERRITORY
    ):
        raise ValueError(
            f"tax_treatment: a client in {territory.replace('_', ' ')} is outside Spanish VAT "
            "(IGIC / IPSI); use vat_regime 'outside_scope'"
        )
    if treatment.vat_regime == "exempt" and not treatment.exemption_reason:
        raise ValueError("tax_treatment: an exempt client needs its exemption_reason (legal basis)")
    if treatment.equivalence_surcharge and treatment.vat_regime != "general":
        raise ValueError(
            "tax_treatment: recargo de equivalencia only applies on top of general VAT"
        )
    if treatment.equivalence_surcharge and kind not in ("self_employed", "individual", "company"):
        raise ValueError(
            "tax_treatment: recargo de equivalencia applies to retailers, "
            "not to this kind of client"
        )
