from enum import StrEnum


class SurveyAnsweredKind(StrEnum):
    CSAT = "csat"
    NPS = "nps"

    def __str__(self) -> str:
        return str(self.value)
