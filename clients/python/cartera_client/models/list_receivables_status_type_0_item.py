from enum import StrEnum


class ListReceivablesStatusType0Item(StrEnum):
    CANCELLED = "cancelled"
    OPEN = "open"
    PARTIALLY_PAID = "partially_paid"
    SETTLED = "settled"

    def __str__(self) -> str:
        return str(self.value)
