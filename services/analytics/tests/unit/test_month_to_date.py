"""The days of last month a month in progress is compared with (domain.periods)."""

import datetime as dt

import pytest

from cartera_analytics.domain.periods import same_days_last_month


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        # The dashboard's case: on 6 December, 1-6 November (not the whole of November).
        (dt.date(2026, 12, 6), dt.date(2026, 11, 1), dt.date(2026, 11, 6)),
        # The 1st: just the 1st of last month.
        (dt.date(2026, 12, 1), dt.date(2026, 11, 1), dt.date(2026, 11, 1)),
        # 31 March against February: clamped to its 28 days, or 29 in a leap year.
        (dt.date(2026, 3, 31), dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        (dt.date(2028, 3, 31), dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        (dt.date(2028, 3, 29), dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 28), dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        # 31 May against April's 30 days; 30 April against March 1-30 (same day numbers).
        (dt.date(2026, 5, 31), dt.date(2026, 4, 1), dt.date(2026, 4, 30)),
        (dt.date(2026, 4, 30), dt.date(2026, 3, 1), dt.date(2026, 3, 30)),
        # Across the year: January against December.
        (dt.date(2027, 1, 15), dt.date(2026, 12, 1), dt.date(2026, 12, 15)),
        # 29 February against January 1-29.
        (dt.date(2028, 2, 29), dt.date(2028, 1, 1), dt.date(2028, 1, 29)),
    ],
)
def test_same_days_of_last_month_clamped_to_its_length(today, start, end):
    assert same_days_last_month(today) == (start, end)
