from enum import StrEnum


class RecordFlagsSinRegistroPrevioType0(StrEnum):
    N = "N"
    S = "S"

    def __str__(self) -> str:
        return str(self.value)
