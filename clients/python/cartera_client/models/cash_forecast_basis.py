from enum import StrEnum


class CashForecastBasis(StrEnum):
    CLIENT_DISTRIBUTION = "client_distribution"
    DEFAULT_DISTRIBUTION = "default_distribution"

    def __str__(self) -> str:
        return str(self.value)
