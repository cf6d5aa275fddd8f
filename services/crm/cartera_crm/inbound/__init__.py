"""Inbound messages: e-mail and messaging webhooks turned into interactions or requests."""
