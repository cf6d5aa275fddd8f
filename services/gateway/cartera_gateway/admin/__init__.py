"""The operator's endpoints (its own token, not a tenant's): `api` (routes), `service`,
`schemas`."""
