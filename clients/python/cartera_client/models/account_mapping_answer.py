from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.account_mapping_answer_equivalence_accounts import (
        AccountMappingAnswerEquivalenceAccounts,
    )
    from ..models.account_mapping_answer_output_tax_accounts import (
        AccountMappingAnswerOutputTaxAccounts,
    )


T = TypeVar("T", bound="AccountMappingAnswer")


@_attrs_define
class AccountMappingAnswer:
    """
    Attributes:
        bank (str): Where payments come in (572 Bancos).
        clients (str): Prefix of the per-client sub-accounts (430 Clientes).
        digits (int): Length of every sub-account (6 to 12); shorter accounts are padded with zeros.
        equivalence_accounts (AccountMappingAnswerEquivalenceAccounts): A recargo rate's own sub-account: {"5.20": ...}.
        equivalence_prefix (str): Prefix of the recargo sub-account of each rate (under 477).
        output_tax_accounts (AccountMappingAnswerOutputTaxAccounts): A VAT rate's own sub-account, over the prefix's:
            {"21.00": ...}.
        output_tax_prefix (str): Prefix of the output VAT sub-account of each rate (477 IVA repercutido).
        sales_goods (str): Sales of goods (700 Ventas de mercaderías).
        sales_services (str): Services (705 Prestaciones de servicios): the default.
        withholding_account (str): IRPF withheld by clients (4730).
    """

    bank: str
    clients: str
    digits: int
    equivalence_accounts: AccountMappingAnswerEquivalenceAccounts
    equivalence_prefix: str
    output_tax_accounts: AccountMappingAnswerOutputTaxAccounts
    output_tax_prefix: str
    sales_goods: str
    sales_services: str
    withholding_account: str

    def to_dict(self) -> dict[str, Any]:
        bank = self.bank

        clients = self.clients

        digits = self.digits

        equivalence_accounts = self.equivalence_accounts.to_dict()

        equivalence_prefix = self.equivalence_prefix

        output_tax_accounts = self.output_tax_accounts.to_dict()

        output_tax_prefix = self.output_tax_prefix

        sales_goods = self.sales_goods

        sales_services = self.sales_services

        withholding_account = self.withholding_account

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bank": bank,
                "clients": clients,
                "digits": digits,
                "equivalence_accounts": equivalence_accounts,
                "equivalence_prefix": equivalence_prefix,
                "output_tax_accounts": output_tax_accounts,
                "output_tax_prefix": output_tax_prefix,
                "sales_goods": sales_goods,
                "sales_services": sales_services,
                "withholding_account": withholding_account,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_mapping_answer_equivalence_accounts import (
            AccountMappingAnswerEquivalenceAccounts,  # noqa: PLC0415
        )
        from ..models.account_mapping_answer_output_tax_accounts import (
            AccountMappingAnswerOutputTaxAccounts,  # noqa: PLC0415
        )

        d = dict(src_dict)
        bank = d.pop("bank")

        clients = d.pop("clients")

        digits = d.pop("digits")

        equivalence_accounts = AccountMappingAnswerEquivalenceAccounts.from_dict(
            d.pop("equivalence_accounts")
        )

        equivalence_prefix = d.pop("equivalence_prefix")

        output_tax_accounts = AccountMappingAnswerOutputTaxAccounts.from_dict(
            d.pop("output_tax_accounts")
        )

        output_tax_prefix = d.pop("output_tax_prefix")

        sales_goods = d.pop("sales_goods")

        sales_services = d.pop("sales_services")

        withholding_account = d.pop("withholding_account")

        account_mapping_answer = cls(
            bank=bank,
            clients=clients,
            digits=digits,
            equivalence_accounts=equivalence_accounts,
            equivalence_prefix=equivalence_prefix,
            output_tax_accounts=output_tax_accounts,
            output_tax_prefix=output_tax_prefix,
            sales_goods=sales_goods,
            sales_services=sales_services,
            withholding_account=withholding_account,
        )

        return account_mapping_answer
