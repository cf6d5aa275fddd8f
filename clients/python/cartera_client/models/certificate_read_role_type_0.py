from enum import StrEnum


class CertificateReadRoleType0(StrEnum):
    ISSUER = "issuer"
    REPRESENTATIVE = "representative"

    def __str__(self) -> str:
        return str(self.value)
