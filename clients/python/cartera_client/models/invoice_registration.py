from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.invoice_registration_kind import InvoiceRegistrationKind
from ..models.invoice_registration_status import InvoiceRegistrationStatus
from ..models.invoice_registration_submission_status import InvoiceRegistrationSubmissionStatus

if TYPE_CHECKING:
    from ..models.alta_fields import AltaFields
    from ..models.answer_of import AnswerOf
    from ..models.anulacion_fields import AnulacionFields
    from ..models.verifactu_error import VerifactuError


T = TypeVar("T", bound="InvoiceRegistration")


@_attrs_define
class InvoiceRegistration:
    """The invoice's alta record (the AEAT's field names, its XML, the QR URL), and the
    submission of the invoice's last record (`answer_of`).

        Attributes:
            answer_of (AnswerOf): The record whose submission the answer shows: the invoice's last one.
            answered_at (datetime.datetime | None):
            attempts (int):
            csv (None | str): The CSV of the request that carried it, once accepted.
            duplicate (bool):
            error (None | VerifactuError): The AEAT's code and description (rejected, or accepted with errors).
            fields (AltaFields | AnulacionFields): The record's fields, by the AEAT's names.
            generated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
            kind (InvoiceRegistrationKind):
            last_attempt_at (datetime.datetime | None):
            last_failure (None | str):
            position (int): Its place in the issuer's chain.
            qr_url (str): The URL the printed QR code carries.
            record_id (UUID):
            sent_with_incident (bool):
            status (InvoiceRegistrationStatus):
            submission_status (InvoiceRegistrationSubmissionStatus): As `status`.
            xml (str): The record as sent (RegistroAlta XML).
    """

    answer_of: AnswerOf
    answered_at: datetime.datetime | None
    attempts: int
    csv: None | str
    duplicate: bool
    error: None | VerifactuError
    fields: AltaFields | AnulacionFields
    generated_at: datetime.datetime
    kind: InvoiceRegistrationKind
    last_attempt_at: datetime.datetime | None
    last_failure: None | str
    position: int
    qr_url: str
    record_id: UUID
    sent_with_incident: bool
    status: InvoiceRegistrationStatus
    submission_status: InvoiceRegistrationSubmissionStatus
    xml: str

    def to_dict(self) -> dict[str, Any]:
        from ..models.alta_fields import AltaFields  # noqa: PLC0415
        from ..models.verifactu_error import VerifactuError  # noqa: PLC0415

        answer_of = self.answer_of.to_dict()

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

        fields: dict[str, Any]
        if isinstance(self.fields, AltaFields):
            fields = self.fields.to_dict()
        else:
            fields = self.fields.to_dict()

        generated_at = self.generated_at.isoformat()

        kind = self.kind.value

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        last_failure: None | str
        last_failure = self.last_failure

        position = self.position

        qr_url = self.qr_url

        record_id = str(self.record_id)

        sent_with_incident = self.sent_with_incident

        status = self.status.value

        submission_status = self.submission_status.value

        xml = self.xml

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer_of": answer_of,
                "answered_at": answered_at,
                "attempts": attempts,
                "csv": csv,
                "duplicate": duplicate,
                "error": error,
                "fields": fields,
                "generated_at": generated_at,
                "kind": kind,
                "last_attempt_at": last_attempt_at,
                "last_failure": last_failure,
                "position": position,
                "qr_url": qr_url,
                "record_id": record_id,
                "sent_with_incident": sent_with_incident,
                "status": status,
                "submission_status": submission_status,
                "xml": xml,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alta_fields import AltaFields  # noqa: PLC0415
        from ..models.answer_of import AnswerOf  # noqa: PLC0415
        from ..models.anulacion_fields import AnulacionFields  # noqa: PLC0415
        from ..models.verifactu_error import VerifactuError  # noqa: PLC0415

        d = dict(src_dict)
        answer_of = AnswerOf.from_dict(d.pop("answer_of"))

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

        def _parse_fields(data: object) -> AltaFields | AnulacionFields:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fields_type_0 = AltaFields.from_dict(data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            fields_type_1 = AnulacionFields.from_dict(data)

            return fields_type_1

        fields = _parse_fields(d.pop("fields"))

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        kind = InvoiceRegistrationKind(d.pop("kind"))

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

        qr_url = d.pop("qr_url")

        record_id = UUID(d.pop("record_id"))

        sent_with_incident = d.pop("sent_with_incident")

        status = InvoiceRegistrationStatus(d.pop("status"))

        submission_status = InvoiceRegistrationSubmissionStatus(d.pop("submission_status"))

        xml = d.pop("xml")

        invoice_registration = cls(
            answer_of=answer_of,
            answered_at=answered_at,
            attempts=attempts,
            csv=csv,
            duplicate=duplicate,
            error=error,
            fields=fields,
            generated_at=generated_at,
            kind=kind,
            last_attempt_at=last_attempt_at,
            last_failure=last_failure,
            position=position,
            qr_url=qr_url,
            record_id=record_id,
            sent_with_incident=sent_with_incident,
            status=status,
            submission_status=submission_status,
            xml=xml,
        )

        return invoice_registration
