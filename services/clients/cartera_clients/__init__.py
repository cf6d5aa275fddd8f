"""Cartera clients service."""
