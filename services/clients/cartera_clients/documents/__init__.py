"""The per-client document archive: contracts, quotes, invoices, delivery notes, kept for the
legal retention period; metadata in `clients.documents`, bytes behind `storage.DocumentStorage`."""
