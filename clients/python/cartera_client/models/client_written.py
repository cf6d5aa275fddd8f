from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.client_written_status import ClientWrittenStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_account import BankAccount
    from ..models.contact import Contact
    from ..models.dir_3_codes import Dir3Codes
    from ..models.duplicate_candidate import DuplicateCandidate
    from ..models.fiscal_address import FiscalAddress
    from ..models.payment_terms import PaymentTerms
    from ..models.tax_treatment import TaxTreatment


T = TypeVar("T", bound="ClientWritten")


@_attrs_define
class ClientWritten:
    """The client as written, with the other clients whose names look like its name.

    Attributes:
        bank_accounts (list[BankAccount]):
        contacts (list[Contact]):
        country (str):
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        email (None | str):
        fiscal_address (FiscalAddress | None):
        id (UUID):
        kind (str):
        legal_name (str):
        notes (None | str):
        payment_terms (PaymentTerms):
        phone (None | str):
        status (ClientWrittenStatus):
        tags (list[str]):
        tax_id (str):
        tax_treatment (TaxTreatment):
        territory (str): Tax territory the address falls in: peninsula_balearics, canary_islands, ceuta, melilla, or
            abroad.
        trade_name (None | str):
        updated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        valid_from (datetime.date):
        version (int): Grows by one with every change; the ETag is this number.
        dir3 (Dir3Codes | None | Unset):
        possible_duplicates (list[DuplicateCandidate] | Unset): Other clients of the tenant with a similar name (a
            warning, not an error).
        warnings (list[str] | Unset): What is wrong with data kept before a rule refused it, such as a CIF whose control
            character is of the wrong kind (a warning: the client is not refused; changing the tax id to another bad one
            is).
    """

    bank_accounts: list[BankAccount]
    contacts: list[Contact]
    country: str
    created_at: datetime.datetime
    email: None | str
    fiscal_address: FiscalAddress | None
    id: UUID
    kind: str
    legal_name: str
    notes: None | str
    payment_terms: PaymentTerms
    phone: None | str
    status: ClientWrittenStatus
    tags: list[str]
    tax_id: str
    tax_treatment: TaxTreatment
    territory: str
    trade_name: None | str
    updated_at: datetime.datetime
    valid_from: datetime.date
    version: int
    dir3: Dir3Codes | None | Unset = UNSET
    possible_duplicates: list[DuplicateCandidate] | Unset = UNSET
    warnings: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.dir_3_codes import Dir3Codes  # noqa: PLC0415
        from ..models.fiscal_address import FiscalAddress  # noqa: PLC0415

        bank_accounts = []
        for bank_accounts_item_data in self.bank_accounts:
            bank_accounts_item = bank_accounts_item_data.to_dict()
            bank_accounts.append(bank_accounts_item)

        contacts = []
        for contacts_item_data in self.contacts:
            contacts_item = contacts_item_data.to_dict()
            contacts.append(contacts_item)

        country = self.country

        created_at = self.created_at.isoformat()

        email: None | str
        email = self.email

        fiscal_address: dict[str, Any] | None
        if isinstance(self.fiscal_address, FiscalAddress):
            fiscal_address = self.fiscal_address.to_dict()
        else:
            fiscal_address = self.fiscal_address

        id = str(self.id)

        kind = self.kind

        legal_name = self.legal_name

        notes: None | str
        notes = self.notes

        payment_terms = self.payment_terms.to_dict()

        phone: None | str
        phone = self.phone

        status = self.status.value

        tags = self.tags

        tax_id = self.tax_id

        tax_treatment = self.tax_treatment.to_dict()

        territory = self.territory

        trade_name: None | str
        trade_name = self.trade_name

        updated_at = self.updated_at.isoformat()

        valid_from = self.valid_from.isoformat()

        version = self.version

        dir3: dict[str, Any] | None | Unset
        if isinstance(self.dir3, Unset):
            dir3 = UNSET
        elif isinstance(self.dir3, Dir3Codes):
            dir3 = self.dir3.to_dict()
        else:
            dir3 = self.dir3

        possible_duplicates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.possible_duplicates, Unset):
            possible_duplicates = []
            for possible_duplicates_item_data in self.possible_duplicates:
                possible_duplicates_item = possible_duplicates_item_data.to_dict()
                possible_duplicates.append(possible_duplicates_item)

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bank_accounts": bank_accounts,
                "contacts": contacts,
                "country": country,
                "created_at": created_at,
                "email": email,
                "fiscal_address": fiscal_address,
                "id": id,
                "kind": kind,
                "legal_name": legal_name,
                "notes": notes,
                "payment_terms": payment_terms,
                "phone": phone,
                "status": status,
                "tags": tags,
                "tax_id": tax_id,
                "tax_treatment": tax_treatment,
                "territory": territory,
                "trade_name": trade_name,
                "updated_at": updated_at,
                "valid_from": valid_from,
                "version": version,
            }
        )
        if dir3 is not UNSET:
            field_dict["dir3"] = dir3
        if possible_duplicates is not UNSET:
            field_dict["possible_duplicates"] = possible_duplicates
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bank_account import BankAccount  # noqa: PLC0415
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.dir_3_codes import Dir3Codes  # noqa: PLC0415
        from ..models.duplicate_candidate import DuplicateCandidate  # noqa: PLC0415
        from ..models.fiscal_address import FiscalAddress  # noqa: PLC0415
        from ..models.payment_terms import PaymentTerms  # noqa: PLC0415
        from ..models.tax_treatment import TaxTreatment  # noqa: PLC0415

        d = dict(src_dict)
        bank_accounts = []
        _bank_accounts = d.pop("bank_accounts")
        for bank_accounts_item_data in _bank_accounts:
            bank_accounts_item = BankAccount.from_dict(bank_accounts_item_data)

            bank_accounts.append(bank_accounts_item)

        contacts = []
        _contacts = d.pop("contacts")
        for contacts_item_data in _contacts:
            contacts_item = Contact.from_dict(contacts_item_data)

            contacts.append(contacts_item)

        country = d.pop("country")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_fiscal_address(data: object) -> FiscalAddress | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fiscal_address_type_0 = FiscalAddress.from_dict(data)

                return fiscal_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FiscalAddress | None, data)

        fiscal_address = _parse_fiscal_address(d.pop("fiscal_address"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        legal_name = d.pop("legal_name")

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        payment_terms = PaymentTerms.from_dict(d.pop("payment_terms"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        status = ClientWrittenStatus(d.pop("status"))

        tags = cast(list[str], d.pop("tags"))

        tax_id = d.pop("tax_id")

        tax_treatment = TaxTreatment.from_dict(d.pop("tax_treatment"))

        territory = d.pop("territory")

        def _parse_trade_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        trade_name = _parse_trade_name(d.pop("trade_name"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        version = d.pop("version")

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

        _possible_duplicates = d.pop("possible_duplicates", UNSET)
        possible_duplicates: list[DuplicateCandidate] | Unset = UNSET
        if _possible_duplicates is not UNSET:
            possible_duplicates = []
            for possible_duplicates_item_data in _possible_duplicates:
                possible_duplicates_item = DuplicateCandidate.from_dict(
                    possible_duplicates_item_data
                )

                possible_duplicates.append(possible_duplicates_item)

        warnings = cast(list[str], d.pop("warnings", UNSET))

        client_written = cls(
            bank_accounts=bank_accounts,
            contacts=contacts,
            country=country,
            created_at=created_at,
            email=email,
            fiscal_address=fiscal_address,
            id=id,
            kind=kind,
            legal_name=legal_name,
            notes=notes,
            payment_terms=payment_terms,
            phone=phone,
            status=status,
            tags=tags,
            tax_id=tax_id,
            tax_treatment=tax_treatment,
            territory=territory,
            trade_name=trade_name,
            updated_at=updated_at,
            valid_from=valid_from,
            version=version,
            dir3=dir3,
            possible_duplicates=possible_duplicates,
            warnings=warnings,
        )

        return client_written
