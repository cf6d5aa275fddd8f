from enum import StrEnum


class RectifyInType(StrEnum):
    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"

    def __str__(self) -> str:
        return str(self.value)
