from enum import StrEnum


class LevelInTone(StrEnum):
    FINAL = "final"
    FORMAL = "formal"
    FRIENDLY = "friendly"

    def __str__(self) -> str:
        return str(self.value)
