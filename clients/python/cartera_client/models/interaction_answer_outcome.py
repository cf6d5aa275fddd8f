from enum import StrEnum


class InteractionAnswerOutcome(StrEnum):
    COMPLAINT = "complaint"
    FOLLOW_UP = "follow_up"
    LOST = "lost"
    NO_ANSWER = "no_answer"
    OPPORTUNITY = "opportunity"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
