from enum import StrEnum


class InboundReceiptStatus(StrEnum):
    LOGGED = "logged"
    TRIAGED = "triaged"

    def __str__(self) -> str:
        return str(self.value)
