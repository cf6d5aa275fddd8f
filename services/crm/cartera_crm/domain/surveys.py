"""Satisfaction surveys: CSAT (1-5) after a request closes, NPS (0-10) whenever asked.

A survey is answered once, through a link that carries a random token; only the token's
SHA-256 is stored (the token has 32 random bytes, so a fast hash is enough).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Literal

Kind = Literal["csat", "nps"]
SCALES: dict[str, tuple[int, int]] = {"csat": (1, 5), "nps": (0, 10)}
QUESTIONS = {
    "csat": "¿Cómo valora la atención recibida en su solicitud? (1 = muy mala, 5 = excelente)",
    "nps": "¿Con qué probabilidad nos recomendaría a un amigo o colega? (0 = nada, 10 = mucho)",
}
DEFAULT_TTL_DAYS = 30


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def plausible_token(token: str) -> bool:
    return 20 <= len(token) <= 100 and all(c.isalnum() or c in "-_" for c in token)


def score_error(kind: str, score: int) -> str | None:
    low, high = SCALES[kind]
    if not low <= score <= high:
        return f"A {kind.upper()} score is a whole number from {low} to {high}."
    return None


def nps_category(score: int) -> str:
    return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


def current_status(status: str, expires_at: dt.datetime, at: dt.datetime) -> str:
    """A pending survey past its expiry reads as expired (no job has to mark it)."""
    if status == "pending" and expires_at <= at:
        return "expired"
    return status
