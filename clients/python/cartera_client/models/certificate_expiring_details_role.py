from enum import StrEnum


class CertificateExpiringDetailsRole(StrEnum):
    ISSUER = "issuer"
    REPRESENTATIVE = "representative"

    def __str__(self) -> str:
        return str(self.value)
