"""Webhooks for partners: subscriptions, the fan-out of events, signed deliveries."""
