"""Types more than one crm feature's request and answer models use (no routes here).

Timestamps are the shared wire type (`cartera_shared.wire.UtcTimestamp`: UTC, RFC 3339, `Z`,
six fractional digits), whatever text or datetime the service hands the answer.
"""

from __future__ import annotations

from typing import Literal

from cartera_shared.wire import UtcTimestamp

Timestamp = UtcTimestamp

Channel = Literal["email", "phone", "whatsapp", "web_form", "in_person", "video_call", "other"]

# Example ids, so that the examples of different operations name the same things.
EXAMPLE_CLIENT = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e"
EXAMPLE_INTERACTION = "0b7e4f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b"
EXAMPLE_REQUEST = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
EXAMPLE_SURVEY = "3c2b1a09-8f7e-4d6c-a5b4-3c2b1a098f7e"
EXAMPLE_FOLLOW_UP = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"
EXAMPLE_TRIAGE = "7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928"
EXAMPLE_TENANT = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
EXAMPLE_TOKEN = "q3N9xY7vT2mK5pL8wR4sZ1aB6cD0eF3gH7jK9mN2pQ5"
