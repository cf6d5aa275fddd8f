from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.client_create_kind import ClientCreateKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_account import BankAccount
    from ..models.contact import Contact
    from ..models.dir_3_codes import Dir3Codes
    from ..models.fiscal_address import FiscalAddress
    from ..models.payment_terms import PaymentTerms
    from ..models.tax_treatment import TaxTreatment


T = TypeVar("T", bound="ClientCreate")


@_attrs_define
class ClientCreate:
    """
    Attributes:
        kind (ClientCreateKind):
        legal_name (str):
        tax_id (str):
        bank_accounts (list[BankAccount] | Unset):
        contacts (list[Contact] | Unset):
        country (str | Unset):  Default: 'ES'.
        dir3 (Dir3Codes | None | Unset): A public administration's DIR3 codes; an invoice to it needs them.
        email (None | str | Unset):
        fiscal_address (FiscalAddress | None | Unset):
        notes (None | str | Unset):
        payment_terms (PaymentTerms | Unset):
        phone (None | str | Unset):
        tags (list[str] | Unset):
        tax_treatment (None | TaxTreatment | Unset):
        trade_name (None | str | Unset):
        valid_from (datetime.date | None | Unset): When this fiscal data took effect; today if not given.
    """

    kind: ClientCreateKind
    legal_name: str
    tax_id: str
    bank_accounts: list[BankAccount] | Unset = UNSET
    contacts: list[Contact] | Unset = UNSET
    country: str | Unset = "ES"
    dir3: Dir3Codes | None | Unset = UNSET
    email: None | str | Unset = UNSET
    fiscal_address: FiscalAddress | None | Unset = UNSET
    notes: None | str | Unset = UNSET
    payment_terms: PaymentTerms | Unset = UNSET
    phone: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    tax_treatment: None | TaxTreatment | Unset = UNSET
    trade_name: None | str | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.dir_3_codes import Dir3Codes  # noqa: PLC0415
        from ..models.fiscal_address import FiscalAddress  # noqa: PLC0415
        from ..models.tax_treatment import TaxTreatment  # noqa: PLC0415

        kind = self.kind.value

        legal_name = self.legal_name

        tax_id = self.tax_id

        bank_accounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bank_accounts, Unset):
            bank_accounts = []
            for bank_accounts_item_data in self.bank_accounts:
                bank_accounts_item = bank_accounts_item_data.to_dict()
                bank_accounts.append(bank_accounts_item)

        contacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contacts, Unset):
            contacts = []
            for contacts_item_data in self.contacts:
                contacts_item = contacts_item_data.to_dict()
                contacts.append(contacts_item)

        country = self.country

        dir3: dict[str, Any] | None | Unset
        if isinstance(self.dir3, Unset):
            dir3 = UNSET
        elif isinstance(self.dir3, Dir3Codes):
            dir3 = self.dir3.to_dict()
        else:
            dir3 = self.dir3

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        fiscal_address: dict[str, Any] | None | Unset
        if isinstance(self.fiscal_address, Unset):
            fiscal_address = UNSET
        elif isinstance(self.fiscal_address, FiscalAddress):
            fiscal_address = self.fiscal_address.to_dict()
        else:
            fiscal_address = self.fiscal_address

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        payment_terms: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payment_terms, Unset):
            payment_terms = self.payment_terms.to_dict()

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        tax_treatment: dict[str, Any] | None | Unset
        if isinstance(self.tax_treatment, Unset):
            tax_treatment = UNSET
        elif isinstance(self.tax_treatment, TaxTreatment):
            tax_treatment = self.tax_treatment.to_dict()
        else:
            tax_treatment = self.tax_treatment

        trade_name: None | str | Unset
        if isinstance(self.trade_name, Unset):
            trade_name = UNSET
        else:
            trade_name = self.trade_name

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.date):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "legal_name": legal_name,
                "tax_id": tax_id,
            }
        )
        if bank_accounts is not UNSET:
            field_dict["bank_accounts"] = bank_accounts
        if contacts is not UNSET:
            field_dict["contacts"] = contacts
        if country is not UNSET:
            field_dict["country"] = country
        if dir3 is not UNSET:
            field_dict["dir3"] = dir3
        if email is not UNSET:
            field_dict["email"] = email
        if fiscal_address is not UNSET:
            field_dict["fiscal_address"] = fiscal_address
        if notes is not UNSET:
            field_dict["notes"] = notes
        if payment_terms is not UNSET:
            field_dict["payment_terms"] = payment_terms
        if phone is not UNSET:
            field_dict["phone"] = phone
        if tags is not UNSET:
            field_dict["tags"] = tags
        if tax_treatment is not UNSET:
            field_dict["tax_treatment"] = tax_treatment
        if trade_name is not UNSET:
            field_dict["trade_name"] = trade_name
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bank_account import BankAccount  # noqa: PLC0415
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.dir_3_codes import Dir3Codes  # noqa: PLC0415
        from ..models.fiscal_address import FiscalAddress  # noqa: PLC0415
        from ..models.payment_terms import PaymentTerms  # noqa: PLC0415
        from ..models.tax_treatment import TaxTreatment  # noqa: PLC0415

        d = dict(src_dict)
        kind = ClientCreateKind(d.pop("kind"))

        legal_name = d.pop("legal_name")

        tax_id = d.pop("tax_id")

        _bank_accounts = d.pop("bank_accounts", UNSET)
        bank_accounts: list[BankAccount] | Unset = UNSET
        if _bank_accounts is not UNSET:
            bank_accounts = []
            for bank_accounts_item_data in _bank_accounts:
                bank_accounts_item = BankAccount.from_dict(bank_accounts_item_data)

                bank_accounts.append(bank_accounts_item)

        _contacts = d.pop("contacts", UNSET)
        contacts: list[Contact] | Unset = UNSET
        if _contacts is not UNSET:
            contacts = []
            for contacts_item_data in _contacts:
                contacts_item = Contact.from_dict(contacts_item_data)

                contacts.append(contacts_item)

        country = d.pop("country", UNSET)

        def _parse_dir3(data: object) -> Dir3Codes | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                dir3_type_0 = Dir3Codes.from_dict(data)

                return dir3_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Dir3Codes | None | Unset, data)

        dir3 = _parse_dir3(d.pop("dir3", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_fiscal_address(data: object) -> FiscalAddress | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fiscal_address_type_0 = FiscalAddress.from_dict(data)

                return fiscal_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FiscalAddress | None | Unset, data)

        fiscal_address = _parse_fiscal_address(d.pop("fiscal_address", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        _payment_terms = d.pop("payment_terms", UNSET)
        payment_terms: PaymentTerms | Unset
        if isinstance(_payment_terms, Unset):
            payment_terms = UNSET
        else:
            payment_terms = PaymentTerms.from_dict(_payment_terms)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_tax_treatment(data: object) -> None | TaxTreatment | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tax_treatment_type_0 = TaxTreatment.from_dict(data)

                return tax_treatment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaxTreatment | Unset, data)

        tax_treatment = _parse_tax_treatment(d.pop("tax_treatment", UNSET))

        def _parse_trade_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trade_name = _parse_trade_name(d.pop("trade_name", UNSET))

        def _parse_valid_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.date.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        client_create = cls(
            kind=kind,
            legal_name=legal_name,
            tax_id=tax_id,
            bank_accounts=bank_accounts,
            contacts=contacts,
            country=country,
            dir3=dir3,
            email=email,
            fiscal_address=fiscal_address,
            notes=notes,
            payment_terms=payment_terms,
            phone=phone,
            tags=tags,
            tax_treatment=tax_treatment,
            trade_name=trade_name,
            valid_from=valid_from,
        )

        return client_create
