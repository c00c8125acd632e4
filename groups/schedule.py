"""Meeting schedules: weekdays as a bit mask (0 = Sunday, as Meeting Guide counts), monthly rules on
the nth or last weekday, and the next start of a meeting in its own time zone (DST included)."""

import datetime as dt
import zoneinfo

ALL_DAYS = 0b1111111
DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
DAY_PLURALS = [name + "s" for name in DAY_NAMES]
DAY_CHOICES = list(enumerate(DAY_NAMES))
WEEK_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def mask_from_days(days) -> int:
    mask = 0
    for day in days:
        mask |= 1 << int(day)
    return mask


def days_from_mask(mask: int) -> list[int]:
    return [day for day in range(7) if mask & (1 << day)]


def mg_weekday(date: dt.date) -> int:
    """Meeting Guide's weekday number of a date (0 = Sunday)."""
    return (date.weekday() + 1) % 7


def month_week_of(date: dt.date) -> set[int]:
    """Which monthly rules a date satisfies: its nth occurrence in the month, and -1 if last."""
    weeks = {(date.day - 1) // 7 + 1}
    if (date + dt.timedelta(days=7)).month != date.month:
        weeks.add(-1)
    return {week for week in weeks if week <= 4 or week == -1}


def occurs_on(*, recurrence, days, month_week, date: dt.date) -> bool:
    if mg_weekday(date) not in days:
        return False
    if recurrence == "weekly":
        return True
    return month_week in month_week_of(date)


def monthly_rules_between(start: dt.date, days: int) -> set[tuple[int, int]]:
    """The (week, weekday) monthly rules that have a date in `days` days from `start`."""
    rules = set()
    for offset in range(days):
        date = start + dt.timedelta(days=offset)
        for week in month_week_of(date):
            rules.add((week, mg_weekday(date)))
    return rules


def next_start(*, recurrence, days, month_week, start: dt.time, tz: str, after: dt.datetime):
    """The first start strictly after `after`, as an aware datetime in the meeting's zone."""
    if not days:
        return None
    zone = zoneinfo.ZoneInfo(tz)
    local_today = after.astimezone(zone).date()
    horizon = 8 if recurrence == "weekly" else 70
    for offset in range(horizon):
        date = local_today + dt.timedelta(days=offset)
        if not occurs_on(recurrence=recurrence, days=days, month_week=month_week, date=date):
            continue
        # Built from the wall-clock time, so a 7 pm meeting stays at 7 pm across a DST change;
        # a time inside the spring-forward gap is normalised by the round trip through UTC.
        candidate = dt.datetime.combine(date, start, tzinfo=zone)
        candidate = candidate.astimezone(dt.UTC).astimezone(zone)
        if candidate > after:
            return candidate
    return None


def _clock(value: dt.time) -> str:
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute:
        return f"{hour}:{value.minute:02d} {suffix}"
    if value.hour == 12:
        return "noon"
    return f"{hour} {suffix}"


def describe(*, recurrence, days, month_week, start, end=None) -> str:
    """Plain words: 'Tuesdays and Thursdays, 7 pm – 8 pm' or 'Last Friday of the month, 6:30 pm'."""
    if recurrence == "monthly" and days:
        when = f"{WEEK_WORDS.get(month_week, '').capitalize()} {DAY_NAMES[days[0]]} of the month"
    elif len(days) == 7:
        when = "Every day"
    else:
        names = [DAY_PLURALS[day] for day in days]
        when = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if start is None:
        return when
    clock = _clock(start) + (f" – {_clock(end)}" if end else "")
    return f"{when}, {clock}"


def time_of_day(value: dt.time) -> str:
    if value.hour < 12:
        return "morning"
    if value.hour < 17:
        return "afternoon"
    return "evening"
