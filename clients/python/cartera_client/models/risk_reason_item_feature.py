from enum import StrEnum


class RiskReasonItemFeature(StrEnum):
    AMOUNT = "amount"
    HISTORY = "history"
    OVERDUE = "overdue"
    REMINDERS = "reminders"
    TREND = "trend"

    def __str__(self) -> str:
        return str(self.value)
