from enum import StrEnum


class ReceivableStatus(StrEnum):
    CANCELLED = "cancelled"
    OPEN = "open"
    PARTIALLY_PAID = "partially_paid"
    SETTLED = "settled"

    def __str__(self) -> str:
        return str(self.value)
