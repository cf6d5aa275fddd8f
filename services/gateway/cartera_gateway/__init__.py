"""Cartera gateway: the only door for people and partners."""
