from enum import StrEnum


class PaymentInMethod(StrEnum):
    CARD = "card"
    CASH = "cash"
    CHEQUE = "cheque"
    DIRECT_DEBIT = "direct_debit"
    OTHER = "other"
    TRANSFER = "transfer"

    def __str__(self) -> str:
        return str(self.value)
