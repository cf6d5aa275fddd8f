from enum import StrEnum


class AnswerOfKind(StrEnum):
    ALTA = "alta"
    ANULACION = "anulacion"

    def __str__(self) -> str:
        return str(self.value)
