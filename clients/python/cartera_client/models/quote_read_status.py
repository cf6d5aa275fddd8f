from enum import StrEnum


class QuoteReadStatus(StrEnum):
    ACCEPTED = "accepted"
    DRAFT = "draft"
    EXPIRED = "expired"
    REJECTED = "rejected"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
