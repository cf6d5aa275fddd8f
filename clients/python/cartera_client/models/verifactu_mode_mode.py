from enum import StrEnum


class VerifactuModeMode(StrEnum):
    OFF = "off"
    OPERATOR = "operator"
    OWN_CERTIFICATE = "own_certificate"

    def __str__(self) -> str:
        return str(self.value)
