from enum import StrEnum


class ReceiveInboundMessageProvider(StrEnum):
    GENERIC = "generic"
    MAILGUN = "mailgun"

    def __str__(self) -> str:
        return str(self.value)
