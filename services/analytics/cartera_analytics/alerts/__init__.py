"""Alerts: raised from the projected events (raising.py), listed and tuned through the API."""
