from enum import StrEnum


class InboundReceiptKind(StrEnum):
    INTERACTION = "interaction"
    REQUEST = "request"
    TRIAGE = "triage"

    def __str__(self) -> str:
        return str(self.value)
