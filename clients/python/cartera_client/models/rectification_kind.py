from enum import StrEnum


class RectificationKind(StrEnum):
    I = "I"
    S = "S"

    def __str__(self) -> str:
        return str(self.value)
