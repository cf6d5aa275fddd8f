"""Event envelope, topic names and the contracts every service agrees on."""

from cartera_shared.events import topics
from cartera_shared.events.envelope import Envelope, new_envelope

__all__ = ["Envelope", "new_envelope", "topics"]
