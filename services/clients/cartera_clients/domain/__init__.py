"""Pure rules of the clients domain: identifiers, addresses, terms. No I/O."""
