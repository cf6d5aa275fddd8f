from enum import StrEnum


class ListClientsSort(StrEnum):
    CREATED_AT = "created_at"
    LEGAL_NAME = "legal_name"
    VALUE_1 = "-legal_name"
    VALUE_3 = "-created_at"

    def __str__(self) -> str:
        return str(self.value)
