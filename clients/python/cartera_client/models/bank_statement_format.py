from enum import StrEnum


class BankStatementFormat(StrEnum):
    CAMT053 = "camt053"
    NORMA43 = "norma43"

    def __str__(self) -> str:
        return str(self.value)
