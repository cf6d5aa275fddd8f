from enum import StrEnum


class TimelineRefType(StrEnum):
    DUNNING_NOTICE = "dunning_notice"
    INTERACTION = "interaction"
    INVOICE = "invoice"
    PAYMENT = "payment"
    REQUEST = "request"
    SURVEY = "survey"

    def __str__(self) -> str:
        return str(self.value)
