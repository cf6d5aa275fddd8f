"""The cash forecast: expected cash-in per week from the open receivables."""
