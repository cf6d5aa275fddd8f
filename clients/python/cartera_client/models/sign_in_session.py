from enum import StrEnum


class SignInSession(StrEnum):
    COOKIE = "cookie"
    TOKEN = "token"

    def __str__(self) -> str:
        return str(self.value)
