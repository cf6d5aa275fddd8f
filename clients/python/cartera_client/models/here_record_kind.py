from enum import StrEnum


class HereRecordKind(StrEnum):
    ALTA = "alta"
    ANULACION = "anulacion"

    def __str__(self) -> str:
        return str(self.value)
