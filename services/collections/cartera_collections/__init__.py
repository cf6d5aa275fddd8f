"""Cartera collections service."""
