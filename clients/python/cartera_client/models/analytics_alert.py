from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.analytics_alert_kind import AnalyticsAlertKind

if TYPE_CHECKING:
    from ..models.certificate_expiring_details import CertificateExpiringDetails
    from ..models.concentration_details import ConcentrationDetails
    from ..models.late_payer_details import LatePayerDetails
    from ..models.top_client_drop_details import TopClientDropDetails


T = TypeVar("T", bound="AnalyticsAlert")


@_attrs_define
class AnalyticsAlert:
    """
    Attributes:
        client_id (None | UUID): The client; null for an alert about something else (an expiring certificate).
        details (CertificateExpiringDetails | ConcentrationDetails | LatePayerDetails | TopClientDropDetails): What else
            the alert is about, by kind: ConcentrationDetails, TopClientDropDetails, LatePayerDetails or
            CertificateExpiringDetails.
        id (UUID):
        kind (AnalyticsAlertKind):
        message (str):
        period (str): The month the alert is about, YYYY-MM.
        raised_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        threshold (str): The limit it went over, in the same unit as `value` (decimal as a string).
        value (str): What was measured, a decimal as a string with four decimals: a fraction of 1 (not a percentage) for
            concentration, top_client_drop and late_payer; days left for certificate_expiring.
    """

    client_id: None | UUID
    details: (
        CertificateExpiringDetails | ConcentrationDetails | LatePayerDetails | TopClientDropDetails
    )
    id: UUID
    kind: AnalyticsAlertKind
    message: str
    period: str
    raised_at: datetime.datetime
    threshold: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        from ..models.concentration_details import ConcentrationDetails  # noqa: PLC0415
        from ..models.late_payer_details import LatePayerDetails  # noqa: PLC0415
        from ..models.top_client_drop_details import TopClientDropDetails  # noqa: PLC0415

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        details: dict[str, Any]
        if isinstance(self.details, ConcentrationDetails):
            details = self.details.to_dict()
        elif isinstance(self.details, TopClientDropDetails):
            details = self.details.to_dict()
        elif isinstance(self.details, LatePayerDetails):
            details = self.details.to_dict()
        else:
            details = self.details.to_dict()

        id = str(self.id)

        kind = self.kind.value

        message = self.message

        period = self.period

        raised_at = self.raised_at.isoformat()

        threshold = self.threshold

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "details": details,
                "id": id,
                "kind": kind,
                "message": message,
                "period": period,
                "raised_at": raised_at,
                "threshold": threshold,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certificate_expiring_details import CertificateExpiringDetails  # noqa: PLC0415
        from ..models.concentration_details import ConcentrationDetails  # noqa: PLC0415
        from ..models.late_payer_details import LatePayerDetails  # noqa: PLC0415
        from ..models.top_client_drop_details import TopClientDropDetails  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))

        def _parse_details(
            data: object,
        ) -> (
            CertificateExpiringDetails
            | ConcentrationDetails
            | LatePayerDetails
            | TopClientDropDetails
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                details_type_0 = ConcentrationDetails.from_dict(data)

                return details_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                details_type_1 = TopClientDropDetails.from_dict(data)

                return details_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                details_type_2 = LatePayerDetails.from_dict(data)

                return details_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            details_type_3 = CertificateExpiringDetails.from_dict(data)

            return details_type_3

        details = _parse_details(d.pop("details"))

        id = UUID(d.pop("id"))

        kind = AnalyticsAlertKind(d.pop("kind"))

        message = d.pop("message")

        period = d.pop("period")

        raised_at = datetime.datetime.fromisoformat(d.pop("raised_at"))

        threshold = d.pop("threshold")

        value = d.pop("value")

        analytics_alert = cls(
            client_id=client_id,
            details=details,
            id=id,
            kind=kind,
            message=message,
            period=period,
            raised_at=raised_at,
            threshold=threshold,
            value=value,
        )

        return analytics_alert
