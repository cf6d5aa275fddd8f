"""The client timeline: its entries, written here and from other services' events."""
