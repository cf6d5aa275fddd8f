from enum import StrEnum


class IssuedInBatchStatus(StrEnum):
    CANCELLED = "cancelled"
    DRAFT = "draft"
    ISSUED = "issued"

    def __str__(self) -> str:
        return str(self.value)
