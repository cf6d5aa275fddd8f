"""The accountant desk: one line per business a person belongs to."""
