import datetime as dt

from cartera_shared import business_day
from cartera_shared.business_day import day_of, today


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_after_midnight_in_madrid_it_is_already_the_next_day_there():
    # Winter: Madrid is UTC+1, so 23:30 UTC on the 6th is 00:30 on the 7th there.
    assert day_of(utc(2026, 12, 6, 23, 30)) == dt.date(2026, 12, 7)
    assert day_of(utc(2026, 12, 6, 22, 59)) == dt.date(2026, 12, 6)


def test_in_summer_the_day_changes_two_hours_before_utcs():
    assert day_of(utc(2026, 7, 14, 22, 0)) == dt.date(2026, 7, 15)
    assert day_of(utc(2026, 7, 14, 21, 59)) == dt.date(2026, 7, 14)


def test_a_moment_with_another_offset_is_placed_on_spains_calendar():
    canarias_evening = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=0)))
    new_york_evening = dt.datetime(2026, 12, 6, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert day_of(canarias_evening) == dt.date(2026, 12, 7)
    assert day_of(new_york_evening) == dt.date(2026, 12, 7)


def test_today_is_never_behind_utcs_date_nor_more_than_one_day_ahead():
    before = dt.datetime.now(dt.UTC).date()
    day = today()
    after = dt.datetime.now(dt.UTC).date()
    assert before <= day <= after + dt.timedelta(days=1)


def test_today_follows_the_clock_it_reads(monkeypatch):
    monkeypatch.setattr(business_day, "now", lambda: utc(2020, 1, 15, 23, 30))
    assert business_day.today() == dt.date(2020, 1, 16)
