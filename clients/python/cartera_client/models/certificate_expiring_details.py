from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.certificate_expiring_details_role import CertificateExpiringDetailsRole

T = TypeVar("T", bound="CertificateExpiringDetails")


@_attrs_define
class CertificateExpiringDetails:
    """`certificate_expiring`: the certificate that sends the VERI*FACTU records expires soon.

    Attributes:
        certificate_id (UUID):
        fingerprint_sha256 (str):
        holder_name (str):
        holder_nif (str):
        issuer (str):
        not_after (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        role (CertificateExpiringDetailsRole): issuer (the tenant's own certificate) or representative.
        serial (str):
        subject (str):
    """

    certificate_id: UUID
    fingerprint_sha256: str
    holder_name: str
    holder_nif: str
    issuer: str
    not_after: datetime.datetime
    role: CertificateExpiringDetailsRole
    serial: str
    subject: str

    def to_dict(self) -> dict[str, Any]:
        certificate_id = str(self.certificate_id)

        fingerprint_sha256 = self.fingerprint_sha256

        holder_name = self.holder_name

        holder_nif = self.holder_nif

        issuer = self.issuer

        not_after = self.not_after.isoformat()

        role = self.role.value

        serial = self.serial

        subject = self.subject

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "certificate_id": certificate_id,
                "fingerprint_sha256": fingerprint_sha256,
                "holder_name": holder_name,
                "holder_nif": holder_nif,
                "issuer": issuer,
                "not_after": not_after,
                "role": role,
                "serial": serial,
                "subject": subject,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        certificate_id = UUID(d.pop("certificate_id"))

        fingerprint_sha256 = d.pop("fingerprint_sha256")

        holder_name = d.pop("holder_name")

        holder_nif = d.pop("holder_nif")

        issuer = d.pop("issuer")

        not_after = datetime.datetime.fromisoformat(d.pop("not_after"))

        role = CertificateExpiringDetailsRole(d.pop("role"))

        serial = d.pop("serial")

        subject = d.pop("subject")

        certificate_expiring_details = cls(
            certificate_id=certificate_id,
            fingerprint_sha256=fingerprint_sha256,
            holder_name=holder_name,
            holder_nif=holder_nif,
            issuer=issuer,
            not_after=not_after,
            role=role,
            serial=serial,
            subject=subject,
        )

        return certificate_expiring_details
