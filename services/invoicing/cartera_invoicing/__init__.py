"""Cartera invoicing service."""
