from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.record_listed_kind import RecordListedKind
from ..models.record_listed_status import RecordListedStatus

if TYPE_CHECKING:
    from ..models.verifactu_error import VerifactuError


T = TypeVar("T", bound="RecordListed")


@_attrs_define
class RecordListed:
    """A record in the tenant's list: which invoice, where in its chain, its submission.

    Attributes:
        answered_at (datetime.datetime | None):
        attempts (int):
        csv (None | str): The CSV of the request that carried it, once accepted.
        duplicate (bool):
        error (None | VerifactuError): The AEAT's code and description (rejected, or accepted with errors).
        generated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        huella (str): The record's fingerprint (SHA-256, hexadecimal).
        invoice_id (UUID):
        issue_date (datetime.date):
        issuer_tax_id (str):
        kind (RecordListedKind):
        last_attempt_at (datetime.datetime | None):
        last_failure (None | str):
        number (str): The invoice's number (NumSerieFactura).
        position (int):
        record_id (UUID):
        sent_with_incident (bool):
        status (RecordListedStatus):
    """

    answered_at: datetime.datetime | None
    attempts: int
    csv: None | str
    duplicate: bool
    error: None | VerifactuError
    generated_at: datetime.datetime
    huella: str
    invoice_id: UUID
    issue_date: datetime.date
    issuer_tax_id: str
    kind: RecordListedKind
    last_attempt_at: datetime.datetime | None
    last_failure: None | str
    number: str
    position: int
    record_id: UUID
    sent_with_incident: bool
    status: RecordListedStatus

    def to_dict(self) -> dict[str, Any]:
        from ..models.verifactu_error import VerifactuError  # noqa: PLC0415

        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        attempts = self.attempts

        csv: None | str
        csv = self.csv

        duplicate = self.duplicate

        error: dict[str, Any] | None
        if isinstance(self.error, VerifactuError):
            error = self.error.to_dict()
        else:
            error = self.error

        generated_at = self.generated_at.isoformat()

        huella = self.huella

        invoice_id = str(self.invoice_id)

        issue_date = self.issue_date.isoformat()

        issuer_tax_id = self.issuer_tax_id

        kind = self.kind.value

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        last_failure: None | str
        last_failure = self.last_failure

        number = self.number

        position = self.position

        record_id = str(self.record_id)

        sent_with_incident = self.sent_with_incident

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answered_at": answered_at,
                "attempts": attempts,
                "csv": csv,
                "duplicate": duplicate,
                "error": error,
                "generated_at": generated_at,
                "huella": huella,
                "invoice_id": invoice_id,
                "issue_date": issue_date,
                "issuer_tax_id": issuer_tax_id,
                "kind": kind,
                "last_attempt_at": last_attempt_at,
                "last_failure": last_failure,
                "number": number,
                "position": position,
                "record_id": record_id,
                "sent_with_incident": sent_with_incident,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verifactu_error import VerifactuError  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_answered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)

                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        answered_at = _parse_answered_at(d.pop("answered_at"))

        attempts = d.pop("attempts")

        def _parse_csv(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        csv = _parse_csv(d.pop("csv"))

        duplicate = d.pop("duplicate")

        def _parse_error(data: object) -> None | VerifactuError:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = VerifactuError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VerifactuError, data)

        error = _parse_error(d.pop("error"))

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        huella = d.pop("huella")

        invoice_id = UUID(d.pop("invoice_id"))

        issue_date = datetime.date.fromisoformat(d.pop("issue_date"))

        issuer_tax_id = d.pop("issuer_tax_id")

        kind = RecordListedKind(d.pop("kind"))

        def _parse_last_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_attempt_at = _parse_last_attempt_at(d.pop("last_attempt_at"))

        def _parse_last_failure(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_failure = _parse_last_failure(d.pop("last_failure"))

        number = d.pop("number")

        position = d.pop("position")

        record_id = UUID(d.pop("record_id"))

        sent_with_incident = d.pop("sent_with_incident")

        status = RecordListedStatus(d.pop("status"))

        record_listed = cls(
            answered_at=answered_at,
            attempts=attempts,
            csv=csv,
            duplicate=duplicate,
            error=error,
            generated_at=generated_at,
            huella=huella,
            invoice_id=invoice_id,
            issue_date=issue_date,
            issuer_tax_id=issuer_tax_id,
            kind=kind,
            last_attempt_at=last_attempt_at,
            last_failure=last_failure,
            number=number,
            position=position,
            record_id=record_id,
            sent_with_incident=sent_with_incident,
            status=status,
        )

        return record_listed
