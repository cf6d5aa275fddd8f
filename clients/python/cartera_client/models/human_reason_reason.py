from enum import StrEnum


class HumanReasonReason(StrEnum):
    BANK_LINES_UNMATCHED = "bank_lines_unmatched"
    CERTIFICATE_EXPIRING = "certificate_expiring"
    DIRECT_DEBITS_RETURNED = "direct_debits_returned"
    MODELO_347_MISSING_TAX_ID = "modelo_347_missing_tax_id"
    VERIFACTU_NO_VALID_CERTIFICATE = "verifactu_no_valid_certificate"
    VERIFACTU_REJECTED = "verifactu_rejected"
    VERIFACTU_SUBMISSION_OFF = "verifactu_submission_off"
    WEBHOOKS_DISABLED = "webhooks_disabled"

    def __str__(self) -> str:
        return str(self.value)
