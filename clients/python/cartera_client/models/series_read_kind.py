from enum import StrEnum


class SeriesReadKind(StrEnum):
    ORDINARY = "ordinary"
    RECTIFYING = "rectifying"
    SIMPLIFIED = "simplified"

    def __str__(self) -> str:
        return str(self.value)
