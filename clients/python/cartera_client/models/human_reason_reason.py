from enum import StrEnum


class HumanReasonReason(StrEnum):
    BANK_LINES_UNMATCHED = "bank_lines_unmatched"
    CERTIFICATE_EXPIRING = "certificate_expiring"
    MODELO_347_MISSING_TAX_ID = "modelo_347_missing_tax_id"
    VERIFACTU_REJECTED = "verifactu_rejected"
    WEBHOOKS_DISABLED = "webhooks_disabled"

    def __str__(self) -> str:
        return str(self.value)
