"""How an inbound sender is matched to a client: an e-mail address, or a phone number.

E-mail addresses compare case-insensitively, with any display name ("Ana <ana@x.es>") removed.
Phone numbers compare on their last nine digits (a Spanish number without its 34/0034 prefix),
after dropping everything that is not a digit; shorter numbers must match whole.
"""

from __future__ import annotations

import re
from email.utils import parseaddr

PHONE_DIGITS = 9
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_of(sender: str) -> str | None:
    _, address = parseaddr(sender)
    address = address.strip().lower()
    return address if _EMAIL.match(address) else None


def phone_key(value: str) -> str | None:
    text = value.strip()
    for prefix in ("whatsapp:", "tel:", "sms:"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    if re.search(r"[A-Za-z@]", text):
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) < 6:
        return None
    return digits[-PHONE_DIGITS:]
