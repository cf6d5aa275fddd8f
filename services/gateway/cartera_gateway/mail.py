"""Mail the gateway sends: password-reset links, through the SMTP server of SMTP_HOST."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib

log = logging.getLogger(__name__)


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


def reset_message(
    smtp: SmtpSettings, *, to: str, name: str, tenant_name: str, link: str, minutes: int
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = to
    message["Subject"] = "Cartera: elige una contraseña nueva / choose a new password"
    message.set_content(
        f"Hola {name}:\n\n"
        f"Alguien con permiso para gestionar las personas de {tenant_name} ha pedido que elijas "
        "una contraseña nueva para Cartera. Abre este enlace (sirve una sola vez durante "
        f"{minutes} minutos):\n\n{link}\n\n"
        "Si no lo esperabas, no hagas nada: tu contraseña actual sigue valiendo.\n\n"
        f"---\n\nHello {name},\n\nSomeone allowed to manage the people of {tenant_name} asked "
        f"for you to choose a new Cartera password. Open this link (it works once, for "
        f"{minutes} minutes):\n\n{link}\n\n"
        "If you did not expect this, do nothing: your current password still works.\n"
    )
    return message


async def send(smtp: SmtpSettings, message: EmailMessage) -> None:
    if not smtp.host:
        raise MailNotSent("no SMTP server is configured (SMTP_HOST)")
    try:
        await aiosmtplib.send(
            message,
            hostname=smtp.host,
            port=smtp.port,
            username=smtp.username,
            password=smtp.password,
            start_tls=smtp.starttls,
            timeout=15,
        )
    except (aiosmtplib.SMTPException, OSError) as exc:
        # The message carries a one-time link: never log it, only why it was not sent.
        log.warning("mail not sent: %s", type(exc).__name__)
        raise MailNotSent(f"{type(exc).__name__}: {exc}") from exc
