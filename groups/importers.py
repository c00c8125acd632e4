"""Importing meeting lists: a Meeting Guide JSON feed, a Meeting Guide table (CSV, as the 12 Step
Meeting List exports it), or an HSDS 3.0 JSON file of services.

Import is two steps. `plan()` reads the whole file, checks every row, and says what would be
created, updated and left alone, and every problem by line and column; an uploaded batch keeps its
plan (`batch_plan()`), so its preview is computed once. `apply()` reads the rows again (reading is
linear in the size of the file) and writes everything in one transaction, or nothing when any row
has a problem. Rows are matched on (source, key): importing the same file again changes nothing. A
field that someone edited after the last import keeps their value and is reported, not
overwritten."""

import csv
import datetime as dt
import io
import json
import re
import zoneinfo
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from groups import schedule
from groups.listing import display, field_label
from groups.meeting_guide import feed as meeting_guide
from groups.meeting_guide import types as meeting_types
from groups.models import (
    AudienceTag,
    Language,
    ListingChange,
    Location,
    Meeting,
    Organization,
    SelfHelpGroup,
)
from groups.search import refresh_search_for
from groups.services import free_slug
from liaison import csvio, limits
from liaison.formfields import as_id

MAX_BYTES = limits.IMPORT_MAX_BYTES
# Problems, changes and kept fields shown on a preview (the counts are always whole).
STORED_ROWS = 200
FORMATS = {
    "mg-json": "Meeting Guide JSON feed",
    "mg-csv": "Meeting Guide table (CSV)",
    "hsds": "HSDS 3.0 JSON (services)",
}

GROUP_IMPORT_FIELDS = ["name", "description", "website", "public_email", "public_phone"]
MEETING_IMPORT_FIELDS = [
    "name",
    "recurrence",
    "weekdays",
    "month_week",
    "start_time",
    "end_time",
    "timezone",
    "mode",
    "location",
    "location_notes",
    "conference_url",
    "conference_phone",
    "conference_notes",
    "access",
    "type_codes",
    "notes",
    "status",
]


@dataclass
class Problem:
    line: int
    column: str
    message: str
    item: int | None = None  # the element's number in a JSON array, for files on one line

    def __str__(self):
        where = f"line {self.line}"
        if self.item is not None:
            where += f" (item {self.item})"
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Row:
    """One meeting read from the file, in our terms."""

    line: int
    group_key: str
    meeting_key: str
    group: dict = field(default_factory=dict)
    item: int | None = None
    meeting: dict = field(default_factory=dict)
    location: dict | None = None
    audience: list = field(default_factory=list)
    languages: list = field(default_factory=list)


@dataclass
class Plan:
    """What an import would do, object by object."""

    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    groups: dict = field(default_factory=lambda: {"create": 0, "update": 0, "same": 0})
    meetings: dict = field(default_factory=lambda: {"create": 0, "update": 0, "same": 0})
    changes: list = field(default_factory=list)  # (line, what, action, {field: [old, new]})
    kept: list = field(default_factory=list)  # (line, what, field, current, file value)

    @property
    def ok(self):
        return not self.problems and bool(self.rows)

    def stored(self, limit: int = STORED_ROWS) -> dict:
        """What the preview shows, as JSON kept with the batch: the counts, and the first
        `limit` problems, changes and kept fields with how many there are in all."""
        return {
            "ok": self.ok,
            "groups": self.groups,
            "meetings": self.meetings,
            "problems": [asdict(problem) for problem in self.problems[:limit]],
            "problems_total": len(self.problems),
            "changes": [list(change) for change in self.changes[:limit]],
            "changes_total": len(self.changes),
            "kept": [list(kept) for kept in self.kept[:limit]],
            "kept_total": len(self.kept),
        }


class ImportFailed(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems


# --- reading -------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    if len(data) > MAX_BYTES:
        size = len(data) / 1024 / 1024
        return None, [
            Problem(
                0,
                "",
                f"The file is {size:.0f} MB; the largest file accepted is "
                f"{MAX_BYTES // 1024 // 1024} MB. Split it into smaller files.",
            )
        ]
    if not data.strip():
        return None, [Problem(1, "", "The file is empty.")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                line,
                "",
                "The file is not UTF-8 text (a byte at this line cannot be read). Save it again "
                "as “CSV UTF-8” or as UTF-8 JSON.",
            )
        ]


def read(data: bytes, fmt: str) -> tuple[list[Row], list[Problem]]:
    text, problems = decode(data)
    if text is None:
        return [], problems
    reader = {"mg-json": _read_mg_json, "mg-csv": _read_mg_csv, "hsds": _read_hsds}[fmt]
    rows, problems = reader(text)
    _settle_audience(rows)
    return rows, problems + _duplicates(rows)


def _settle_audience(rows):
    """An audience code shared by all of a group's meetings describes the group (an audience
    tag); one carried by only some of them stays a type of those meetings."""
    common = {}
    for row in rows:
        codes = set(row.audience)
        common[row.group_key] = common[row.group_key] & codes if row.group_key in common else codes
    for row in rows:
        shared = common[row.group_key]
        extras = [code for code in row.audience if code not in shared]
        row.meeting["type_codes"] = row.meeting["type_codes"] + extras
        row.audience = [code for code in row.audience if code in shared]


def _duplicates(rows):
    seen = {}
    problems = []
    for row in rows:
        if row.meeting_key in seen:
            problems.append(
                Problem(
                    row.line,
                    "slug",
                    f"“{row.meeting_key}” is used already on line {seen[row.meeting_key]}; "
                    "each meeting needs its own.",
                    row.item,
                )
            )
        else:
            seen[row.meeting_key] = row.line
    return problems


def _json_elements(text):
    """The array's elements with the line each starts on, or a problem. Linear in the size of
    the file: the lines are counted on from the previous element, never from the start again."""
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    if index >= len(text) or text[index] != "[":
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            return None, [Problem(error.lineno, "", f"This is not valid JSON: {error.msg}.")]
        except RecursionError:
            return None, [_too_deep_problem(1)]
        return None, [Problem(1, "", "The file must be a JSON array ([ ... ]) of meetings.")]
    index = _skip_space(text, index + 1)
    elements = []
    if index < len(text) and text[index] == "]":
        return elements, []
    line, counted = 1, 0
    while index < len(text):
        line += text.count("\n", counted, index)
        counted = index
        try:
            value, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            return None, [Problem(error.lineno, "", f"This is not valid JSON: {error.msg}.")]
        except RecursionError:
            return None, [_too_deep_problem(line)]
        # The array itself is the first level.
        if _too_deep(value, limits.JSON_MAX_DEPTH - 1):
            return None, [_too_deep_problem(line)]
        elements.append((line, value))
        index = _skip_space(text, index)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
            continue
        if index < len(text) and text[index] == "]":
            return elements, []
        break
    line += text.count("\n", counted, index)
    return None, [Problem(line, "", "This is not valid JSON: expected “,” or “]”.")]


def _too_deep(value, limit) -> bool:
    """Whether `value` nests arrays or objects more than `limit` deep. Counted without recursion:
    the point is to refuse what would exhaust Python's stack further on."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _too_deep_problem(line):
    return Problem(
        line,
        "",
        f"The file nests arrays or objects more than {limits.JSON_MAX_DEPTH} levels deep; a "
        "meeting list needs a few.",
    )


def _skip_space(text, index):
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


# --- values --------------------------------------------------------------------------------------

_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?\s*$", re.IGNORECASE)
_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$")
LABELS = None


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


def parse_day_number(value, line, problems):
    values = value if isinstance(value, list) else [value]
    days = []
    for item in values:
        if isinstance(item, bool) or not isinstance(item, int | str) or as_id(item) is None:
            problems.append(Problem(line, "day", f"“{item}” is not a day number (0 = Sunday … 6)."))
            continue
        number = int(item)
        if not 0 <= number <= 6:
            problems.append(
                Problem(line, "day", f"{number} is out of range: days go from 0 (Sunday) to 6.")
            )
            continue
        days.append(number)
    if not values:
        problems.append(Problem(line, "day", "The day is missing."))
    return days


def parse_day_names(value, line, problems, column="Day"):
    names = [part.strip() for part in re.split(r"[,;/]", value or "") if part.strip()]
    if not names:
        problems.append(Problem(line, column, "The day is missing."))
    days = []
    lookup = {name.lower(): n for n, name in enumerate(schedule.DAY_NAMES)}
    lookup.update({name.lower()[:3]: n for n, name in enumerate(schedule.DAY_NAMES)})
    for name in names:
        if name.lower() in lookup:
            days.append(lookup[name.lower()])
        elif as_id(name) is not None and 0 <= int(name) <= 6:
            days.append(int(name))
        else:
            problems.append(Problem(line, column, f"“{name}” is not a day of the week."))
    return days


def type_labels():
    global LABELS
    if LABELS is None:
        LABELS = {}
        for code, labels in meeting_types.all_types().items():
            for label in labels.values():
                LABELS.setdefault(label.lower(), code)
            LABELS.setdefault(code.lower(), code)
    return LABELS


def parse_type_labels(value, line, problems):
    codes = []
    for label in [part.strip() for part in (value or "").split(",") if part.strip()]:
        code = type_labels().get(label.lower())
        if code is None:
            problems.append(Problem(line, "Types", f"“{label}” is not a Meeting Guide type."))
        else:
            codes.append(code)
    return codes


def parse_codes(value, line, problems):
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        problems.append(Problem(line, "types", 'types must be a list of codes such as ["O"].'))
        return []
    unknown = meeting_types.unknown(value)
    for code in unknown:
        problems.append(Problem(line, "types", f"“{code}” is not a Meeting Guide type code."))
    return [code for code in value if code not in unknown]


def check_url(value, column, line, problems):
    if not value:
        return ""
    try:
        URLValidator()(value)
    except ValidationError:
        problems.append(Problem(line, column, f"“{value}” is not a web address."))
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


def _coordinate(value, column, line, problems, limit):
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


# --- Meeting Guide (JSON and CSV) ----------------------------------------------------------------


def _text(value):
    return "" if value is None else str(value).strip()


def _fit(model, field_name, text):
    """Free text cut to the length its field holds (liaison.limits): the model's `full_clean`
    does not check the length of a TextField, its forms do."""
    return text[: model._meta.get_field(field_name).max_length]


def _mg_row(record: dict, line: int, problems: list, *, days, start, end, codes, csv_names, maps):
    """A Meeting Guide record (already with parsed day, times and codes) as a Row."""
    name = _text(record.get("name"))
    slug = _text(record.get("slug"))
    if not name:
        problems.append(Problem(line, csv_names.get("name", "name"), "The name is missing."))
    if not slug:
        problems.append(Problem(line, csv_names.get("slug", "slug"), "The slug is missing."))
    if start is None and not any(p.line == line and "time" in p.column.lower() for p in problems):
        problems.append(Problem(line, csv_names.get("time", "time"), "The time is missing."))
    if start and end and end <= start:
        problems.append(
            Problem(
                line, csv_names.get("end_time", "end_time"), "The meeting ends before it starts."
            )
        )
    notes = _text(record.get("notes"))
    recurrence, month_week = Meeting.Recurrence.WEEKLY, None
    monthly = meeting_guide.parse_monthly(notes)
    if monthly:
        month_week, weekday, notes = monthly
        recurrence = Meeting.Recurrence.MONTHLY
        days = [weekday]
    conference_url = check_url(
        _text(record.get("conference_url")),
        csv_names.get("conference_url", "conference_url"),
        line,
        problems,
    )
    conference_phone = _text(record.get("conference_phone"))
    location_name = _text(record.get("location"))
    street = _text(record.get("address"))
    formatted = _text(record.get("formatted_address"))
    city = _text(record.get("city"))
    if formatted and not (street or city):
        parts = [part.strip() for part in formatted.split(",")]
        street, city = parts[0], (parts[1] if len(parts) > 1 else "")
    has_place = bool(location_name or street or city)
    online = bool(conference_url or conference_phone)
    mode = (
        Meeting.Mode.HYBRID
        if has_place and online
        else Meeting.Mode.ONLINE
        if online
        else Meeting.Mode.IN_PERSON
    )
    if not has_place and not online:
        problems.append(
            Problem(
                line,
                csv_names.get("location", "location"),
                "The meeting has neither an address nor an online link or phone.",
            )
        )
    audience, language = maps
    access = Meeting.Access.CLOSED if "C" in codes else Meeting.Access.OPEN
    type_codes = [
        c
        for c in codes
        if c not in meeting_types.DERIVED and c not in audience and c not in language
    ]
    location = None
    if has_place:
        location = {
            "name": location_name or street or city,
            "street": street,
            "city": city or "—",
            "state": _text(record.get("state")),
            "postal_code": _text(record.get("postal_code")),
            "country": (_text(record.get("country")) or "US")[:2].upper(),
            "latitude": _coordinate(
                record.get("latitude"), csv_names.get("latitude", "latitude"), line, problems, 90
            ),
            "longitude": _coordinate(
                record.get("longitude"),
                csv_names.get("longitude", "longitude"),
                line,
                problems,
                180,
            ),
        }
    group_name = _text(record.get("group")) or name
    website = check_url(
        _text(record.get("website")), csv_names.get("website", "website"), line, problems
    )
    return Row(
        line=line,
        group_key=slugify(group_name)[:200],
        meeting_key=slug[:200],
        group={
            "name": group_name[:200],
            "description": _fit(SelfHelpGroup, "description", _text(record.get("group_notes"))),
            "website": website,
            "public_email": _text(record.get("email"))[:254],
            "public_phone": _text(record.get("phone"))[:40],
        },
        meeting={
            "slug": slug,
            "name": name[:200] if name != group_name else "",
            "recurrence": recurrence,
            "weekdays": schedule.mask_from_days(days),
            "month_week": month_week,
            "start_time": start,
            "end_time": end,
            "timezone": check_timezone(
                _text(record.get("timezone")), line, problems, csv_names.get("timezone", "timezone")
            ),
            "mode": mode,
            "location_notes": _text(record.get("location_notes"))[:300],
            "conference_url": conference_url,
            "conference_phone": conference_phone[:60],
            "conference_notes": (
                _text(record.get("conference_url_notes"))
                or _text(record.get("conference_phone_notes"))
            )[:300],
            "access": access,
            "type_codes": type_codes,
            "notes": _fit(Meeting, "notes", notes),
            "status": Meeting.Status.PAUSED if "TC" in codes else Meeting.Status.ACTIVE,
        },
        location=location,
        audience=[c for c in codes if c in audience],
        languages=[language[c] for c in codes if c in language],
    )


def audience_codes():
    return {
        tag.meeting_guide_code: tag.slug
        for tag in AudienceTag.objects.exclude(meeting_guide_code="")
    }


def language_codes():
    return {
        lang.meeting_guide_code: lang.code
        for lang in Language.objects.exclude(meeting_guide_code="")
    }


def _code_maps():
    """Meeting Guide codes that stand for our audience tags and languages."""
    return audience_codes(), language_codes()


def _read_mg_json(text):
    elements, problems = _json_elements(text)
    if elements is None:
        return [], problems
    maps = _code_maps()
    rows = []
    for item, (line, record) in enumerate(elements, start=1):
        if not isinstance(record, dict):
            problems.append(
                Problem(line, "", "Each meeting must be a JSON object ({ ... }).", item)
            )
            continue
        row_problems = []
        if record.get("day") is None:
            row_problems.append(Problem(line, "day", "The day is missing."))
            days = []
        else:
            days = parse_day_number(record["day"], line, row_problems)
        start = parse_time(record.get("time"), "time", line, row_problems)
        end = parse_time(record.get("end_time"), "end_time", line, row_problems)
        codes = parse_codes(record.get("types"), line, row_problems)
        row = _mg_row(
            record,
            line,
            row_problems,
            days=days,
            start=start,
            end=end,
            codes=codes,
            csv_names={},
            maps=maps,
        )
        for problem in row_problems:
            problem.item = item
        problems += row_problems
        row.item = item
        if not row_problems:
            rows.append(row)
    return rows, problems


CSV_KEYS = {
    header.lower(): key
    for header, key in [
        ("Slug", "slug"),
        ("Name", "name"),
        ("Day", "day"),
        ("Time", "time"),
        ("End Time", "end_time"),
        ("Timezone", "timezone"),
        ("Types", "types"),
        ("Notes", "notes"),
        ("Location", "location"),
        ("Location Notes", "location_notes"),
        ("Address", "address"),
        ("City", "city"),
        ("State", "state"),
        ("Postal Code", "postal_code"),
        ("Country", "country"),
        ("Latitude", "latitude"),
        ("Longitude", "longitude"),
        ("Conference URL", "conference_url"),
        ("Conference URL Notes", "conference_url_notes"),
        ("Conference Phone", "conference_phone"),
        ("Conference Phone Notes", "conference_phone_notes"),
        ("Group", "group"),
        ("Group Notes", "group_notes"),
        ("Website", "website"),
        ("Email", "email"),
        ("Phone", "phone"),
        ("Updated", "updated"),
        ("Formatted Address", "formatted_address"),
        ("Region", "region"),
        ("Sub Region", "sub_region"),
    ]
}
REQUIRED_CSV = ["Name", "Day", "Time"]


def _read_mg_csv(text):
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return [], [Problem(1, "", "The file has no header row.")]
    columns = [name.strip() for name in header]
    lowered = [name.lower() for name in columns]
    missing = [name for name in REQUIRED_CSV if name.lower() not in lowered]
    if missing:
        return [], [Problem(1, name, f"The header row has no “{name}” column.") for name in missing]
    keys = [CSV_KEYS.get(name) for name in lowered]
    csv_names = {key: columns[i] for i, key in enumerate(keys) if key}
    csv_names.setdefault("slug", "Slug")
    maps = _code_maps()
    rows, problems = [], []
    try:
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            # A cell our own export wrote as '=... (see liaison.csvio) reads back as typed.
            record = {
                key: csvio.restore_cell(values[i])
                for i, key in enumerate(keys)
                if key and i < len(values)
            }
            row_problems = []
            if not record.get("slug"):
                record["slug"] = slugify(
                    f"{record.get('name', '')}-{record.get('day', '')}-{record.get('time', '')}"
                )
            days = parse_day_names(record.get("day"), line, row_problems, csv_names["day"])
            start = parse_time(record.get("time"), csv_names["time"], line, row_problems)
            end = parse_time(
                record.get("end_time"), csv_names.get("end_time", "End Time"), line, row_problems
            )
            codes = parse_type_labels(record.get("types"), line, row_problems)
            row = _mg_row(
                record,
                line,
                row_problems,
                days=days,
                start=start,
                end=end,
                codes=codes,
                csv_names=csv_names,
                maps=maps,
            )
            problems += row_problems
            if not row_problems:
                rows.append(row)
    except csv.Error as error:
        problems.append(Problem(reader.line_num, "", f"The CSV cannot be read: {error}."))
    return rows, problems


# --- HSDS ----------------------------------------------------------------------------------------

ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
_BYDAY = re.compile(r"^(-1|[1-4])?(SU|MO|TU|WE|TH|FR|SA)$")


def _read_hsds(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [Problem(error.lineno, "", f"This is not valid JSON: {error.msg}.")]
    except RecursionError:
        return [], [_too_deep_problem(1)]
    if _too_deep(data, limits.JSON_MAX_DEPTH):
        return [], [_too_deep_problem(1)]
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        elements = data["contents"]
    elif isinstance(data, list):
        elements = data
    elif isinstance(data, dict) and "id" in data:
        elements = [data]
    else:
        return [], [
            Problem(1, "", "The file must hold HSDS services: an array, or a page with “contents”.")
        ]
    positions = _element_lines(text, len(elements))
    rows, problems = [], []
    for number, service in enumerate(elements):
        line = positions[number] if number < len(positions) else 1
        row_problems = []
        rows_of_service = _hsds_rows(service, line, row_problems)
        problems += row_problems
        if not row_problems:
            rows += rows_of_service
    return rows, problems


def _element_lines(text, count):
    elements, _ = _json_elements(text)
    if elements is not None:
        return [line for line, _ in elements]
    match = re.search(r'"contents"\s*:\s*\[', text)
    if not match:
        return [1] * count
    lines, _ = _json_elements("\n" * text.count("\n", 0, match.end() - 1) + text[match.end() - 1 :])
    return [line for line, _ in (lines or [])] or [1] * count


def _list(value) -> list:
    """A JSON array from the file, or nothing when it holds something else."""
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _hsds_rows(service, line, problems):
    if not isinstance(service, dict):
        problems.append(Problem(line, "", "Each service must be a JSON object."))
        return []
    service_id = _text(service.get("id"))
    name = _text(service.get("name"))
    if not service_id:
        problems.append(Problem(line, "id", "The service has no id."))
    if not name:
        problems.append(Problem(line, "name", "The service has no name."))
    phones = _list(service.get("phones"))
    group = {
        "name": name[:200],
        "description": _fit(SelfHelpGroup, "description", _text(service.get("description"))),
        "website": check_url(_text(service.get("url")), "url", line, problems),
        "public_email": _text(service.get("email"))[:254],
        "public_phone": _text(phones[0].get("number"))[:40]
        if phones and isinstance(phones[0], dict)
        else "",
    }
    languages = [
        _text(lang.get("code"))
        for lang in _list(service.get("languages"))
        if isinstance(lang, dict)
    ]
    places = {}
    for sal in _list(service.get("service_at_locations")):
        sal = _dict(sal)
        location = _dict(sal.get("location"))
        addresses = _list(location.get("addresses")) or [{}]
        address = _dict(addresses[0])
        places[_text(sal.get("location_id") or location.get("id"))] = {
            "name": _text(location.get("name"))
            or _text(address.get("address_1"))
            or "Meeting place",
            "street": _text(address.get("address_1")),
            "city": _text(address.get("city")) or "—",
            "state": _text(address.get("state_province")),
            "postal_code": _text(address.get("postal_code")),
            "country": (_text(address.get("country")) or "US")[:2].upper(),
            "latitude": _coordinate(location.get("latitude"), "latitude", line, problems, 90),
            "longitude": _coordinate(location.get("longitude"), "longitude", line, problems, 180),
        }
    rows = []
    schedules = _list(service.get("schedules"))
    if not schedules:
        problems.append(Problem(line, "schedules", "The service has no schedules (meetings)."))
    for index, item in enumerate(schedules):
        column = f"schedules[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(line, column, "A schedule must be a JSON object."))
            continue
        freq = _text(item.get("freq")).upper()
        if freq not in ("WEEKLY", "MONTHLY"):
            problems.append(Problem(line, f"{column}.freq", f"“{freq}” is not WEEKLY or MONTHLY."))
            continue
        days, month_week = [], None
        for part in [p.strip() for p in _text(item.get("byday")).split(",") if p.strip()]:
            match = _BYDAY.match(part.upper())
            if not match:
                problems.append(Problem(line, f"{column}.byday", f"“{part}” is not a day code."))
                continue
            days.append(ICAL_DAYS.index(match.group(2)))
            if match.group(1):
                month_week = int(match.group(1))
        if not days:
            problems.append(Problem(line, f"{column}.byday", "The days are missing."))
            continue
        if freq == "MONTHLY" and (month_week is None or len(days) != 1):
            problems.append(
                Problem(line, f"{column}.byday", "A monthly schedule needs one day such as 2TU.")
            )
            continue
        start = parse_time(item.get("opens_at"), f"{column}.opens_at", line, problems)
        end = parse_time(item.get("closes_at"), f"{column}.closes_at", line, problems)
        if start is None:
            problems.append(Problem(line, f"{column}.opens_at", "The start time is missing."))
            continue
        if end and end <= start:
            problems.append(
                Problem(line, f"{column}.closes_at", "The meeting ends before it starts.")
            )
        attending = _text(item.get("attending_type")).lower().replace(" ", "_")
        location_id = _text(item.get("location_id")) or (next(iter(places), "") if places else "")
        place = places.get(location_id)
        online_url = check_url(
            _text(item.get("schedule_link")), f"{column}.schedule_link", line, problems
        )
        mode = {"online": "online", "hybrid": "hybrid"}.get(attending, "in_person")
        if mode != "in_person" and not online_url:
            problems.append(
                Problem(line, f"{column}.schedule_link", "An online meeting needs its link.")
            )
        if mode != "online" and place is None:
            problems.append(Problem(line, f"{column}.location_id", "The meeting place is missing."))
        notes = _text(item.get("notes"))
        rows.append(
            Row(
                line=line,
                group_key=service_id,
                meeting_key=_text(item.get("id")) or f"{service_id}-{index}",
                group=group,
                meeting={
                    "slug": slugify(f"{name}-{index + 1}")[:120] or f"meeting-{index + 1}",
                    "name": "",
                    "recurrence": freq.lower(),
                    "weekdays": schedule.mask_from_days(days),
                    "month_week": month_week if freq == "MONTHLY" else None,
                    "start_time": start,
                    "end_time": end,
                    "timezone": settings.TIME_ZONE,
                    "mode": mode,
                    "location_notes": "",
                    "conference_url": online_url if mode != "in_person" else "",
                    "conference_phone": "",
                    "conference_notes": "",
                    "access": Meeting.Access.CLOSED
                    if "closed" in notes.lower()
                    else Meeting.Access.OPEN,
                    "type_codes": [],
                    "notes": _fit(Meeting, "notes", notes),
                    "status": Meeting.Status.ACTIVE,
                },
                location=place if mode != "online" else None,
                languages=[code for code in languages if code],
            )
        )
    return rows


# --- planning and applying -----------------------------------------------------------------------


def _as_text(probe, field_name, value):
    """A file value as `display()` would show it once stored, to compare like with like. `probe`
    is a blank instance of the model, made once per row."""
    if field_name == "location":
        return "" if value is None else str(value)
    setattr(probe, field_name, value)
    return display(probe, field_name)


def _diff(instance, values, fields, imported):
    """(changes to make, fields kept because someone edited them since the last import)."""
    changes, kept = {}, {}
    probe = type(instance)()
    for name in fields:
        if name not in values:
            continue
        new = _as_text(probe, name, values[name])
        current = display(instance, name)
        if new == current:
            continue
        if name in imported and imported[name] != current:
            kept[name] = (current, new)
        else:
            changes[name] = (current, new)
    return changes, kept


def plan(data: bytes, fmt: str, source: str) -> Plan:
    rows, problems = read(data, fmt)
    result = Plan(rows=rows, problems=problems)
    if problems:
        return result
    groups = {g.import_key: g for g in SelfHelpGroup.objects.filter(import_source=source)}
    meetings = {
        m.import_key: m
        for m in Meeting.objects.filter(import_source=source).select_related("location")
    }
    seen_groups = set()
    for row in rows:
        group = groups.get(row.group_key)
        if row.group_key not in seen_groups:
            seen_groups.add(row.group_key)
            if group is None:
                result.groups["create"] += 1
                result.changes.append((row.line, row.group["name"], "create", {}))
            else:
                changes, kept = _diff(group, row.group, GROUP_IMPORT_FIELDS, group.imported_values)
                _count(result.groups, changes)
                _report(result, row, group.name, changes, kept)
        meeting = meetings.get(row.meeting_key)
        label = _meeting_label(row)
        if meeting is None:
            result.meetings["create"] += 1
            result.changes.append((row.line, label, "create", {}))
        else:
            values = {k: v for k, v in row.meeting.items() if k != "slug"}
            if row.location is not None:
                values["location"] = _location_label(row.location)
            changes, kept = _diff(meeting, values, MEETING_IMPORT_FIELDS, meeting.imported_values)
            _count(result.meetings, changes)
            _report(result, row, label, changes, kept)
    return result


def _meeting_label(row):
    return f"{row.group['name']}: {row.meeting['slug']}"


def _count(counter, changes):
    counter["update" if changes else "same"] += 1


def _report(result, row, label, changes, kept):
    if changes:
        result.changes.append((row.line, label, "update", {k: list(v) for k, v in changes.items()}))
    for name, (current, new) in kept.items():
        result.kept.append((row.line, label, name, current, new))


def _location_label(spec):
    return f"{spec['name']}, {spec['city']}"


@transaction.atomic
def apply(data: bytes, fmt: str, source: str, *, by=None, progress=None) -> Plan:
    """Write the whole file or nothing. Raises ImportFailed with every problem. Returns what was
    done, counted while doing it: it is the plan again without computing a preview first."""
    rows, problems = read(data, fmt)
    if problems or not rows:
        raise ImportFailed(problems or [Problem(1, "", "The file holds no meetings.")])
    result = Plan(rows=rows)
    now = timezone.now()
    groups = {g.import_key: g for g in SelfHelpGroup.objects.filter(import_source=source)}
    meetings = {m.import_key: m for m in Meeting.objects.filter(import_source=source)}
    locations = {loc.import_key: loc for loc in Location.objects.filter(import_source=source)}
    languages = {lang.code: lang for lang in Language.objects.all()}
    organizations = list(Organization.objects.all())
    logs, touched = [], set()
    for done, row in enumerate(rows, start=1):
        try:
            group = _apply_group(row, groups, source, by, logs, now, organizations, result)
            location = _apply_location(row, locations, source)
            _apply_meeting(row, group, location, meetings, source, by, logs, languages, result)
            touched.add(group.pk)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problems.append(Problem(row.line, name, " ".join(messages)))
        if progress:
            progress(done, len(rows))
    if problems:
        transaction.set_rollback(True)
        raise ImportFailed(problems)
    ListingChange.objects.bulk_create(logs, batch_size=500)
    refresh_search_for(SelfHelpGroup.objects.filter(pk__in=touched))
    return result


# --- an uploaded batch ---------------------------------------------------------------------------


def batch_plan(batch) -> dict:
    """The batch's plan as the preview shows it (`Plan.stored()`): computed from the file the
    first time it is asked for, then read from the batch."""
    if batch.plan is None:
        batch.plan = plan(bytes(batch.content), batch.format, batch.source).stored()
        type(batch).objects.filter(pk=batch.pk).update(plan=batch.plan)
    return batch.plan


def batch_apply(batch, *, by=None, progress=None) -> Plan:
    """Apply an uploaded batch. A batch whose plan found problems is refused without reading
    the file again. Raises ImportFailed."""
    planned = batch_plan(batch)
    if not planned["ok"]:
        problems = [Problem(**problem) for problem in planned["problems"]]
        raise ImportFailed(problems or [Problem(1, "", "The file holds no meetings.")])
    result = apply(bytes(batch.content), batch.format, batch.source, by=by, progress=progress)
    batch.applied_at = timezone.now()
    batch.summary = {"groups": result.groups, "meetings": result.meetings, "kept": len(result.kept)}
    batch.plan = {**planned, "groups": result.groups, "meetings": result.meetings}
    batch.save(update_fields=["applied_at", "summary", "plan"])
    # Other files from the same source were planned against the listings as they were.
    type(batch).objects.filter(source=batch.source, applied_at__isnull=True).exclude(
        pk=batch.pk
    ).update(plan=None)
    return result


def _imported(instance, fields):
    return {name: display(instance, name) for name in fields}


def _log(instance, group, action, changes, by, source_label):
    return ListingChange(
        group=group,
        object_type="group" if isinstance(instance, SelfHelpGroup) else "meeting",
        object_id=instance.pk,
        object_label=(
            instance.name
            if isinstance(instance, SelfHelpGroup)
            else f"Meeting: {instance.schedule_text}"
        )[:300],
        action=action,
        source=ListingChange.Source.IMPORT,
        changed_by=by if getattr(by, "is_authenticated", False) else None,
        version=instance.version,
        fields={field_label(instance, name): list(values) for name, values in changes.items()}
        or {"import": ["", source_label]},
    )


def _apply_group(row, groups, source, by, logs, now, organizations, result):
    group = groups.get(row.group_key)
    if group is None:
        organization = _organization_for(row.group["name"], organizations)
        group = SelfHelpGroup(
            slug=free_slug(SelfHelpGroup, row.group["name"]),
            status=SelfHelpGroup.Status.ACTIVE,
            organization=organization,
            verified_at=now,
            import_source=source,
            import_key=row.group_key,
            **row.group,
        )
        group.full_clean(exclude=["search_vector"])
        group.save()
        group.imported_values = _imported(group, GROUP_IMPORT_FIELDS)
        group.save(update_fields=["imported_values"])
        groups[row.group_key] = group
        logs.append(_log(group, group, ListingChange.Action.CREATED, {}, by, source))
        group._created_now = True
        result.groups["create"] += 1
        result.changes.append((row.line, group.name, "create", {}))
    elif not getattr(group, "_seen", False):
        changes, kept = _diff(group, row.group, GROUP_IMPORT_FIELDS, group.imported_values)
        _count(result.groups, changes)
        _report(result, row, group.name, changes, kept)
        if changes:
            for name in changes:
                setattr(group, name, row.group[name])
            group.version += 1
            group.full_clean(exclude=["search_vector"])
            group.save()
            logs.append(_log(group, group, ListingChange.Action.CHANGED, changes, by, source))
        _remember(group, GROUP_IMPORT_FIELDS)
    group._seen = True
    if row.audience:
        group.audience.add(*AudienceTag.objects.filter(meeting_guide_code__in=row.audience))
    return group


def _organization_for(name, organizations):
    lowered = name.lower()
    for organization in organizations:
        words = [organization.name.lower()]
        if organization.short_name and len(organization.short_name) > 2:
            words.append(organization.short_name.lower())
        if any(word in lowered for word in words):
            return organization
    return None


def _apply_location(row, locations, source):
    if row.location is None:
        return None
    key = slugify(f"{row.location['name']} {row.location['street']} {row.location['city']}")[:200]
    location = locations.get(key)
    if location is None:
        location = Location(import_source=source, import_key=key, **row.location)
        location.full_clean()
        location.save()
        locations[key] = location
    return location


def _apply_meeting(row, group, location, meetings, source, by, logs, languages, result):
    meeting = meetings.get(row.meeting_key)
    values = {k: v for k, v in row.meeting.items() if k != "slug"}
    values["location"] = location
    if meeting is None:
        slug = row.meeting["slug"]
        if Meeting.objects.filter(slug=slug).exists():
            slug = free_slug(Meeting, f"{group.slug}-{slug}")
        meeting = Meeting(
            group=group, slug=slug, import_source=source, import_key=row.meeting_key, **values
        )
        meeting.full_clean()
        meeting.save()
        meeting.languages.set([languages[c] for c in row.languages if c in languages])
        meeting.imported_values = _imported(meeting, MEETING_IMPORT_FIELDS)
        meeting.save(update_fields=["imported_values"])
        meetings[row.meeting_key] = meeting
        logs.append(_log(meeting, group, ListingChange.Action.CREATED, {}, by, source))
        result.meetings["create"] += 1
        result.changes.append((row.line, _meeting_label(row), "create", {}))
        return meeting
    comparable = {**values, "location": _location_label(row.location) if row.location else None}
    changes, kept = _diff(meeting, comparable, MEETING_IMPORT_FIELDS, meeting.imported_values)
    _count(result.meetings, changes)
    _report(result, row, _meeting_label(row), changes, kept)
    if changes:
        for name in changes:
            setattr(meeting, name, values[name])
        meeting.version += 1
        meeting.full_clean()
        meeting.save()
        logs.append(_log(meeting, group, ListingChange.Action.CHANGED, changes, by, source))
    wanted = {languages[c] for c in row.languages if c in languages}
    if wanted and wanted != set(meeting.languages.all()):
        meeting.languages.set(wanted)
    _remember(meeting, MEETING_IMPORT_FIELDS)
    return meeting


def _remember(instance, fields):
    """Note what the import wrote; saved only when it differs, so a re-import touches nothing."""
    values = {**instance.imported_values, **_imported(instance, fields)}
    if values != instance.imported_values:
        instance.imported_values = values
        type(instance).objects.filter(pk=instance.pk).update(imported_values=values)
