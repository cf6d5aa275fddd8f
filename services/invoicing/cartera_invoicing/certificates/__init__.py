"""Certificates: `api` (routes), `service` (the issuer's PKCS#12 certificate, stored encrypted,
its representatives, the expiry warning), `schemas`, `samples` (test certificates), `small_form`
(the upload's multipart reader)."""
