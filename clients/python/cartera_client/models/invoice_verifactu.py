from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.invoice_verifactu_kind import InvoiceVerifactuKind
from ..models.invoice_verifactu_status import InvoiceVerifactuStatus

if TYPE_CHECKING:
    from ..models.verifactu_error import VerifactuError


T = TypeVar("T", bound="InvoiceVerifactu")


@_attrs_define
class InvoiceVerifactu:
    """The invoice's last Verifactu record (its alta, or the correction or anulación that
    followed it) and the AEAT's answer to it.

        Attributes:
            answered_at (datetime.datetime | None):
            attempts (int):
            csv (None | str): The CSV of the request that carried it, once accepted.
            duplicate (bool):
            error (None | VerifactuError): The AEAT's code and description (rejected, or accepted with errors).
            kind (InvoiceVerifactuKind):
            last_attempt_at (datetime.datetime | None):
            last_failure (None | str):
            position (int):
            record_id (UUID):
            sent_with_incident (bool):
            status (InvoiceVerifactuStatus):
    """

    answered_at: datetime.datetime | None
    attempts: int
    csv: None | str
    duplicate: bool
    error: None | VerifactuError
    kind: InvoiceVerifactuKind
    last_attempt_at: datetime.datetime | None
    last_failure: None | str
    position: int
    record_id: UUID
    sent_with_incident: bool
    status: InvoiceVerifactuStatus

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

        kind = self.kind.value

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        last_failure: None | str
        last_failure = self.last_failure

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
                "kind": kind,
                "last_attempt_at": last_attempt_at,
                "last_failure": last_failure,
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

        kind = InvoiceVerifactuKind(d.pop("kind"))

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

        position = d.pop("position")

        record_id = UUID(d.pop("record_id"))

        sent_with_incident = d.pop("sent_with_incident")

        status = InvoiceVerifactuStatus(d.pop("status"))

        invoice_verifactu = cls(
            answered_at=answered_at,
            attempts=attempts,
            csv=csv,
            duplicate=duplicate,
            error=error,
            kind=kind,
            last_attempt_at=last_attempt_at,
            last_failure=last_failure,
            position=position,
            record_id=record_id,
            sent_with_incident=sent_with_incident,
            status=status,
        )

        return invoice_verifactu
