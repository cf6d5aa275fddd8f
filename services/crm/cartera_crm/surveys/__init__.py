"""Satisfaction surveys: CSAT after a request closes, NPS when the business asks."""
