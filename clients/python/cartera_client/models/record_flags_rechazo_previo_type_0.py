from enum import StrEnum


class RecordFlagsRechazoPrevioType0(StrEnum):
    N = "N"
    S = "S"
    X = "X"

    def __str__(self) -> str:
        return str(self.value)
