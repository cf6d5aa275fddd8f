"""Pure calculations of the analytics read models: no I/O, the same code for the live consumers
and for the rebuild, so both give the same figures."""
