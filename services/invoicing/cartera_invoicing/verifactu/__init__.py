"""VERI*FACTU: `api` (routes: the records, the reconciliation, one invoice's records), `chain`
(the alta of an issued invoice, chained), `corrections` (subsanaciones, anulaciones), `sender`
(submission to the AEAT), `status` (answers, events, metrics), `ports` (the AEAT client and
certificate store as the sender sees them), `reconcile` (with the AEAT; also a command),
`schemas`."""
