from enum import StrEnum


class DifferenceKind(StrEnum):
    ACCEPTED_NOT_HELD = "accepted_not_held"
    DIFFERENT_HUELLA = "different_huella"
    DIFFERENT_STATE = "different_state"
    HELD_NOT_ACCEPTED = "held_not_accepted"

    def __str__(self) -> str:
        return str(self.value)
