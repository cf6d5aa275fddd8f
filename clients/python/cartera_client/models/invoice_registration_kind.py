from enum import StrEnum


class InvoiceRegistrationKind(StrEnum):
    ALTA = "alta"
    ANULACION = "anulacion"

    def __str__(self) -> str:
        return str(self.value)
