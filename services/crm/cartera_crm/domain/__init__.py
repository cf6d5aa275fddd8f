"""Pure rules of the crm service: no I/O here."""
