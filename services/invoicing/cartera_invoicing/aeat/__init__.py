"""Talking to the AEAT's VERI*FACTU service (SOAP 1.1 over mutual TLS)."""
