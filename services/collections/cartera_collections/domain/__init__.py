"""Pure collections rules: instalments, interest, SEPA, bank statements. No I/O."""
