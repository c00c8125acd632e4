"""Reading the Meeting Guide formats back into the directory: the JSON feed (an array of
meetings) and the plain-language table (CSV, as the 12 Step Meeting List exports it). Each meeting
becomes a `Row`; every problem is noted by line and column (`groups.imports`)."""

import csv
import io
import re

from django.utils.text import slugify

from groups import schedule
from groups.imports.reading import Problem, Row, json_elements
from groups.imports.values import (
    check_timezone,
    check_url,
    fit,
    parse_coordinate,
    parse_time,
    text_of,
)
from groups.meeting_guide import types as meeting_types
from groups.meeting_guide.feed import WEEK_WORDS
from groups.models import AudienceTag, Language, Meeting, SelfHelpGroup
from liaison import csvio
from liaison.formfields import as_id

LABELS = None
MONTHLY_RULE = re.compile(
    r"\b(?:meets )?(?:on )?(?:the )?(first|second|third|fourth|last) "
    r"(sunday|monday|tuesday|wednesday|thursday|friday|saturday) of (?:the|each|every) month\.?",
    re.IGNORECASE,
)


def parse_monthly(notes: str):
    """(week, weekday, notes without the sentence) when notes state a monthly rule, else None."""
    match = MONTHLY_RULE.search(notes or "")
    if not match:
        return None
    week = {word: number for number, word in WEEK_WORDS.items()}[match.group(1).lower()]
    weekday = [name.lower() for name in schedule.DAY_NAMES].index(match.group(2).lower())
    rest = (notes[: match.start()] + notes[match.end() :]).strip()
    return week, weekday, rest


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


def _mg_row(record: dict, line: int, problems: list, *, days, start, end, codes, csv_names, maps):
    """A Meeting Guide record (already with parsed day, times and codes) as a Row."""
    name = text_of(record.get("name"))
    slug = text_of(record.get("slug"))
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
    notes = text_of(record.get("notes"))
    recurrence, month_week = Meeting.Recurrence.WEEKLY, None
    monthly = parse_monthly(notes)
    if monthly:
        month_week, weekday, notes = monthly
        recurrence = Meeting.Recurrence.MONTHLY
        days = [weekday]
    conference_url = check_url(
        text_of(record.get("conference_url")),
        csv_names.get("conference_url", "conference_url"),
        line,
        problems,
    )
    conference_phone = text_of(record.get("conference_phone"))
    location_name = text_of(record.get("location"))
    street = text_of(record.get("address"))
    formatted = text_of(record.get("formatted_address"))
    city = text_of(record.get("city"))
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
            "state": text_of(record.get("state")),
            "postal_code": text_of(record.get("postal_code")),
            "country": (text_of(record.get("country")) or "US")[:2].upper(),
            "latitude": parse_coordinate(
                record.get("latitude"), csv_names.get("latitude", "latitude"), line, problems, 90
            ),
            "longitude": parse_coordinate(
                record.get("longitude"),
                csv_names.get("longitude", "longitude"),
                line,
                problems,
                180,
            ),
        }
    group_name = text_of(record.get("group")) or name
    website = check_url(
        text_of(record.get("website")), csv_names.get("website", "website"), line, problems
    )
    return Row(
        line=line,
        group_key=slugify(group_name)[:200],
        meeting_key=slug[:200],
        group={
            "name": group_name[:200],
            "description": fit(SelfHelpGroup, "description", text_of(record.get("group_notes"))),
            "website": website,
            "public_email": text_of(record.get("email"))[:254],
            "public_phone": text_of(record.get("phone"))[:40],
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
                text_of(record.get("timezone")),
                line,
                problems,
                csv_names.get("timezone", "timezone"),
            ),
            "mode": mode,
            "location_notes": text_of(record.get("location_notes"))[:300],
            "conference_url": conference_url,
            "conference_phone": conference_phone[:60],
            "conference_notes": (
                text_of(record.get("conference_url_notes"))
                or text_of(record.get("conference_phone_notes"))
            )[:300],
            "access": access,
            "type_codes": type_codes,
            "notes": fit(Meeting, "notes", notes),
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


def read_json(text):
    """The meetings of a Meeting Guide JSON feed, and the problems of its elements."""
    elements, problems = json_elements(text)
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


def read_csv(text):
    """The meetings of a Meeting Guide table, and the problems of its lines."""
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
