from enum import StrEnum


class InteractionAnswerChannel(StrEnum):
    EMAIL = "email"
    IN_PERSON = "in_person"
    OTHER = "other"
    PHONE = "phone"
    VIDEO_CALL = "video_call"
    WEB_FORM = "web_form"
    WHATSAPP = "whatsapp"

    def __str__(self) -> str:
        return str(self.value)
