from enum import StrEnum


class TriageItemProvider(StrEnum):
    GENERIC = "generic"
    MAILGUN = "mailgun"

    def __str__(self) -> str:
        return str(self.value)
