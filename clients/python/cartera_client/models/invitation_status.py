from enum import StrEnum


class InvitationStatus(StrEnum):
    ACTIVE = "active"
    INVITED = "invited"
    REVOKED = "revoked"

    def __str__(self) -> str:
        return str(self.value)
