from enum import StrEnum


class AssignInCreate(StrEnum):
    INTERACTION = "interaction"
    REQUEST = "request"

    def __str__(self) -> str:
        return str(self.value)
