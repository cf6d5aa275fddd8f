from enum import StrEnum


class ListInvoicesStatusType0(StrEnum):
    CANCELLED = "cancelled"
    DRAFT = "draft"
    ISSUED = "issued"

    def __str__(self) -> str:
        return str(self.value)
