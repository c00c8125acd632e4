import datetime as dt
import zoneinfo

import pytest

from groups import schedule

NY = zoneinfo.ZoneInfo("America/New_York")


def at(*args, tz=NY):
    return dt.datetime(*args, tzinfo=tz)


def next_start(after, *, days, recurrence="weekly", month_week=None, start=dt.time(19)):
    return schedule.next_start(
        recurrence=recurrence,
        days=days,
        month_week=month_week,
        start=start,
        tz="America/New_York",
        after=after,
    )


def test_a_weekly_meeting_is_next_on_its_weekday():
    # 2026-11-26 is a Thursday; Tuesday is day 2.
    assert next_start(at(2026, 11, 26, 12), days=[2]) == at(2026, 12, 1, 19)


def test_a_meeting_later_today_is_today_and_one_just_started_is_next_week():
    assert next_start(at(2026, 11, 26, 18, 59), days=[4]) == at(2026, 11, 26, 19)
    assert next_start(at(2026, 11, 26, 19, 0), days=[4]) == at(2026, 12, 3, 19)


def test_a_meeting_on_several_weekdays_is_next_on_the_nearest():
    # Monday, Wednesday, Friday; from Thursday noon the next is Friday.
    assert next_start(at(2026, 11, 26, 12), days=[1, 3, 5]) == at(2026, 11, 27, 19)
    # From Friday evening, the next is Monday.
    assert next_start(at(2026, 11, 27, 20), days=[1, 3, 5]) == at(2026, 11, 30, 19)


@pytest.mark.parametrize(
    ("week", "expected_day"),
    [(1, 4), (2, 11), (3, 18), (4, 25), (-1, 25)],
)
def test_a_monthly_meeting_is_on_the_nth_or_last_weekday(week, expected_day):
    # Fridays of December 2026: 4, 11, 18, 25.
    found = next_start(at(2026, 12, 1, 0), days=[5], recurrence="monthly", month_week=week)
    assert found == at(2026, 12, expected_day, 19)


def test_the_last_weekday_can_be_the_fifth():
    # Tuesdays of December 2026: 1, 8, 15, 22, 29 — the last is the fifth.
    found = next_start(at(2026, 12, 1, 20), days=[2], recurrence="monthly", month_week=-1)
    assert found == at(2026, 12, 29, 19)


def test_a_monthly_meeting_already_past_this_month_is_next_month():
    found = next_start(at(2026, 12, 5, 0), days=[5], recurrence="monthly", month_week=1)
    assert found == at(2027, 1, 1, 19)


def test_the_meeting_keeps_its_wall_clock_time_across_dst():
    # US DST ends on Sunday 2026-11-01: a Monday 7 pm meeting is 7 pm EST after it.
    before = next_start(at(2026, 10, 26, 12), days=[1])
    after = next_start(at(2026, 10, 31, 12), days=[1])
    assert (before.hour, after.hour) == (19, 19)
    assert before.utcoffset() == dt.timedelta(hours=-4)
    assert after.utcoffset() == dt.timedelta(hours=-5)
    assert after.astimezone(dt.UTC) - before.astimezone(dt.UTC) == dt.timedelta(days=7, hours=1)


def test_a_time_in_the_spring_forward_gap_is_moved_to_a_real_instant():
    # 2027-03-14 2:30 am does not exist in New York; the meeting starts at 3:30 am EDT.
    found = next_start(at(2027, 3, 13, 12), days=[0], start=dt.time(2, 30))
    assert found.astimezone(dt.UTC) == dt.datetime(2027, 3, 14, 7, 30, tzinfo=dt.UTC)


def test_a_meeting_in_another_time_zone_is_computed_in_that_zone():
    found = schedule.next_start(
        recurrence="weekly",
        days=[2],
        month_week=None,
        start=dt.time(19),
        tz="America/Los_Angeles",
        after=at(2026, 12, 1, 21),  # 9 pm in New York = 6 pm in Los Angeles
    )
    assert found.astimezone(NY) == at(2026, 12, 1, 22)


def test_monthly_rules_between_cover_the_next_seven_days():
    # December 25 to 31, 2026: Friday the 25th is the 4th and last Friday; Tuesday the 29th is
    # the fifth Tuesday, so only "last"; no first-week rule falls in these days.
    rules = schedule.monthly_rules_between(dt.date(2026, 12, 25), 7)
    assert {(4, 5), (-1, 5), (-1, 2)} <= rules
    assert (4, 2) not in rules
    assert not {rule for rule in rules if rule[0] == 1}
    assert (1, 5) in schedule.monthly_rules_between(dt.date(2026, 12, 26), 7)  # Fri Jan 1


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        (
            {"recurrence": "weekly", "days": [2], "start": dt.time(19), "end": dt.time(20)},
            "Tuesdays, 7 pm – 8 pm",
        ),
        (
            {"recurrence": "weekly", "days": [1, 3, 5], "start": dt.time(12, 15)},
            "Mondays, Wednesdays and Fridays, 12:15 pm",
        ),
        (
            {"recurrence": "monthly", "days": [5], "month_week": -1, "start": dt.time(18, 30)},
            "Last Friday of the month, 6:30 pm",
        ),
        ({"recurrence": "weekly", "days": list(range(7)), "start": dt.time(12)}, "Every day, noon"),
    ],
)
def test_schedules_read_as_plain_words(kwargs, text):
    kwargs.setdefault("month_week", None)
    assert schedule.describe(**kwargs) == text
