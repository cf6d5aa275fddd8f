from enum import StrEnum


class TimelineEntryKind(StrEnum):
    DUNNING_SENT = "dunning_sent"
    INTERACTION = "interaction"
    INVOICE_CANCELLED = "invoice_cancelled"
    INVOICE_ISSUED = "invoice_issued"
    INVOICE_RECTIFIED = "invoice_rectified"
    PAYMENT_RECORDED = "payment_recorded"
    PAYMENT_REVERSED = "payment_reversed"
    RECEIVABLE_OVERDUE = "receivable_overdue"
    REQUEST_CLOSED = "request_closed"
    REQUEST_OPENED = "request_opened"
    REQUEST_REOPENED = "request_reopened"
    REQUEST_RESOLVED = "request_resolved"
    SURVEY_ANSWERED = "survey_answered"

    def __str__(self) -> str:
        return str(self.value)
