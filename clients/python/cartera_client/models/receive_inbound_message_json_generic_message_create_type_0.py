from enum import StrEnum


class ReceiveInboundMessageJsonGenericMessageCreateType0(StrEnum):
    INTERACTION = "interaction"
    REQUEST = "request"

    def __str__(self) -> str:
        return str(self.value)
