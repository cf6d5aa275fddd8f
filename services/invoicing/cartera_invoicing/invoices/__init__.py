"""Invoices, with their series and the issuer's profile: `api` (routes), `service` (drafts,
series and numbering, the issuer in force), `schemas`, `issuing` (issue, rectify), `cancellation`,
`pdf`, `signing` (the FacturaE's XAdES signature)."""
