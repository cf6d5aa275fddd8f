from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.client_update_kind_type_0 import ClientUpdateKindType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_account import BankAccount
    from ..models.contact import Contact
    from ..models.dir_3_codes import Dir3Codes
    from ..models.fiscal_address import FiscalAddress
    from ..models.payment_terms import PaymentTerms
    from ..models.tax_treatment import TaxTreatment


T = TypeVar("T", bound="ClientUpdate")


@_attrs_define
class ClientUpdate:
    """Only the fields sent change; the result is validated as a whole client.

    Attributes:
        bank_accounts (list[BankAccount] | None | Unset):
        contacts (list[Contact] | None | Unset):
        country (None | str | Unset):
        dir3 (Dir3Codes | None | Unset):
        email (None | str | Unset):
        fiscal_address (FiscalAddress | None | Unset):
        kind (ClientUpdateKindType0 | None | Unset):
        legal_name (None | str | Unset):
        notes (None | str | Unset):
        payment_terms (None | PaymentTerms | Unset):
        phone (None | str | Unset):
        reason (None | str | Unset): Why it changed.
        tags (list[str] | None | Unset):
        tax_id (None | str | Unset):
        tax_treatment (None | TaxTreatment | Unset):
        trade_name (None | str | Unset):
        valid_from (datetime.date | None | Unset): When a fiscal change took effect (today if not given; never before
            the current version's date, never in the future).
    """

    bank_accounts: list[BankAccount] | None | Unset = UNSET
    contacts: list[Contact] | None | Unset = UNSET
    country: None | str | Unset = UNSET
    dir3: Dir3Codes | None | Unset = UNSET
    email: None | str | Unset = UNSET
    fiscal_address: FiscalAddress | None | Unset = UNSET
    kind: ClientUpdateKindType0 | None | Unset = UNSET
    legal_name: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET
    payment_terms: None | PaymentTerms | Unset = UNSET
    phone: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    tax_id: None | str | Unset = UNSET
    tax_treatment: None | TaxTreatment | Unset = UNSET
    trade_name: None | str | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.dir_3_codes import Dir3Codes  # noqa: PLC0415
        from ..models.fiscal_address import FiscalAddress  # noqa: PLC0415
        from ..models.payment_terms import PaymentTerms  # noqa: PLC0415
        from ..models.tax_treatment import TaxTreatment  # noqa: PLC0415

        bank_accounts: list[dict[str, Any]] | None | Unset
        if isinstance(self.bank_accounts, Unset):
            bank_accounts = UNSET
        elif isinstance(self.bank_accounts, list):
            bank_accounts = []
            for bank_accounts_type_0_item_data in self.bank_accounts:
                bank_accounts_type_0_item = bank_accounts_type_0_item_data.to_dict()
                bank_accounts.append(bank_accounts_type_0_item)

        else:
            bank_accounts = self.bank_accounts

        contacts: list[dict[str, Any]] | None | Unset
        if isinstance(self.contacts, Unset):
            contacts = UNSET
        elif isinstance(self.contacts, list):
            contacts = []
            for contacts_type_0_item_data in self.contacts:
                contacts_type_0_item = contacts_type_0_item_data.to_dict()
                contacts.append(contacts_type_0_item)

        else:
            contacts = self.contacts

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
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

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, ClientUpdateKindType0):
            kind = self.kind.value
        else:
            kind = self.kind

        legal_name: None | str | Unset
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        payment_terms: dict[str, Any] | None | Unset
        if isinstance(self.payment_terms, Unset):
            payment_terms = UNSET
        elif isinstance(self.payment_terms, PaymentTerms):
            payment_terms = self.payment_terms.to_dict()
        else:
            payment_terms = self.payment_terms

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        tax_id: None | str | Unset
        if isinstance(self.tax_id, Unset):
            tax_id = UNSET
        else:
            tax_id = self.tax_id

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

        field_dict.update({})
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
        if kind is not UNSET:
            field_dict["kind"] = kind
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if notes is not UNSET:
            field_dict["notes"] = notes
        if payment_terms is not UNSET:
            field_dict["payment_terms"] = payment_terms
        if phone is not UNSET:
            field_dict["phone"] = phone
        if reason is not UNSET:
            field_dict["reason"] = reason
        if tags is not UNSET:
            field_dict["tags"] = tags
        if tax_id is not UNSET:
            field_dict["tax_id"] = tax_id
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

        def _parse_bank_accounts(data: object) -> list[BankAccount] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                bank_accounts_type_0 = []
                _bank_accounts_type_0 = data
                for bank_accounts_type_0_item_data in _bank_accounts_type_0:
                    bank_accounts_type_0_item = BankAccount.from_dict(
                        bank_accounts_type_0_item_data
                    )

                    bank_accounts_type_0.append(bank_accounts_type_0_item)

                return bank_accounts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[BankAccount] | None | Unset, data)

        bank_accounts = _parse_bank_accounts(d.pop("bank_accounts", UNSET))

        def _parse_contacts(data: object) -> list[Contact] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                contacts_type_0 = []
                _contacts_type_0 = data
                for contacts_type_0_item_data in _contacts_type_0:
                    contacts_type_0_item = Contact.from_dict(contacts_type_0_item_data)

                    contacts_type_0.append(contacts_type_0_item)

                return contacts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Contact] | None | Unset, data)

        contacts = _parse_contacts(d.pop("contacts", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

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

        def _parse_kind(data: object) -> ClientUpdateKindType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = ClientUpdateKindType0(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientUpdateKindType0 | None | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_legal_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_name = _parse_legal_name(d.pop("legal_name", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_payment_terms(data: object) -> None | PaymentTerms | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payment_terms_type_0 = PaymentTerms.from_dict(data)

                return payment_terms_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentTerms | Unset, data)

        payment_terms = _parse_payment_terms(d.pop("payment_terms", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_tax_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tax_id = _parse_tax_id(d.pop("tax_id", UNSET))

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

        client_update = cls(
            bank_accounts=bank_accounts,
            contacts=contacts,
            country=country,
            dir3=dir3,
            email=email,
            fiscal_address=fiscal_address,
            kind=kind,
            legal_name=legal_name,
            notes=notes,
            payment_terms=payment_terms,
            phone=phone,
            reason=reason,
            tags=tags,
            tax_id=tax_id,
            tax_treatment=tax_treatment,
            trade_name=trade_name,
            valid_from=valid_from,
        )

        return client_update
