from enum import StrEnum


class DeskLineRoleType0(StrEnum):
    ACCOUNTANT = "accountant"
    OWNER = "owner"
    READ_ONLY = "read_only"
    SALES = "sales"

    def __str__(self) -> str:
        return str(self.value)
