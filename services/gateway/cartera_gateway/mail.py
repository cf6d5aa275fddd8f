"""Mail the gateway sends: password-reset links and invitations to join a business, through
the SMTP server of CARTERA_GATEWAY_SMTP_HOST."""

from __future__ import annotations

from email.message import EmailMessage

from cartera_shared.mail import MailNotSent, SmtpSettings, new_message, send

__all__ = ["MailNotSent", "SmtpSettings", "invitation_message", "reset_message", "send"]


def reset_message(
    smtp: SmtpSettings, *, to: str, name: str, tenant_name: str, link: str, minutes: int
) -> EmailMessage:
    return new_message(
        smtp,
        to=to,
        subject="Cartera: elige una contraseña nueva / choose a new password",
        body=(
            f"Hola {name}:\n\n"
            f"Alguien con permiso para gestionar las personas de {tenant_name} ha pedido que "
            "elijas una contraseña nueva para Cartera. Abre este enlace (sirve una sola vez "
            f"durante {minutes} minutos):\n\n{link}\n\n"
            "Si no lo esperabas, no hagas nada: tu contraseña actual sigue valiendo.\n\n"
            f"---\n\nHello {name},\n\nSomeone allowed to manage the people of {tenant_name} asked "
            f"for you to choose a new Cartera password. Open this link (it works once, for "
            f"{minutes} minutes):\n\n{link}\n\n"
            "If you did not expect this, do nothing: your current password still works.\n"
        ),
    )


def invitation_message(
    smtp: SmtpSettings, *, to: str, tenant_name: str, role: str, link: str, days: int
) -> EmailMessage:
    return new_message(
        smtp,
        to=to,
        subject=f"Cartera: {tenant_name} te invita / invites you",
        body=(
            f"Hola:\n\n{tenant_name} te invita a su cuenta de Cartera con el papel '{role}'. "
            f"Abre este enlace para aceptar (sirve una vez durante {days} días); si ya tienes "
            f"cuenta en Cartera, entra antes con tu contraseña de siempre:\n\n{link}\n\n"
            "Si no lo esperabas, no hagas nada.\n\n"
            f"---\n\nHello,\n\n{tenant_name} invites you to its Cartera account as '{role}'. "
            f"Open this link to accept (it works once, for {days} days); if you already have a "
            f"Cartera account, sign in first with your usual password:\n\n{link}\n\n"
            "If you did not expect this, do nothing.\n"
        ),
    )
