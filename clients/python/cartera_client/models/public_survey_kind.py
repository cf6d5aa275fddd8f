from enum import StrEnum


class PublicSurveyKind(StrEnum):
    CSAT = "csat"
    NPS = "nps"

    def __str__(self) -> str:
        return str(self.value)
