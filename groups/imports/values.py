"""The values of a meeting list's cells, checked as every reader reads them: times, web
addresses, time zones, coordinates and free text. Each parser notes a problem at the line and
column it read, and gives back what can be stored (or None)."""

import datetime as dt
import re
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from groups.imports.reading import Problem

_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?\s*$", re.IGNORECASE)
# A schedule is never read from free text: a note that states one is pointed out, no more.
MONTHLY_RULE = re.compile(
    r"\b(first|second|third|fourth|last) "
    r"(sunday|monday|tuesday|wednesday|thursday|friday|saturday) of (?:the|each|every) month",
    re.IGNORECASE,
)
_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$")


def parse_time(value, column, line, problems):
    if value in (None, ""):
        return None
    text = str(value).strip()
    match = _HHMM.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
    else:
        match = _CLOCK.match(text)
        if not match:
            problems.append(
                Problem(line, column, f"“{text}” is not a time (use 18:30 or 6:30 PM).")
            )
            return None
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12:
            problems.append(Problem(line, column, f"“{text}” is not a time on a 12-hour clock."))
            return None
        hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
    if hour > 23 or minute > 59:
        problems.append(Problem(line, column, f"“{text}” is not a time of day (00:00 to 23:59)."))
        return None
    return dt.time(hour, minute)


def check_url(value, column, line, problems):
    if not value:
        return ""
    try:
        URLValidator()(value)
    except ValidationError:
        problems.append(Problem(line, column, f"“{value}” is not a web address."))
        return ""
    return value


def check_email(value, column, line, problems):
    """An address the listing can store, checked as the model will check it: a preview that
    passes is an import that passes."""
    if not value:
        return ""
    try:
        EmailValidator()(value)
    except ValidationError:
        problems.append(Problem(line, column, f"“{value}” is not an email address."))
        return ""
    return value


def check_timezone(value, line, problems, column="timezone"):
    if not value:
        return settings.TIME_ZONE
    if not isinstance(value, str) or len(value) > 64:
        problems.append(Problem(line, column, f"“{str(value)[:64]}” is not a known time zone."))
        return settings.TIME_ZONE
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        problems.append(Problem(line, column, f"“{value}” is not a known time zone."))
        return settings.TIME_ZONE
    return value


def parse_coordinate(value, column, line, problems, limit):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        problems.append(Problem(line, column, f"“{value}” is not a number."))
        return None
    if not -limit <= number <= limit:
        problems.append(Problem(line, column, f"{number} is out of range (±{limit})."))
        return None
    return Decimal(f"{number:.6f}")


def text_of(value):
    return "" if value is None else str(value).strip()


def within(model, field_name, text, column, line, problems):
    """`text` when its field holds it; otherwise a problem that says how long it is and how long
    it may be. Nothing is cut: a shortened name, note or dial string would be wrong."""
    limit = model._meta.get_field(field_name).max_length
    if limit and len(text) > limit:
        problems.append(
            Problem(
                line,
                column,
                f"This is {len(text):,} characters long; it may be {limit:,} at most. Shorten it "
                "in the file.",
            )
        )
    return text


def parse_updated(value, column, line, notes):
    """A source's date ("2026-10-01 12:00:00", UTC in the spec): Meeting Guide's `updated`,
    HSDS's `assured_date`, as an aware time."""
    text = text_of(value)
    if not text:
        return None
    # The 12 Step Meeting List's own template writes "2020-04-0416:50:58", without the space.
    patterns = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d%H:%M:%S", "%Y-%m-%d")
    for pattern in patterns:
        try:
            return dt.datetime.strptime(text[:19], pattern).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    notes.append(Problem(line, column, f"“{text}” is not a date; it is not read."))
    return None


def monthly_hint(notes: str, line, column, row_notes):
    """Point out a monthly rule that the notes state, for a person to confirm in the listing."""
    match = MONTHLY_RULE.search(notes or "")
    if match:
        row_notes.append(
            Problem(
                line,
                column,
                f"The notes say “{match.group(0)}”. The meeting is imported on the days the file "
                "gives, every week; if it meets once a month, change it in the listing.",
            )
        )
