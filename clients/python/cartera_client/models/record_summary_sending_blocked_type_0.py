from enum import StrEnum


class RecordSummarySendingBlockedType0(StrEnum):
    NO_VALID_CERTIFICATE = "no_valid_certificate"
    SUBMISSION_OFF = "submission_off"

    def __str__(self) -> str:
        return str(self.value)
