from enum import StrEnum


class ListSurveysKindType0(StrEnum):
    CSAT = "csat"
    NPS = "nps"

    def __str__(self) -> str:
        return str(self.value)
