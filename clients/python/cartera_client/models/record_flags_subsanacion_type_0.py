from enum import StrEnum


class RecordFlagsSubsanacionType0(StrEnum):
    N = "N"
    S = "S"

    def __str__(self) -> str:
        return str(self.value)
