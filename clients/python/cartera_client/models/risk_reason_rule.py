from enum import StrEnum


class RiskReasonRule(StrEnum):
    FALLING_BILLING = "falling_billing"
    LATE_PAYMENTS = "late_payments"
    LATE_PAYMENT_RISK = "late_payment_risk"
    LONG_OVERDUE = "long_overdue"
    POOR_CSAT = "poor_csat"
    POOR_NPS = "poor_nps"
    SLA_BREACHES = "sla_breaches"

    def __str__(self) -> str:
        return str(self.value)
