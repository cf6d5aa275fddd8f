from enum import StrEnum


class TriageItemResolvedKindType0(StrEnum):
    INTERACTION = "interaction"
    REQUEST = "request"

    def __str__(self) -> str:
        return str(self.value)
