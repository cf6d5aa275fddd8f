from enum import StrEnum


class TriageItemChannel(StrEnum):
    EMAIL = "email"
    OTHER = "other"
    PHONE = "phone"
    WEB_FORM = "web_form"
    WHATSAPP = "whatsapp"

    def __str__(self) -> str:
        return str(self.value)
