"""Client requests (tickets): opened, worked on, resolved, closed, reopened; with an SLA."""
