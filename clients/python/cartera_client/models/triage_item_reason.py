from enum import StrEnum


class TriageItemReason(StrEnum):
    AMBIGUOUS_SENDER = "ambiguous_sender"
    UNKNOWN_SENDER = "unknown_sender"

    def __str__(self) -> str:
        return str(self.value)
