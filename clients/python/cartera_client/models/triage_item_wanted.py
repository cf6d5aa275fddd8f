from enum import StrEnum


class TriageItemWanted(StrEnum):
    INTERACTION = "interaction"
    REQUEST = "request"

    def __str__(self) -> str:
        return str(self.value)
