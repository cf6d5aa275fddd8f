from enum import StrEnum


class SurveyWithLinkStatus(StrEnum):
    ANSWERED = "answered"
    EXPIRED = "expired"
    PENDING = "pending"
    SUPERSEDED = "superseded"

    def __str__(self) -> str:
        return str(self.value)
