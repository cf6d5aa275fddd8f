from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.client_version_state_status_type_0 import ClientVersionStateStatusType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stored_address import StoredAddress
    from ..models.stored_bank_account import StoredBankAccount
    from ..models.stored_contact import StoredContact
    from ..models.stored_dir_3 import StoredDir3
    from ..models.stored_payment_terms import StoredPaymentTerms
    from ..models.stored_tax_treatment import StoredTaxTreatment


T = TypeVar("T", bound="ClientVersionState")


@_attrs_define
class ClientVersionState:
    """The client's whole state in one version, as the client's fields (without `warnings`); a
    version recorded before a field existed lacks that field.

        Attributes:
            country (str):
            id (UUID):
            kind (str):
            legal_name (str):
            tax_id (str):
            version (int):
            bank_accounts (list[StoredBankAccount] | None | Unset):
            contacts (list[StoredContact] | None | Unset):
            created_at (datetime.datetime | None | Unset):
            dir3 (None | StoredDir3 | Unset):
            email (None | str | Unset):
            fiscal_address (None | StoredAddress | Unset):
            notes (None | str | Unset):
            payment_terms (None | StoredPaymentTerms | Unset):
            phone (None | str | Unset):
            status (ClientVersionStateStatusType0 | None | Unset):
            tags (list[str] | None | Unset):
            tax_treatment (None | StoredTaxTreatment | Unset):
            territory (None | str | Unset):
            trade_name (None | str | Unset):
            updated_at (datetime.datetime | None | Unset):
            valid_from (datetime.date | None | Unset):
    """

    country: str
    id: UUID
    kind: str
    legal_name: str
    tax_id: str
    version: int
    bank_accounts: list[StoredBankAccount] | None | Unset = UNSET
    contacts: list[StoredContact] | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    dir3: None | StoredDir3 | Unset = UNSET
    email: None | str | Unset = UNSET
    fiscal_address: None | StoredAddress | Unset = UNSET
    notes: None | str | Unset = UNSET
    payment_terms: None | StoredPaymentTerms | Unset = UNSET
    phone: None | str | Unset = UNSET
    status: ClientVersionStateStatusType0 | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    tax_treatment: None | StoredTaxTreatment | Unset = UNSET
    territory: None | str | Unset = UNSET
    trade_name: None | str | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    valid_from: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.stored_address import StoredAddress  # noqa: PLC0415
        from ..models.stored_dir_3 import StoredDir3  # noqa: PLC0415
        from ..models.stored_payment_terms import StoredPaymentTerms  # noqa: PLC0415
        from ..models.stored_tax_treatment import StoredTaxTreatment  # noqa: PLC0415

        country = self.country

        id = str(self.id)

        kind = self.kind

        legal_name = self.legal_name

        tax_id = self.tax_id

        version = self.version

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

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        dir3: dict[str, Any] | None | Unset
        if isinstance(self.dir3, Unset):
            dir3 = UNSET
        elif isinstance(self.dir3, StoredDir3):
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
        elif isinstance(self.fiscal_address, StoredAddress):
            fiscal_address = self.fiscal_address.to_dict()
        else:
            fiscal_address = self.fiscal_address

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        payment_terms: dict[str, Any] | None | Unset
        if isinstance(self.payment_terms, Unset):
            payment_terms = UNSET
        elif isinstance(self.payment_terms, StoredPaymentTerms):
            payment_terms = self.payment_terms.to_dict()
        else:
            payment_terms = self.payment_terms

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ClientVersionStateStatusType0):
            status = self.status.value
        else:
            status = self.status

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        tax_treatment: dict[str, Any] | None | Unset
        if isinstance(self.tax_treatment, Unset):
            tax_treatment = UNSET
        elif isinstance(self.tax_treatment, StoredTaxTreatment):
            tax_treatment = self.tax_treatment.to_dict()
        else:
            tax_treatment = self.tax_treatment

        territory: None | str | Unset
        if isinstance(self.territory, Unset):
            territory = UNSET
        else:
            territory = self.territory

        trade_name: None | str | Unset
        if isinstance(self.trade_name, Unset):
            trade_name = UNSET
        else:
            trade_name = self.trade_name

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

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
                "country": country,
                "id": id,
                "kind": kind,
                "legal_name": legal_name,
                "tax_id": tax_id,
                "version": version,
            }
        )
        if bank_accounts is not UNSET:
            field_dict["bank_accounts"] = bank_accounts
        if contacts is not UNSET:
            field_dict["contacts"] = contacts
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
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
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if tax_treatment is not UNSET:
            field_dict["tax_treatment"] = tax_treatment
        if territory is not UNSET:
            field_dict["territory"] = territory
        if trade_name is not UNSET:
            field_dict["trade_name"] = trade_name
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stored_address import StoredAddress  # noqa: PLC0415
        from ..models.stored_bank_account import StoredBankAccount  # noqa: PLC0415
        from ..models.stored_contact import StoredContact  # noqa: PLC0415
        from ..models.stored_dir_3 import StoredDir3  # noqa: PLC0415
        from ..models.stored_payment_terms import StoredPaymentTerms  # noqa: PLC0415
        from ..models.stored_tax_treatment import StoredTaxTreatment  # noqa: PLC0415

        d = dict(src_dict)
        country = d.pop("country")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        legal_name = d.pop("legal_name")

        tax_id = d.pop("tax_id")

        version = d.pop("version")

        def _parse_bank_accounts(data: object) -> list[StoredBankAccount] | None | Unset:
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
                    bank_accounts_type_0_item = StoredBankAccount.from_dict(
                        bank_accounts_type_0_item_data
                    )

                    bank_accounts_type_0.append(bank_accounts_type_0_item)

                return bank_accounts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[StoredBankAccount] | None | Unset, data)

        bank_accounts = _parse_bank_accounts(d.pop("bank_accounts", UNSET))

        def _parse_contacts(data: object) -> list[StoredContact] | None | Unset:
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
                    contacts_type_0_item = StoredContact.from_dict(contacts_type_0_item_data)

                    contacts_type_0.append(contacts_type_0_item)

                return contacts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[StoredContact] | None | Unset, data)

        contacts = _parse_contacts(d.pop("contacts", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_dir3(data: object) -> None | StoredDir3 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                dir3_type_0 = StoredDir3.from_dict(data)

                return dir3_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StoredDir3 | Unset, data)

        dir3 = _parse_dir3(d.pop("dir3", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_fiscal_address(data: object) -> None | StoredAddress | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fiscal_address_type_0 = StoredAddress.from_dict(data)

                return fiscal_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StoredAddress | Unset, data)

        fiscal_address = _parse_fiscal_address(d.pop("fiscal_address", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_payment_terms(data: object) -> None | StoredPaymentTerms | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payment_terms_type_0 = StoredPaymentTerms.from_dict(data)

                return payment_terms_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StoredPaymentTerms | Unset, data)

        payment_terms = _parse_payment_terms(d.pop("payment_terms", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_status(data: object) -> ClientVersionStateStatusType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ClientVersionStateStatusType0(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientVersionStateStatusType0 | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

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

        def _parse_tax_treatment(data: object) -> None | StoredTaxTreatment | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tax_treatment_type_0 = StoredTaxTreatment.from_dict(data)

                return tax_treatment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StoredTaxTreatment | Unset, data)

        tax_treatment = _parse_tax_treatment(d.pop("tax_treatment", UNSET))

        def _parse_territory(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        territory = _parse_territory(d.pop("territory", UNSET))

        def _parse_trade_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trade_name = _parse_trade_name(d.pop("trade_name", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

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

        client_version_state = cls(
            country=country,
            id=id,
            kind=kind,
            legal_name=legal_name,
            tax_id=tax_id,
            version=version,
            bank_accounts=bank_accounts,
            contacts=contacts,
            created_at=created_at,
            dir3=dir3,
            email=email,
            fiscal_address=fiscal_address,
            notes=notes,
            payment_terms=payment_terms,
            phone=phone,
            status=status,
            tags=tags,
            tax_treatment=tax_treatment,
            territory=territory,
            trade_name=trade_name,
            updated_at=updated_at,
            valid_from=valid_from,
        )

        return client_version_state
