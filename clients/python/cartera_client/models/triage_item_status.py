from enum import StrEnum


class TriageItemStatus(StrEnum):
    ASSIGNED = "assigned"
    DISMISSED = "dismissed"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
