from enum import StrEnum


class TimelineDetailsKindType0(StrEnum):
    CSAT = "csat"
    NPS = "nps"

    def __str__(self) -> str:
        return str(self.value)
