from enum import StrEnum


class SeriesCreateKind(StrEnum):
    ORDINARY = "ordinary"
    RECTIFYING = "rectifying"
    SIMPLIFIED = "simplified"

    def __str__(self) -> str:
        return str(self.value)
