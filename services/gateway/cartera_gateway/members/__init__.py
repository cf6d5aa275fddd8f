"""Memberships: people of other tenants (a gestoria staff) that a business lets in."""
