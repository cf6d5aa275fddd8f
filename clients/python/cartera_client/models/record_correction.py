from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.record_correction_kind import RecordCorrectionKind
from ..models.record_correction_status import RecordCorrectionStatus

if TYPE_CHECKING:
    from ..models.alta_fields import AltaFields
    from ..models.anulacion_fields import AnulacionFields
    from ..models.record_flags import RecordFlags


T = TypeVar("T", bound="RecordCorrection")


@_attrs_define
class RecordCorrection:
    """The record just appended to correct the invoice's last one.

    Attributes:
        fields (AltaFields | AnulacionFields): The record's fields, by the AEAT's names.
        flags (RecordFlags): The operation's flags, where the record has them (anexo II 9.1 and 9.2): an alta de
            subsanación carries Subsanacion S; one after a rejection RechazoPrevio S or X.
        generated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        huella (str): The record's fingerprint (SHA-256, hexadecimal).
        invoice_id (UUID):
        kind (RecordCorrectionKind):
        operation (str): The AEAT's name of the operation: ALTA DE SUBSANACIÓN, ALTA POR RECHAZO, ANULACIÓN, ...
        position (int): Its place in the issuer's chain.
        status (RecordCorrectionStatus):
        xml (str):
    """

    fields: AltaFields | AnulacionFields
    flags: RecordFlags
    generated_at: datetime.datetime
    huella: str
    invoice_id: UUID
    kind: RecordCorrectionKind
    operation: str
    position: int
    status: RecordCorrectionStatus
    xml: str

    def to_dict(self) -> dict[str, Any]:
        from ..models.alta_fields import AltaFields  # noqa: PLC0415

        fields: dict[str, Any]
        if isinstance(self.fields, AltaFields):
            fields = self.fields.to_dict()
        else:
            fields = self.fields.to_dict()

        flags = self.flags.to_dict()

        generated_at = self.generated_at.isoformat()

        huella = self.huella

        invoice_id = str(self.invoice_id)

        kind = self.kind.value

        operation = self.operation

        position = self.position

        status = self.status.value

        xml = self.xml

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fields": fields,
                "flags": flags,
                "generated_at": generated_at,
                "huella": huella,
                "invoice_id": invoice_id,
                "kind": kind,
                "operation": operation,
                "position": position,
                "status": status,
                "xml": xml,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alta_fields import AltaFields  # noqa: PLC0415
        from ..models.anulacion_fields import AnulacionFields  # noqa: PLC0415
        from ..models.record_flags import RecordFlags  # noqa: PLC0415

        d = dict(src_dict)

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

        flags = RecordFlags.from_dict(d.pop("flags"))

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        huella = d.pop("huella")

        invoice_id = UUID(d.pop("invoice_id"))

        kind = RecordCorrectionKind(d.pop("kind"))

        operation = d.pop("operation")

        position = d.pop("position")

        status = RecordCorrectionStatus(d.pop("status"))

        xml = d.pop("xml")

        record_correction = cls(
            fields=fields,
            flags=flags,
            generated_at=generated_at,
            huella=huella,
            invoice_id=invoice_id,
            kind=kind,
            operation=operation,
            position=position,
            status=status,
            xml=xml,
        )

        return record_correction
