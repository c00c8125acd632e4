"""Meeting schedules: weekdays as a bit mask (0 = Sunday, as Meeting Guide counts), monthly rules on
the nth or last weekday, and the next start of a meeting in its own time zone (DST included)."""

import datetime as dt
import zoneinfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext, pgettext_lazy

ALL_DAYS = 0b1111111
# English names, for data (feeds, imports, the search document); the *_LABELS follow the
# language of the page.
DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
DAY_LABELS = [
    gettext_lazy("Sunday"),
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
]
# "Tuesdays" in "Tuesdays and Thursdays, 7 pm"; Spanish says "martes y jueves".
DAY_PLURALS = [
    pgettext_lazy("every week", "Sundays"),
    pgettext_lazy("every week", "Mondays"),
    pgettext_lazy("every week", "Tuesdays"),
    pgettext_lazy("every week", "Wednesdays"),
    pgettext_lazy("every week", "Thursdays"),
    pgettext_lazy("every week", "Fridays"),
    pgettext_lazy("every week", "Saturdays"),
]
DAY_CHOICES = list(enumerate(DAY_LABELS))
# Django's own "a.m." and "p.m." (the "a" of date formats), for the translators: Spanish writes
# "a. m." and "p. m.", as the meeting times here do.
CLOCK_SUFFIXES = [gettext_noop("a.m."), gettext_noop("p.m.")]
WEEK_WORDS = {
    1: pgettext_lazy("week of the month", "first"),
    2: pgettext_lazy("week of the month", "second"),
    3: pgettext_lazy("week of the month", "third"),
    4: pgettext_lazy("week of the month", "fourth"),
    -1: pgettext_lazy("week of the month", "last"),
}


# A meeting that goes past midnight (23:30 to 00:30) ends the next day, within these many hours.
PAST_MIDNIGHT_HOURS = 6


def plausible_end(start: dt.time, end: dt.time) -> bool:
    """Whether `end` can end a meeting that starts at `start`: later the same day, or past
    midnight within PAST_MIDNIGHT_HOURS (an end before the start is otherwise a slip)."""
    if end > start:
        return True
    minutes = (end.hour * 60 + end.minute + 24 * 60) - (start.hour * 60 + start.minute)
    return 0 < minutes <= PAST_MIDNIGHT_HOURS * 60


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
    suffix = pgettext("clock", "am") if value.hour < 12 else pgettext("clock", "pm")
    if value.minute:
        return f"{hour}:{value.minute:02d} {suffix}"
    if value.hour == 12:
        return pgettext("clock", "noon")
    return f"{hour} {suffix}"


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe(*, recurrence, days, month_week, start, end=None) -> str:
    """Plain words in the active language: 'Tuesdays and Thursdays, 7 pm – 8 pm' or 'Last Friday
    of the month, 6:30 pm' ('Martes y jueves, 7 p. m. – 8 p. m.' in Spanish)."""
    if recurrence == "monthly" and days:
        when = _("%(week)s %(day)s of the month") % {
            "week": WEEK_WORDS.get(month_week, ""),
            "day": DAY_LABELS[days[0]],
        }
    elif len(days) == 7:
        when = _("Every day")
    else:
        names = [str(DAY_PLURALS[day]) for day in days]
        when = (
            names[0]
            if len(names) == 1
            else _("%(days)s and %(last)s") % {"days": ", ".join(names[:-1]), "last": names[-1]}
        )
    when = _capfirst(when)
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
