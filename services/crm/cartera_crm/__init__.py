"""Cartera crm service."""
