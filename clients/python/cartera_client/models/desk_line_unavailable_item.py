from enum import StrEnum


class DeskLineUnavailableItem(StrEnum):
    BANK_LINES = "bank_lines"
    CERTIFICATE = "certificate"
    MODELO_347 = "modelo_347"
    OVERDUE = "overdue"
    RETURNED_DEBITS = "returned_debits"
    TAX = "tax"
    VERIFACTU = "verifactu"

    def __str__(self) -> str:
        return str(self.value)
