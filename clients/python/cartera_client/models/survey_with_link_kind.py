from enum import StrEnum


class SurveyWithLinkKind(StrEnum):
    CSAT = "csat"
    NPS = "nps"

    def __str__(self) -> str:
        return str(self.value)
