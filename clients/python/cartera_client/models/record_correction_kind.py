from enum import StrEnum


class RecordCorrectionKind(StrEnum):
    ALTA = "alta"
    ANULACION = "anulacion"

    def __str__(self) -> str:
        return str(self.value)
