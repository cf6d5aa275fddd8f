from enum import StrEnum


class SatisfactionTrendNps(StrEnum):
    DOWN = "down"
    FLAT = "flat"
    NA = "n/a"
    UP = "up"

    def __str__(self) -> str:
        return str(self.value)
