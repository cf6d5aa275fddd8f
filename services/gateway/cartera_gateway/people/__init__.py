"""People: sign-in, sessions, passwords and the users of a tenant with their roles."""
