from enum import StrEnum


class ListTriageItemsStatusType0(StrEnum):
    ASSIGNED = "assigned"
    DISMISSED = "dismissed"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
