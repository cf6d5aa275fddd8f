"""The accounting export: journal entries in the formats accounting programs import."""
