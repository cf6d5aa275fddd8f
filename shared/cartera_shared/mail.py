"""Sending mail through the installation's SMTP server (CARTERA_<SERVICE>_SMTP_HOST and friends),
for the services that write to people: collections' dunning notices, the gateway's password-reset
links.

A message that cannot go raises `MailNotSent` with a reason in fixed words that may be shown to a
tenant (the SMTP reply code at most); the server's and the library's own words, which name our
mail server and answer about our credentials, go to the log. The message itself is never logged:
it may carry a one-time link.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False


class MailNotSent(Exception):
    """The mail server is not configured, unreachable, or refused the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def new_message(smtp: SmtpSettings, *, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


async def send(smtp: SmtpSettings, message: EmailMessage) -> None:
    if not smtp.host:
        raise MailNotSent("no SMTP server is configured (CARTERA_<SERVICE>_SMTP_HOST)")
    try:
        await aiosmtplib.send(
            message,
            hostname=smtp.host,
            port=smtp.port,
            username=smtp.username,
            password=smtp.password,
            start_tls=smtp.starttls,
            timeout=TIMEOUT_SECONDS,
        )
    except (aiosmtplib.SMTPException, OSError) as exc:
        log.warning("mail not sent: %s: %s", type(exc).__name__, exc)
        raise MailNotSent(failure_reason(exc)) from exc


def failure_reason(exc: Exception) -> str:
    """Why a message was not sent, in fixed words a tenant may read (the SMTP code if any)."""
    code = getattr(exc, "code", None)
    reply = f" (SMTP {code})" if isinstance(code, int) and 200 <= code < 600 else ""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused | aiosmtplib.SMTPRecipientRefused):
        codes = sorted({r.code for r in getattr(exc, "recipients", [])})
        if codes:
            reply = f" (SMTP {', '.join(str(c) for c in codes)})"
        return f"the mail server refused the recipient's address{reply}; check the address"
    if isinstance(exc, aiosmtplib.SMTPSenderRefused | aiosmtplib.SMTPAuthenticationError):
        return f"the mail server refused our sender or credentials{reply}; logged for the operator"
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return f"the mail server refused the message{reply}"
    if isinstance(exc, OSError):  # connection refused, timeouts, a dropped connection
        return "the mail server could not be reached"
    return "the message could not be sent; logged for the operator"
