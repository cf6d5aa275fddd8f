from enum import StrEnum


class InteractionAnswerSource(StrEnum):
    INBOUND = "inbound"
    MANUAL = "manual"

    def __str__(self) -> str:
        return str(self.value)
