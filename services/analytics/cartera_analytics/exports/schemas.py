"""The account mapping, as read and as written."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from cartera_shared.contract import Answer
from cartera_shared.text import Input

_EXAMPLE: dict[str, Any] = {
    "digits": 8,
    "clients": "430",
    "sales_goods": "700",
    "sales_services": "705",
    "output_tax_prefix": "4770",
    "equivalence_prefix": "4771",
    "withholding_account": "4730",
    "bank": "572",
    "output_tax_accounts": {"21.00": "47700021"},
    "equivalence_accounts": {},
}

DESCRIPTIONS = {
    "digits": "Length of every sub-account (6 to 12); shorter accounts are padded with zeros.",
    "clients": "Prefix of the per-client sub-accounts (430 Clientes).",
    "sales_goods": "Sales of goods (700 Ventas de mercaderías).",
    "sales_services": "Services (705 Prestaciones de servicios): the default.",
    "output_tax_prefix": "Prefix of the output VAT sub-account of each rate (477 IVA repercutido).",
    "equivalence_prefix": "Prefix of the recargo sub-account of each rate (under 477).",
    "withholding_account": "IRPF withheld by clients (4730).",
    "bank": "Where payments come in (572 Bancos).",
    "output_tax_accounts": "A VAT rate's own sub-account, over the prefix's: {\"21.00\": ...}.",
    "equivalence_accounts": 'A recargo rate\'s own sub-account: {"5.20": ...}.',
}


class AccountMappingAnswer(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    digits: int = Field(description=DESCRIPTIONS["digits"])
    clients: str = Field(description=DESCRIPTIONS["clients"])
    sales_goods: str = Field(description=DESCRIPTIONS["sales_goods"])
    sales_services: str = Field(description=DESCRIPTIONS["sales_services"])
    output_tax_prefix: str = Field(description=DESCRIPTIONS["output_tax_prefix"])
    equivalence_prefix: str = Field(description=DESCRIPTIONS["equivalence_prefix"])
    withholding_account: str = Field(description=DESCRIPTIONS["withholding_account"])
    bank: str = Field(description=DESCRIPTIONS["bank"])
    output_tax_accounts: dict[str, str] = Field(description=DESCRIPTIONS["output_tax_accounts"])
    equivalence_accounts: dict[str, str] = Field(description=DESCRIPTIONS["equivalence_accounts"])


class AccountMappingIn(Input):
    """Every field optional: one left out takes the PGC default."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    digits: int = Field(default=8, description=DESCRIPTIONS["digits"])
    clients: str = Field(default="430", max_length=12, description=DESCRIPTIONS["clients"])
    sales_goods: str = Field(default="700", max_length=12, description=DESCRIPTIONS["sales_goods"])
    sales_services: str = Field(
        default="705", max_length=12, description=DESCRIPTIONS["sales_services"]
    )
    output_tax_prefix: str = Field(
        default="4770", max_length=12, description=DESCRIPTIONS["output_tax_prefix"]
    )
    equivalence_prefix: str = Field(
        default="4771", max_length=12, description=DESCRIPTIONS["equivalence_prefix"]
    )
    withholding_account: str = Field(
        default="4730", max_length=12, description=DESCRIPTIONS["withholding_account"]
    )
    bank: str = Field(default="572", max_length=12, description=DESCRIPTIONS["bank"])
    output_tax_accounts: dict[str, str] = Field(
        default_factory=dict, max_length=20, description=DESCRIPTIONS["output_tax_accounts"]
    )
    equivalence_accounts: dict[str, str] = Field(
        default_factory=dict, max_length=20, description=DESCRIPTIONS["equivalence_accounts"]
    )
