"""Cartera analytics service."""
