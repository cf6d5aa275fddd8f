"""A tenant's API keys for partners' systems."""
