"""How much, how long, how far: the limits on what people send, in one place.

- text-length caps of every free-text field (the models' `max_length`, which their forms enforce
  with an error beside the field);
- search caps: a search of a thousand words is cut to its first words, and the page says so;
- the range of dates the application works with: a date typed as 0001-01-01 or 9999-12-31
  (which a day added or taken away would push out of Python's calendar) is brought to the
  nearest date in range, which for a search or a filter means the same thing;
- imports: the largest file, and how deep a JSON file may nest;
- the installation's logo: the largest file and the largest image."""

import datetime as dt
import re

from django.utils import timezone

# --- text -------------------------------------------------------------------------------------

# A note, a reply, an answer, directions: what fits a small box.
SHORT_TEXT = 2_000
# A description, a summary, staff notes: a few paragraphs.
LONG_TEXT = 10_000
# Passwords are hashed slowly on purpose: a megabyte of password must not reach the hasher.
PASSWORD = 1_024

# --- search -----------------------------------------------------------------------------------

SEARCH_MAX_CHARS = 200
SEARCH_MAX_WORDS = 12
_SPACE = re.compile(r"\s+")


def shorten_search(text) -> tuple[str, bool]:
    """The search as it will be run (at most SEARCH_MAX_WORDS words and SEARCH_MAX_CHARS
    characters) and whether it had to be shortened."""
    text = str(text or "")
    words = _SPACE.split(text.strip()) if text.strip() else []
    kept = " ".join(words[:SEARCH_MAX_WORDS])
    if len(kept) > SEARCH_MAX_CHARS:
        cut = kept[:SEARCH_MAX_CHARS]
        # End on a whole word when there is one to end on.
        kept = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return kept, kept != " ".join(words)


# --- dates ------------------------------------------------------------------------------------

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
_EARLIEST_MOMENT = dt.datetime.combine(EARLIEST_DATE, dt.time.min)
_LATEST_MOMENT = dt.datetime.combine(LATEST_DATE, dt.time.max)


def clamp_date(day: dt.date) -> dt.date:
    return min(max(day, EARLIEST_DATE), LATEST_DATE)


def clamp_moment(moment: dt.datetime) -> dt.datetime:
    """The moment brought into range, as an aware date-time (a naive one is local time). Its
    clock is compared as written, so a time zone offset cannot push it out of the calendar."""
    clock = moment.replace(tzinfo=None)
    clock = min(max(clock, _EARLIEST_MOMENT), _LATEST_MOMENT)
    if moment.tzinfo is not None:
        return clock.replace(tzinfo=moment.tzinfo)
    return timezone.make_aware(clock)


def parse_date_range(raw_start, raw_end, *, default_start, default_end):
    """(start, end, errors) from two ISO dates typed by someone, each in range: an empty one is
    its default, one that is not a date is its default with an error, one that ends before it
    starts is the whole default with an error."""
    errors = []
    values = []
    for raw, fallback in ((raw_start, default_start), (raw_end, default_end)):
        raw = str(raw or "").strip()
        try:
            values.append(clamp_date(dt.date.fromisoformat(raw)) if raw else fallback)
        except ValueError:
            errors.append(f"“{raw[:40]}” is not a date (use YYYY-MM-DD).")
            values.append(fallback)
    start, end = values
    if start > end:
        errors.append("The period must start before it ends.")
        start, end = default_start, default_end
    return start, end, errors


# --- imports ----------------------------------------------------------------------------------

IMPORT_MAX_BYTES = 5 * 1024 * 1024
# A Meeting Guide file nests three levels deep, an HSDS page about eight.
JSON_MAX_DEPTH = 32

# --- the installation's logo ------------------------------------------------------------------

# A logo is shown 32 pixels high: a small file is plenty, and every page's header asks for it.
LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_SIDE = 1024
