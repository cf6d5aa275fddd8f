from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account_mapping_in_equivalence_accounts import AccountMappingInEquivalenceAccounts
    from ..models.account_mapping_in_output_tax_accounts import AccountMappingInOutputTaxAccounts


T = TypeVar("T", bound="AccountMappingIn")


@_attrs_define
class AccountMappingIn:
    """Every field optional: one left out takes the PGC default.

    Attributes:
        bank (str | Unset): Where payments come in (572 Bancos). Default: '572'.
        clients (str | Unset): Prefix of the per-client sub-accounts (430 Clientes). Default: '430'.
        digits (int | Unset): Length of every sub-account (6 to 12); shorter accounts are padded with zeros. Default: 8.
        equivalence_accounts (AccountMappingInEquivalenceAccounts | Unset): A recargo rate's own sub-account: {"5.20":
            ...}.
        equivalence_prefix (str | Unset): Prefix of the recargo sub-account of each rate (under 477). Default: '4771'.
        output_tax_accounts (AccountMappingInOutputTaxAccounts | Unset): A VAT rate's own sub-account, over the
            prefix's: {"21.00": ...}.
        output_tax_prefix (str | Unset): Prefix of the output VAT sub-account of each rate (477 IVA repercutido).
            Default: '4770'.
        sales_goods (str | Unset): Sales of goods (700 Ventas de mercaderías). Default: '700'.
        sales_services (str | Unset): Services (705 Prestaciones de servicios): the default. Default: '705'.
        withholding_account (str | Unset): IRPF withheld by clients (4730). Default: '4730'.
    """

    bank: str | Unset = "572"
    clients: str | Unset = "430"
    digits: int | Unset = 8
    equivalence_accounts: AccountMappingInEquivalenceAccounts | Unset = UNSET
    equivalence_prefix: str | Unset = "4771"
    output_tax_accounts: AccountMappingInOutputTaxAccounts | Unset = UNSET
    output_tax_prefix: str | Unset = "4770"
    sales_goods: str | Unset = "700"
    sales_services: str | Unset = "705"
    withholding_account: str | Unset = "4730"

    def to_dict(self) -> dict[str, Any]:
        bank = self.bank

        clients = self.clients

        digits = self.digits

        equivalence_accounts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.equivalence_accounts, Unset):
            equivalence_accounts = self.equivalence_accounts.to_dict()

        equivalence_prefix = self.equivalence_prefix

        output_tax_accounts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_tax_accounts, Unset):
            output_tax_accounts = self.output_tax_accounts.to_dict()

        output_tax_prefix = self.output_tax_prefix

        sales_goods = self.sales_goods

        sales_services = self.sales_services

        withholding_account = self.withholding_account

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if bank is not UNSET:
            field_dict["bank"] = bank
        if clients is not UNSET:
            field_dict["clients"] = clients
        if digits is not UNSET:
            field_dict["digits"] = digits
        if equivalence_accounts is not UNSET:
            field_dict["equivalence_accounts"] = equivalence_accounts
        if equivalence_prefix is not UNSET:
            field_dict["equivalence_prefix"] = equivalence_prefix
        if output_tax_accounts is not UNSET:
            field_dict["output_tax_accounts"] = output_tax_accounts
        if output_tax_prefix is not UNSET:
            field_dict["output_tax_prefix"] = output_tax_prefix
        if sales_goods is not UNSET:
            field_dict["sales_goods"] = sales_goods
        if sales_services is not UNSET:
            field_dict["sales_services"] = sales_services
        if withholding_account is not UNSET:
            field_dict["withholding_account"] = withholding_account

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_mapping_in_equivalence_accounts import (
            AccountMappingInEquivalenceAccounts,  # noqa: PLC0415
        )
        from ..models.account_mapping_in_output_tax_accounts import (
            AccountMappingInOutputTaxAccounts,  # noqa: PLC0415
        )

        d = dict(src_dict)
        bank = d.pop("bank", UNSET)

        clients = d.pop("clients", UNSET)

        digits = d.pop("digits", UNSET)

        _equivalence_accounts = d.pop("equivalence_accounts", UNSET)
        equivalence_accounts: AccountMappingInEquivalenceAccounts | Unset
        if isinstance(_equivalence_accounts, Unset):
            equivalence_accounts = UNSET
        else:
            equivalence_accounts = AccountMappingInEquivalenceAccounts.from_dict(
                _equivalence_accounts
            )

        equivalence_prefix = d.pop("equivalence_prefix", UNSET)

        _output_tax_accounts = d.pop("output_tax_accounts", UNSET)
        output_tax_accounts: AccountMappingInOutputTaxAccounts | Unset
        if isinstance(_output_tax_accounts, Unset):
            output_tax_accounts = UNSET
        else:
            output_tax_accounts = AccountMappingInOutputTaxAccounts.from_dict(_output_tax_accounts)

        output_tax_prefix = d.pop("output_tax_prefix", UNSET)

        sales_goods = d.pop("sales_goods", UNSET)

        sales_services = d.pop("sales_services", UNSET)

        withholding_account = d.pop("withholding_account", UNSET)

        account_mapping_in = cls(
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

        return account_mapping_in
