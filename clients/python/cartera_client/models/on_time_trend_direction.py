from enum import StrEnum


class OnTimeTrendDirection(StrEnum):
    FLAT = "flat"
    IMPROVING = "improving"
    NA = "n/a"
    WORSENING = "worsening"

    def __str__(self) -> str:
        return str(self.value)
