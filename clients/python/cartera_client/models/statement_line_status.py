from enum import StrEnum


class StatementLineStatus(StrEnum):
    APPLIED = "applied"
    DISMISSED = "dismissed"
    MATCHED = "matched"
    OTHER_ACCOUNT = "other_account"
    OUTGOING = "outgoing"
    PROPOSED = "proposed"
    UNMATCHED = "unmatched"

    def __str__(self) -> str:
        return str(self.value)
