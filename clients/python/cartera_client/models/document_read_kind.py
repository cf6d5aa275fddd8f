from enum import StrEnum


class DocumentReadKind(StrEnum):
    CONTRACT = "contract"
    DELIVERY_NOTE = "delivery_note"
    INVOICE = "invoice"
    OTHER = "other"
    QUOTE = "quote"

    def __str__(self) -> str:
        return str(self.value)
