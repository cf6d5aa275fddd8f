from enum import StrEnum


class ListAlertsKindType0(StrEnum):
    CERTIFICATE_EXPIRING = "certificate_expiring"
    CONCENTRATION = "concentration"
    LATE_PAYER = "late_payer"
    TOP_CLIENT_DROP = "top_client_drop"

    def __str__(self) -> str:
        return str(self.value)
