from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.certificate_read_role_type_0 import CertificateReadRoleType0

T = TypeVar("T", bound="CertificateRead")


@_attrs_define
class CertificateRead:
    """A stored certificate: everything public about it, never its key.

    Attributes:
        days_to_expiry (int):
        expiry_warned_at (datetime.datetime | None):
        fingerprint_sha256 (str):
        holder_name (str):
        holder_nif (str):
        id (UUID):
        issuer (str): The certification authority that issued it.
        not_after (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        not_before (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        role (CertificateReadRoleType0 | None): Whose it is: the issuer's own, or a declared representative's; null when
            it is neither (then not usable).
        serial (str):
        subject (str):
        unusable_reason (None | str):
        uploaded_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        uploaded_by (str):
        usable (bool):
    """

    days_to_expiry: int
    expiry_warned_at: datetime.datetime | None
    fingerprint_sha256: str
    holder_name: str
    holder_nif: str
    id: UUID
    issuer: str
    not_after: datetime.datetime
    not_before: datetime.datetime
    role: CertificateReadRoleType0 | None
    serial: str
    subject: str
    unusable_reason: None | str
    uploaded_at: datetime.datetime
    uploaded_by: str
    usable: bool

    def to_dict(self) -> dict[str, Any]:
        days_to_expiry = self.days_to_expiry

        expiry_warned_at: None | str
        if isinstance(self.expiry_warned_at, datetime.datetime):
            expiry_warned_at = self.expiry_warned_at.isoformat()
        else:
            expiry_warned_at = self.expiry_warned_at

        fingerprint_sha256 = self.fingerprint_sha256

        holder_name = self.holder_name

        holder_nif = self.holder_nif

        id = str(self.id)

        issuer = self.issuer

        not_after = self.not_after.isoformat()

        not_before = self.not_before.isoformat()

        role: None | str
        if isinstance(self.role, CertificateReadRoleType0):
            role = self.role.value
        else:
            role = self.role

        serial = self.serial

        subject = self.subject

        unusable_reason: None | str
        unusable_reason = self.unusable_reason

        uploaded_at = self.uploaded_at.isoformat()

        uploaded_by = self.uploaded_by

        usable = self.usable

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days_to_expiry": days_to_expiry,
                "expiry_warned_at": expiry_warned_at,
                "fingerprint_sha256": fingerprint_sha256,
                "holder_name": holder_name,
                "holder_nif": holder_nif,
                "id": id,
                "issuer": issuer,
                "not_after": not_after,
                "not_before": not_before,
                "role": role,
                "serial": serial,
                "subject": subject,
                "unusable_reason": unusable_reason,
                "uploaded_at": uploaded_at,
                "uploaded_by": uploaded_by,
                "usable": usable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days_to_expiry = d.pop("days_to_expiry")

        def _parse_expiry_warned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expiry_warned_at_type_0 = datetime.datetime.fromisoformat(data)

                return expiry_warned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expiry_warned_at = _parse_expiry_warned_at(d.pop("expiry_warned_at"))

        fingerprint_sha256 = d.pop("fingerprint_sha256")

        holder_name = d.pop("holder_name")

        holder_nif = d.pop("holder_nif")

        id = UUID(d.pop("id"))

        issuer = d.pop("issuer")

        not_after = datetime.datetime.fromisoformat(d.pop("not_after"))

        not_before = datetime.datetime.fromisoformat(d.pop("not_before"))

        def _parse_role(data: object) -> CertificateReadRoleType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = CertificateReadRoleType0(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CertificateReadRoleType0 | None, data)

        role = _parse_role(d.pop("role"))

        serial = d.pop("serial")

        subject = d.pop("subject")

        def _parse_unusable_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unusable_reason = _parse_unusable_reason(d.pop("unusable_reason"))

        uploaded_at = datetime.datetime.fromisoformat(d.pop("uploaded_at"))

        uploaded_by = d.pop("uploaded_by")

        usable = d.pop("usable")

        certificate_read = cls(
            days_to_expiry=days_to_expiry,
            expiry_warned_at=expiry_warned_at,
            fingerprint_sha256=fingerprint_sha256,
            holder_name=holder_name,
            holder_nif=holder_nif,
            id=id,
            issuer=issuer,
            not_after=not_after,
            not_before=not_before,
            role=role,
            serial=serial,
            subject=subject,
            unusable_reason=unusable_reason,
            uploaded_at=uploaded_at,
            uploaded_by=uploaded_by,
            usable=usable,
        )

        return certificate_read
