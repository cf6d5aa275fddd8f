"""The alerts list, and the tenant's alert thresholds and Modelo 347 setting."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import AliasChoices, ConfigDict, Field, model_validator

from cartera_analytics.alerts import raising
from cartera_analytics.wire import Fraction, Timestamp
from cartera_shared.contract import Answer
from cartera_shared.text import Input
from cartera_shared.wire import Decimal4, Money

AlertKind = Literal["concentration", "top_client_drop", "late_payer", "certificate_expiring"]


class ConcentrationDetails(Answer):
    """`concentration`: one client's share of a month's billing."""

    month: str = Field(description="YYYY-MM.")
    base: Money = Field(description="The client's taxable base that month.")
    total: Money = Field(description="The tenant's taxable base that month.")


class TopClientDropDetails(Answer):
    """`top_client_drop`: a top client of one month billed much less the next."""

    previous_month: str = Field(description="YYYY-MM.")
    previous_base: Money = Field(description="The client's taxable base in the previous month.")
    base: Money = Field(description="The client's taxable base in the alert's month.")


class LatePayerDetails(Answer):
    """`late_payer`: many of a client's last instalments were paid late or are unpaid."""

    late: int = Field(description="Instalments paid late or still unpaid.")
    considered: int = Field(description="The client's last instalments due, looked at.")
    max_days_late: int


class CertificateExpiringDetails(Answer):
    """`certificate_expiring`: the certificate that sends the VERI*FACTU records expires soon."""

    certificate_id: uuid.UUID
    holder_nif: str
    holder_name: str
    role: Literal["issuer", "representative"] = Field(
        description="issuer (the tenant's own certificate) or representative."
    )
    subject: str
    issuer: str
    serial: str
    fingerprint_sha256: str
    not_after: Timestamp


# The kind is beside the details (`AnalyticsAlert.kind`); each kind's details have members of
# their own, so the union reads unambiguously and a test checks each kind has its model.
AlertDetails = (
    ConcentrationDetails | TopClientDropDetails | LatePayerDetails | CertificateExpiringDetails
)
DETAILS_BY_KIND: dict[str, type[Answer]] = {
    "concentration": ConcentrationDetails,
    "top_client_drop": TopClientDropDetails,
    "late_payer": LatePayerDetails,
    "certificate_expiring": CertificateExpiringDetails,
}


class AnalyticsAlert(Answer):
    id: uuid.UUID
    kind: AlertKind
    client_id: uuid.UUID | None = Field(
        description="The client; null for an alert about something else (an expiring certificate)."
    )
    period: str = Field(description="The month the alert is about, YYYY-MM.")
    value: Decimal4 = Field(
        description="What was measured, a decimal as a string with four decimals: a fraction "
        "of 1 (not a percentage) for concentration, top_client_drop and late_payer; days left "
        "for certificate_expiring."
    )
    threshold: Decimal4 = Field(
        description="The limit it went over, in the same unit as `value` (decimal as a string)."
    )
    message: str
    details: AlertDetails = Field(
        description="What else the alert is about, by kind: ConcentrationDetails, "
        "TopClientDropDetails, LatePayerDetails or CertificateExpiringDetails."
    )
    raised_at: Timestamp

    @model_validator(mode="after")
    def _details_of_its_kind(self) -> Self:
        if not isinstance(self.details, DETAILS_BY_KIND[self.kind]):
            raise ValueError(f"details of a {self.kind} alert: {type(self.details).__name__}")
        return self


class AnalyticsAlertList(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "id": "6a0c1a7e-94f3-4b1e-9f0e-3f4d2b1c0a99",
                            "kind": "concentration",
                            "client_id": "3f2b8f0e-8a4b-4c53-9a57-1c7c6f0e2a11",
                            "period": "2026-02",
                            "value": "0.8000",
                            "threshold": "0.4000",
                            "message": "Talleres Norte SL made 80.00 % of February's billing",
                            "details": {
                                "month": "2026-02",
                                "base": "12000.00",
                                "total": "15000.00",
                            },
                            "raised_at": "2026-03-01T00:05:00.000000Z",
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[AnalyticsAlert] = Field(description="Newest first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


FractionIn = Annotated[
    Decimal,
    Field(
        gt=0,
        le=1,
        max_digits=5,
        decimal_places=4,
        description="A fraction of 1 (not a percentage): 0.4 is 40 %.",
    ),
]


class AnalyticsSettingsIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "concentration_threshold_fraction": "0.35",
                    "drop_threshold_fraction": "0.5",
                    "late_payer_fraction": "0.5",
                    "files_through_sii": False,
                }
            ]
        },
    )

    # The names before 2026-12-06 (without `_fraction`) are still read.
    concentration_threshold_fraction: FractionIn = Field(
        default=raising.DEFAULT_CONCENTRATION,
        validation_alias=AliasChoices(
            "concentration_threshold_fraction", "concentration_threshold"
        ),
    )
    drop_threshold_fraction: FractionIn = Field(
        default=raising.DEFAULT_DROP,
        validation_alias=AliasChoices("drop_threshold_fraction", "drop_threshold"),
    )
    late_payer_fraction: FractionIn = Field(
        default=raising.DEFAULT_LATE_RATIO,
        validation_alias=AliasChoices("late_payer_fraction", "late_payer_ratio"),
    )
    files_through_sii: bool = Field(
        default=False, description="A tenant that files through SII does not file Modelo 347."
    )


class AnalyticsSettings(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "concentration_threshold_fraction": "0.4000",
                    "drop_threshold_fraction": "0.5000",
                    "late_payer_fraction": "0.5000",
                    "files_through_sii": False,
                }
            ]
        }
    )

    concentration_threshold_fraction: Fraction = Field(
        description="A client's share of a month's billing above which a concentration alert "
        "is raised: a fraction of 1 (not a percentage), decimal as a string, four decimals."
    )
    drop_threshold_fraction: Fraction = Field(
        description="Fall of a top client's monthly billing that raises an alert: a fraction of "
        "1 (not a percentage)."
    )
    late_payer_fraction: Fraction = Field(
        description="Share of a client's last six instalments paid late that raises an alert: "
        "a fraction of 1 (not a percentage)."
    )
    files_through_sii: bool
