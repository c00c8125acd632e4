"""Reading the Meeting Guide formats back into the directory: the JSON feed (an array of
meetings) and the plain-language table (CSV, as the 12 Step Meeting List exports it). Each meeting
becomes a `Row`; every problem is noted by line and column (`groups.imports`)."""

import csv
import io
import re

from django.utils.text import slugify

from groups import schedule
from groups.imports import addresses
from groups.imports.reading import Problem, Row, json_elements
from groups.imports.values import (
    check_email,
    check_timezone,
    check_url,
    monthly_hint,
    parse_coordinate,
    parse_time,
    parse_updated,
    text_of,
    within,
)
from groups.meeting_guide import types as meeting_types
from groups.models import AudienceTag, Language, Location, Meeting, SelfHelpGroup
from liaison import csvio
from liaison.formfields import as_id

LABELS = None
# TSML adds ONL to every meeting with a link; here a meeting is online when it has one.
ONLINE_CODE = "ONL"
TEMPORARILY_CLOSED = "TC"
# Labels the 12 Step Meeting List writes that are not the spec's own (its `functions_import.php`).
LABEL_ALIASES = {
    "step meeting": "ST",
    "online meeting": ONLINE_CODE,
    "online": ONLINE_CODE,
    "temporary closure": TEMPORARILY_CLOSED,
}
# Keys of the spec (and of TSML's table) read into the listing; other keys are named in the
# preview as not kept.
READ_KEYS = {
    "slug", "name", "day", "time", "end_time", "timezone", "types", "notes", "location",
    "location_notes", "address", "city", "state", "postal_code", "country", "formatted_address",
    "latitude", "longitude", "approximate", "conference_url", "conference_url_notes",
    "conference_phone", "conference_phone_notes", "group", "group_notes", "website", "email",
    "phone", "updated",
}  # fmt: skip
# A meeting list's own grouping of its meetings: no field of ours holds it, so it is kept as
# given (`Meeting.source_fields`) and published again.
KEPT_KEYS = ("region", "sub_region", "regions", "district", "district_id")
# Keys that carry no listing of their own: the source's own page and entity.
SOURCE_KEYS = {
    "url", "edit_url", "feedback_url", "entity", "entity_email", "entity_location",
    "entity_logo", "entity_phone", "entity_url", "data_source", "id", "row",
    # Said again by the meeting's link and place, which are read.
    "attendance_option",
}  # fmt: skip


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
        LABELS.update(LABEL_ALIASES)
    return LABELS


def sort_codes(given, line, column, notes):
    """(official codes, codes kept as given): an empty code and ONL are dropped with a note; a
    code that is not official is kept, published again in our feed, and noted."""
    codes, kept = [], []
    for code in given:
        if not code.strip():
            notes.append(Problem(line, column, "An empty type was ignored."))
        elif code == ONLINE_CODE:
            notes.append(
                Problem(
                    line,
                    column,
                    "ONL (online) is not kept as a type: a meeting is online here when it has a "
                    "link or a dial-in phone.",
                )
            )
        elif code in meeting_types.all_types():
            codes.append(code)
        else:
            kept.append(code)
            notes.append(
                Problem(
                    line,
                    column,
                    f"“{code}” is not an official Meeting Guide type: it is kept as given and "
                    "published again in our feed, but not shown as a type here.",
                )
            )
    return codes, kept


def parse_type_labels(value, line, notes):
    given = []
    for label in [part.strip() for part in (value or "").split(",") if part.strip()]:
        given.append(type_labels().get(label.lower(), label))
    return sort_codes(given, line, "Types", notes)


def parse_codes(value, line, problems, notes):
    if value in (None, ""):
        return [], []
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        problems.append(Problem(line, "types", 'types must be a list of codes such as ["O"].'))
        return [], []
    return sort_codes(value, line, "types", notes)


def _place(record, line, names, problems, notes):
    """The meeting's place as a Location's fields, or None; an approximate address (the area of
    an online meeting) is no place."""
    location_name = text_of(record.get("location"))
    street = text_of(record.get("address"))
    formatted = text_of(record.get("formatted_address"))
    city = text_of(record.get("city"))
    state = text_of(record.get("state"))
    postal = text_of(record.get("postal_code"))
    country_text = text_of(record.get("country"))
    if not (location_name or street or city or formatted):
        return None
    place = {"name": location_name, "street": street, "city": city, "state": state}
    place.update(postal_code=postal, country="", address_as_given="")
    # Separate fields are the source's own structure; a formatted address is read only without them.
    whole = "" if street and city else formatted or (street if not city and "," in street else "")
    if whole:
        parts = addresses.split(whole)
        column = names.get("formatted_address" if formatted else "address", "formatted_address")
        if parts is None:
            place.update(street="", city="", state="", postal_code="", address_as_given=whole)
            notes.append(
                Problem(
                    line,
                    column,
                    f"“{whole}” could not be split into street, city, region and postal code "
                    "with confidence; it is kept whole, as given.",
                )
            )
        else:
            place.update(
                street=parts.street,
                city=parts.city,
                state=parts.state,
                postal_code=parts.postal_code,
                country=parts.country,
            )
    if country_text:
        code = addresses.country_code(country_text)
        if code is None:
            problems.append(
                Problem(
                    line,
                    names.get("country", "country"),
                    f"“{country_text}” is not a country we know; write its name or its two-letter "
                    "code (US, CA, MX).",
                )
            )
        else:
            place["country"] = code
            if code != country_text:
                notes.append(
                    Problem(
                        line, names.get("country", "country"), f"“{country_text}” read as {code}."
                    )
                )
    place["name"] = place["name"] or place["street"] or place["city"] or place["address_as_given"]
    for key, column in (
        ("name", "location"),
        ("street", "address"),
        ("city", "city"),
        ("state", "state"),
        ("postal_code", "postal_code"),
        ("address_as_given", "formatted_address"),
    ):
        within(Location, key, place[key], names.get(column, column), line, problems)
    for key, limit in (("latitude", 90), ("longitude", 180)):
        place[key] = parse_coordinate(record.get(key), names.get(key, key), line, problems, limit)
    return place


def _mg_row(
    record: dict, line: int, problems: list, *, days, start, end, codes, csv_names, maps, notes
):
    """A Meeting Guide record (already with parsed day, times and codes) as a Row. `codes` is
    (official codes, codes kept as given)."""
    names = csv_names
    codes, kept_codes = codes
    name = text_of(record.get("name"))
    slug = text_of(record.get("slug"))
    if not name:
        problems.append(Problem(line, names.get("name", "name"), "The name is missing."))
    if not slug:
        problems.append(Problem(line, names.get("slug", "slug"), "The slug is missing."))
    if start is None and not any(p.line == line and "time" in p.column.lower() for p in problems):
        problems.append(Problem(line, names.get("time", "time"), "The time is missing."))
    if start and end and not schedule.plausible_end(start, end):
        problems.append(
            Problem(
                line,
                names.get("end_time", "end_time"),
                "The meeting ends before it starts (past midnight, it may end up to "
                f"{schedule.PAST_MIDNIGHT_HOURS} hours later).",
            )
        )
    notes_text = text_of(record.get("notes"))
    monthly_hint(notes_text, line, names.get("notes", "notes"), notes)
    conference_url = check_url(
        text_of(record.get("conference_url")),
        names.get("conference_url", "conference_url"),
        line,
        problems,
    )
    conference_phone = text_of(record.get("conference_phone"))
    online = bool(conference_url or conference_phone)
    approximate = text_of(record.get("approximate")).lower() == "yes"
    place = _place(record, line, names, problems, notes)
    area = ""
    if place is not None and approximate and online:
        area = text_of(record.get("formatted_address")) or ", ".join(
            part for part in (place["city"], place["state"]) if part
        )
        notes.append(
            Problem(
                line,
                names.get("approximate", "approximate"),
                f"“{area}” is an approximate address (the area of an online meeting), not a "
                "place to go: the meeting is imported as online only, serving that area.",
            )
        )
        place = None
    closed_for_now = TEMPORARILY_CLOSED in codes
    status = Meeting.Status.ACTIVE
    if closed_for_now and online:
        if place is not None:
            notes.append(
                Problem(
                    line,
                    names.get("types", "types"),
                    "TC with a link: the place is closed for now and the meeting goes on online. "
                    "It is imported as online, with its place kept for when it reopens.",
                )
            )
        kept_codes = [*kept_codes, TEMPORARILY_CLOSED]
    elif closed_for_now:
        status = Meeting.Status.PAUSED
        notes.append(
            Problem(
                line,
                names.get("types", "types"),
                "TC without a link: the meeting is imported as paused for now.",
            )
        )
    mode = (
        Meeting.Mode.ONLINE
        if online and (place is None or closed_for_now)
        else Meeting.Mode.HYBRID
        if online
        else Meeting.Mode.IN_PERSON
    )
    if place is None and not online:
        problems.append(
            Problem(
                line,
                names.get("location", "location"),
                "The meeting has neither an address nor an online link or phone.",
            )
        )
    audience, language = maps
    if "C" in codes:
        access = Meeting.Access.CLOSED
    elif "O" in codes:
        access = Meeting.Access.OPEN
    else:
        access = Meeting.Access.UNSTATED
        notes.append(
            Problem(
                line,
                names.get("types", "types"),
                "The types say neither open (O) nor closed (C): imported as “not said”.",
            )
        )
    # Audience codes stay among the types, in the file's order, until the import knows whether
    # every meeting of the group carries them (then they describe the group instead).
    type_codes = [c for c in codes if c not in meeting_types.DERIVED and c not in language]
    group_name = text_of(record.get("group"))
    if group_name:
        group_key = slugify(group_name)
    else:
        # Without a group, meetings of one name are one group only at one place or link.
        group_name = name
        where = (place or {}).get("address_as_given") or " ".join(
            (place or {}).get(key, "") for key in ("street", "city", "state", "postal_code")
        )
        group_key = slugify(f"{name} {where.strip() or conference_url or conference_phone}")
    website = check_url(
        text_of(record.get("website")), names.get("website", "website"), line, problems
    )
    url_notes = text_of(record.get("conference_url_notes"))
    phone_notes = text_of(record.get("conference_phone_notes"))
    conference_notes = " / ".join(part for part in dict.fromkeys([url_notes, phone_notes]) if part)

    def sized(model, field_name, value, key):
        return within(model, field_name, value, names.get(key, key), line, problems)

    return Row(
        line=line,
        group_key=group_key[:200],
        meeting_key=slug[:200],
        group={
            "name": sized(
                SelfHelpGroup, "name", group_name, "group" if record.get("group") else "name"
            ),
            "description": sized(
                SelfHelpGroup, "description", text_of(record.get("group_notes")), "group_notes"
            ),
            "website": website,
            "public_email": check_email(
                sized(SelfHelpGroup, "public_email", text_of(record.get("email")), "email"),
                names.get("email", "email"),
                line,
                problems,
            ),
            "public_phone": sized(
                SelfHelpGroup, "public_phone", text_of(record.get("phone")), "phone"
            ),
        },
        meeting={
            # The key stays the file's slug; the page address is made of it, as a slug may be.
            "slug": sized(Meeting, "slug", slugify(slug) or "meeting", "slug"),
            "name": sized(Meeting, "name", name, "name") if name != group_name else "",
            "recurrence": Meeting.Recurrence.WEEKLY,
            "weekdays": schedule.mask_from_days(days),
            "month_week": None,
            "start_time": start,
            "end_time": end,
            "timezone": check_timezone(
                text_of(record.get("timezone")),
                line,
                problems,
                names.get("timezone", "timezone"),
            ),
            "mode": mode,
            "location_notes": sized(
                Meeting, "location_notes", text_of(record.get("location_notes")), "location_notes"
            ),
            "conference_url": conference_url,
            "conference_phone": sized(
                Meeting, "conference_phone", conference_phone, "conference_phone"
            ),
            "conference_notes": sized(
                Meeting, "conference_notes", conference_notes, "conference_url_notes"
            ),
            "area": sized(Meeting, "area", area, "formatted_address"),
            "access": access,
            "type_codes": type_codes,
            "source_types": kept_codes,
            "source_fields": _kept_as_given(record, line, names, problems),
            "notes": sized(Meeting, "notes", notes_text, "notes"),
            "status": status,
        },
        location=place,
        audience=[c for c in codes if c in audience],
        languages=[language[c] for c in codes if c in language],
        notes=notes,
        updated=parse_updated(record.get("updated"), names.get("updated", "updated"), line, notes),
    )


def _kept_as_given(record, line, names, problems) -> dict:
    """The source's regions and district, as given: text, or a list of texts for `regions`
    (the path from the widest region down). A value of another shape is a problem."""
    kept = {}
    for key in KEPT_KEYS:
        value = record.get(key)
        if value in (None, "", []):
            continue
        column = names.get(key, key)
        if key == "regions":
            parts = value if isinstance(value, list) else None
            if parts is None or not all(isinstance(part, str | int) for part in parts):
                problems.append(Problem(line, column, "Regions must be a list of names."))
                continue
            value = [text_of(part) for part in parts if text_of(part)]
            for part in value:
                within(Meeting, "area", part, column, line, problems)
        else:
            if not isinstance(value, str | int) or isinstance(value, bool):
                problems.append(Problem(line, column, "This must be a name or a number."))
                continue
            value = within(Meeting, "area", text_of(value), column, line, problems)
        kept[key] = value
    return kept


def by_appointment(record) -> bool:
    """The spec allows a meeting with neither day nor time: it meets by appointment."""
    return text_of(record.get("day")) in ("", "[]") and not text_of(record.get("time"))


def appointment_row(record, line, names, problems, notes) -> Row:
    """A meeting by appointment: its group is listed, the meeting is named in the preview. The
    directory lists meetings by day and time, so it has no place for this one."""
    name = text_of(record.get("name"))
    if not name:
        problems.append(Problem(line, names.get("name", "name"), "The name is missing."))
    group_name = text_of(record.get("group")) or name
    notes.append(
        Problem(
            line,
            names.get("day", "day"),
            f"“{name}” meets by appointment (no day or time): the directory lists meetings by "
            "day and time, so this one is not listed; its group is, with the contact the file "
            "gives, for people to ask.",
        )
    )
    website = check_url(
        text_of(record.get("website")), names.get("website", "website"), line, problems
    )
    return Row(
        line=line,
        group_key=slugify(group_name)[:200],
        meeting_key=None,
        group={
            "name": within(
                SelfHelpGroup, "name", group_name, names.get("name", "name"), line, problems
            ),
            "description": within(
                SelfHelpGroup,
                "description",
                text_of(record.get("group_notes")),
                names.get("group_notes", "group_notes"),
                line,
                problems,
            ),
            "website": website,
            "public_email": check_email(
                text_of(record.get("email")), names.get("email", "email"), line, problems
            ),
            "public_phone": within(
                SelfHelpGroup,
                "public_phone",
                text_of(record.get("phone")),
                names.get("phone", "phone"),
                line,
                problems,
            ),
        },
        meeting=None,
        notes=notes,
        updated=parse_updated(record.get("updated"), names.get("updated", "updated"), line, notes),
    )


def _unread(record, line, names, notes):
    """Name the keys (or columns) of a record that hold a value and are not read."""
    unread = [
        names.get(key, key)
        for key, value in record.items()
        if key not in READ_KEYS
        and key not in SOURCE_KEYS
        and key not in KEPT_KEYS
        and value not in (None, "", [], {})
    ]
    if unread:
        notes.append(
            Problem(line, ", ".join(unread), "Not kept: Liaison has no field for these yet.")
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
        row_problems, row_notes = [], []
        if by_appointment(record):
            row = appointment_row(record, line, {}, row_problems, row_notes)
            for problem in row_problems + row_notes:
                problem.item = item
            problems += row_problems
            if not row_problems:
                row.item = item
                rows.append(row)
            continue
        if record.get("day") is None:
            row_problems.append(Problem(line, "day", "The day is missing."))
            days = []
        else:
            days = parse_day_number(record["day"], line, row_problems)
        start = parse_time(record.get("time"), "time", line, row_problems)
        end = parse_time(record.get("end_time"), "end_time", line, row_problems)
        codes = parse_codes(record.get("types"), line, row_problems, row_notes)
        _unread(record, line, {}, row_notes)
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
            notes=row_notes,
        )
        for problem in row_problems + row_notes:
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
        ("ID", "id"),
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
        ("District", "district"),
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
        unknown = [name for name in columns if name.lower() not in CSV_KEYS]
        hint = f" Columns it does not know: {', '.join(unknown[:5])}." if unknown else ""
        return [], [
            Problem(1, name, f"The header row has no “{name}” column.{hint}") for name in missing
        ]
    # A column this reader does not know keeps its own name, to be named in the preview.
    keys = [CSV_KEYS.get(name, columns[i]) for i, name in enumerate(lowered)]
    csv_names = {key: columns[i] for i, key in enumerate(keys) if key}
    csv_names.setdefault("slug", "Slug")
    maps = _code_maps()
    rows, problems = [], []
    try:
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            row_notes = []
            if len(values) != len(columns):
                row_notes.append(
                    Problem(
                        line,
                        "",
                        f"This line has {len(values)} cells and the header {len(columns)}: check "
                        "that its values stand in the right columns.",
                    )
                )
            # A cell our own export wrote as '=... (see liaison.csvio) reads back as typed.
            record = {
                key: csvio.restore_cell(values[i])
                for i, key in enumerate(keys)
                if key and i < len(values)
            }
            row_problems = []
            if not record.get("slug"):
                # A sheet's own row ID keeps a meeting the same meeting when its time changes;
                # without one, its name, day and place do.
                record["slug"] = slugify(
                    f"{record.get('name', '')}-{record.get('id', '')}"
                    if record.get("id")
                    else f"{record.get('name', '')}-{record.get('day', '')}-"
                    f"{record.get('location') or record.get('address', '')}"
                )
            if by_appointment(record):
                row = appointment_row(record, line, csv_names, row_problems, row_notes)
                problems += row_problems
                if not row_problems:
                    rows.append(row)
                continue
            days = parse_day_names(record.get("day"), line, row_problems, csv_names["day"])
            start = parse_time(record.get("time"), csv_names["time"], line, row_problems)
            end = parse_time(
                record.get("end_time"), csv_names.get("end_time", "End Time"), line, row_problems
            )
            codes = parse_type_labels(record.get("types"), line, row_notes)
            _unread(record, line, csv_names, row_notes)
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
                notes=row_notes,
            )
            problems += row_problems
            if not row_problems:
                rows.append(row)
    except csv.Error as error:
        problems.append(Problem(reader.line_num, "", f"The CSV cannot be read: {error}."))
    return rows, problems
