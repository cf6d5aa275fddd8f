from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.invoice_record_kind import InvoiceRecordKind
from ..models.invoice_record_status import InvoiceRecordStatus

if TYPE_CHECKING:
    from ..models.alta_fields import AltaFields
    from ..models.anulacion_fields import AnulacionFields
    from ..models.record_flags import RecordFlags


T = TypeVar("T", bound="InvoiceRecord")


@_attrs_define
class InvoiceRecord:
    """One Verifactu record of an invoice, with its flags and the AEAT's answer.

    Attributes:
        fields (AltaFields | AnulacionFields): The record's fields, by the AEAT's names.
        flags (RecordFlags): The operation's flags, where the record has them (anexo II 9.1 and 9.2): an alta de
            subsanación carries Subsanacion S; one after a rejection RechazoPrevio S or X.
        generated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        huella (str): The record's fingerprint (SHA-256, hexadecimal).
        kind (InvoiceRecordKind):
        position (int): Its place in the issuer's chain.
        status (InvoiceRecordStatus):
        xml (str):
    """

    fields: AltaFields | AnulacionFields
    flags: RecordFlags
    generated_at: datetime.datetime
    huella: str
    kind: InvoiceRecordKind
    position: int
    status: InvoiceRecordStatus
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

        kind = self.kind.value

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
                "kind": kind,
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

        kind = InvoiceRecordKind(d.pop("kind"))

        position = d.pop("position")

        status = InvoiceRecordStatus(d.pop("status"))

        xml = d.pop("xml")

        invoice_record = cls(
            fields=fields,
            flags=flags,
            generated_at=generated_at,
            huella=huella,
            kind=kind,
            position=position,
            status=status,
            xml=xml,
        )

        return invoice_record
