"""Interactions: each contact with a client, on any channel, and what came of it."""
