"""Quotes: `api` (routes), `service` (transactions and rules), `schemas` (request and answer
shapes)."""
