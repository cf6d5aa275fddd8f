from enum import StrEnum


class InvoiceReadVerifactuStatusType0(StrEnum):
    ACCEPTED = "accepted"
    ACCEPTED_WITH_ERRORS = "accepted_with_errors"
    PENDING = "pending"
    REJECTED = "rejected"
    SENT = "sent"
    TEST = "test"

    def __str__(self) -> str:
        return str(self.value)
