from enum import StrEnum


class ExportAccountingFormat(StrEnum):
    A3 = "a3"
    CONTAPLUS = "contaplus"
    CSV = "csv"
    SAGE = "sage"
    XLSX = "xlsx"

    def __str__(self) -> str:
        return str(self.value)
