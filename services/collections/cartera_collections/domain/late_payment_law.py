"""Whom Ley 3/2004 (late payment in commercial operations) covers, decided from the debtor's kind.

Art. 3.1: the law applies to payments made as consideration in commercial operations between
businesses ("empresas", art. 2.a: any natural or legal person acting in its independent economic
or professional activity, which includes the self-employed), or between businesses and the
Administration. Art. 3.2.a leaves out contracts with consumers. So statutory late interest
(art. 7) and the 40 € compensation (art. 8) are claimed only from a company, a self-employed
client or a public administration; an individual (a consumer) gets neither the figures nor a
letter quoting the law.

A ``foreign`` client is a decision of ours, not the law's: the kind says where the client is,
not whether it acts as a business, and whether Spanish law governs the contract depends on it
(Reglamento Roma I). We do not claim Ley 3/2004 figures from it; the tenant can still chase the
debt, without the law's figures. An unknown debtor (no client on the invoice, or a client the
replica does not know yet) is treated the same way until the client is known.
"""

from __future__ import annotations

from dataclasses import dataclass

LAW = "Ley 3/2004"
BUSINESS_KINDS = frozenset({"company", "self_employed", "public_administration"})


@dataclass(frozen=True, slots=True)
class LateLawScope:
    applies: bool
    debtor_kind: str | None
    client_version: int | None
    basis: str


def scope_for(debtor_kind: str | None, client_version: int | None) -> LateLawScope:
    """Whether Ley 3/2004 covers a debt owed by a client of ``debtor_kind``, and why."""
    if debtor_kind in BUSINESS_KINDS:
        who = (
            "a public administration"
            if debtor_kind == "public_administration"
            else "a business (art. 2.a)"
        )
        return LateLawScope(True, debtor_kind, client_version, f"{LAW} art. 3.1: debtor is {who}")
    if debtor_kind == "individual":
        basis = f"{LAW} art. 3.2.a: contracts with consumers are excluded"
    elif debtor_kind == "foreign":
        basis = (
            f"{LAW} not claimed from a foreign client: its kind does not say whether it acts "
            "as a business nor whether Spanish law governs the contract (docs/collections.md)"
        )
    elif debtor_kind is None:
        basis = f"{LAW} not claimed: the debtor is not known"
    else:
        basis = f"{LAW} not claimed: unknown client kind {debtor_kind!r}"
    return LateLawScope(False, debtor_kind, client_version, basis)
