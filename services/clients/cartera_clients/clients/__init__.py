"""Clients themselves: master and fiscal data, versioned, with the state in force on any day."""
