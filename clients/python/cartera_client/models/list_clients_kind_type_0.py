from enum import StrEnum


class ListClientsKindType0(StrEnum):
    COMPANY = "company"
    FOREIGN = "foreign"
    INDIVIDUAL = "individual"
    PUBLIC_ADMINISTRATION = "public_administration"
    SELF_EMPLOYED = "self_employed"

    def __str__(self) -> str:
        return str(self.value)
