from enum import StrEnum


class IrpfWithheldModelo(StrEnum):
    VALUE_0 = "111"
    VALUE_1 = "115"

    def __str__(self) -> str:
        return str(self.value)
