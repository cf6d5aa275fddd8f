"""Recurring invoices: `api` (routes), `service` (the templates and the job that turns them into
invoices), `schemas` (request and answer shapes); the schedule's rules are `domain.schedule`."""
