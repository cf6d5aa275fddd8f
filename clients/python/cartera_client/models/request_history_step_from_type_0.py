from enum import StrEnum


class RequestHistoryStepFromType0(StrEnum):
    CLOSED = "closed"
    IN_PROGRESS = "in_progress"
    OPEN = "open"
    RESOLVED = "resolved"
    WAITING_ON_CLIENT = "waiting_on_client"

    def __str__(self) -> str:
        return str(self.value)
