"""Reading BMLT's semantic JSON (`client_interface/json/?switcher=GetSearchResults`) into the
directory. NA areas and regions publish their meetings this way.

A file is either the array of meetings that GetSearchResults gives, or the object it gives with
`get_used_formats=1` (`{"meetings": [...], "formats": [...]}`). A server's format keys ("O", "BT",
"WC") are its own; only the formats' `world_id`s (NA World Services' shared codes) say what they
mean, so a format is mapped to a Meeting Guide type only through its world_id. Every other format
is kept as given, published again in our feed, and named in the preview. Weekdays run from
1 (Sunday) to 7; a meeting lasts `duration_time`; `venue_type` is 1 in person, 2 virtual, 3 hybrid
(4 is a virtual meeting whose place is closed for now)."""

import datetime as dt
import json

from django.utils.text import slugify

from groups import schedule
from groups.imports import addresses
from groups.imports.reading import Problem, Row, json_elements
from groups.imports.values import (
    check_timezone,
    check_url,
    monthly_hint,
    parse_coordinate,
    parse_time,
    text_of,
    within,
)
from groups.models import Location, Meeting, SelfHelpGroup

# NA World Services' format codes with a Meeting Guide type of the same meaning.
WORLD_TO_MEETING_GUIDE = {
    "OPEN": "O",
    "CLOSED": "C",
    "WCHR": "X",
    "BEG": "BE",
    "SPK": "SP",
    "STEP": "ST",
    "LIT": "LIT",
    "W": "W",
    "M": "M",
    "GL": "LGBTQ",
    "Y": "Y",
    "ES": "S",
    "CAN": "CAN",
    "SMOK": "SM",
    "DISC": "D",
}
IN_PERSON, VIRTUAL, HYBRID, CLOSED_FOR_NOW = "1", "2", "3", "4"


def read(text):
    """The meetings of a BMLT GetSearchResults answer, and the problems of its meetings."""
    elements, problems = json_elements(text)
    if elements is None:
        elements, formats, problems = _with_formats(text, problems)
        if elements is None:
            return [], problems
    else:
        formats = {}
    rows = []
    for item, (line, record) in enumerate(elements, start=1):
        if not isinstance(record, dict):
            problems.append(Problem(line, "", "Each meeting must be a JSON object.", item))
            continue
        row_problems, notes = [], []
        row = _row(record, line, row_problems, notes, formats)
        for problem in row_problems + notes:
            problem.item = item
        problems += row_problems
        if not row_problems:
            row.item = item
            rows.append(row)
    return rows, problems


def _with_formats(text, problems):
    """The {"meetings": [...], "formats": [...]} answer: its meetings, and formats by key."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None, {}, problems
    if not isinstance(document, dict) or not isinstance(document.get("meetings"), list):
        return (
            None,
            {},
            [Problem(1, "", "The file must be BMLT's list of meetings (GetSearchResults).")],
        )
    formats = {
        text_of(fmt.get("key_string")): fmt
        for fmt in document.get("formats") or []
        if isinstance(fmt, dict)
    }
    # Each meeting counts as line 1: the answer is usually one line.
    return [(1, meeting) for meeting in document["meetings"]], formats, []


def _types(record, line, formats, notes):
    """(Meeting Guide codes, format keys kept as given)."""
    codes, kept = [], []
    for key in [part.strip() for part in text_of(record.get("formats")).split(",") if part.strip()]:
        world = text_of((formats.get(key) or {}).get("world_id")).upper()
        code = WORLD_TO_MEETING_GUIDE.get(world)
        if code:
            codes.append(code)
            if code != key:
                notes.append(
                    Problem(line, "formats", f"“{key}” (world id {world}) read as {code}.")
                )
        else:
            kept.append(key)
            notes.append(
                Problem(
                    line,
                    "formats",
                    f"“{key}” has no Meeting Guide type of the same meaning"
                    + ("" if formats else " (the file carries no formats with world ids)")
                    + ": it is kept as given and published again in our feed.",
                )
            )
    return codes, kept


def _end(start, duration, line, problems):
    if start is None or not text_of(duration):
        return None
    parts = text_of(duration).split(":")
    try:
        hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        problems.append(Problem(line, "duration_time", f"“{duration}” is not a duration."))
        return None
    if not (0 < hours * 60 + minutes <= schedule.PAST_MIDNIGHT_HOURS * 60):
        problems.append(
            Problem(
                line,
                "duration_time",
                f"A meeting of {hours}:{minutes:02d} hours cannot be listed (at most "
                f"{schedule.PAST_MIDNIGHT_HOURS} hours).",
            )
        )
        return None
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start)
    return (moment + dt.timedelta(hours=hours, minutes=minutes)).time()


def _row(record, line, problems, notes, formats):
    meeting_id = text_of(record.get("id_bigint"))
    name = text_of(record.get("meeting_name"))
    if not meeting_id:
        problems.append(Problem(line, "id_bigint", "The meeting has no id."))
    if not name:
        problems.append(Problem(line, "meeting_name", "The name is missing."))
    weekday = text_of(record.get("weekday_tinyint"))
    if weekday not in {"1", "2", "3", "4", "5", "6", "7"}:
        problems.append(
            Problem(line, "weekday_tinyint", f"“{weekday}” is not a day (1 = Sunday … 7).")
        )
    days = [int(weekday) - 1] if weekday in {"1", "2", "3", "4", "5", "6", "7"} else []
    start = parse_time(record.get("start_time"), "start_time", line, problems)
    if start is None and not any(p.column == "start_time" for p in problems):
        problems.append(Problem(line, "start_time", "The time is missing."))
    end = _end(start, record.get("duration_time"), line, problems)
    codes, kept = _types(record, line, formats, notes)
    venue = text_of(record.get("venue_type")) or IN_PERSON
    link = check_url(
        text_of(record.get("virtual_meeting_link")), "virtual_meeting_link", line, problems
    )
    phone = text_of(record.get("phone_meeting_number"))
    online = bool(link or phone)
    place = _place(record, line, problems, notes)
    if venue in (VIRTUAL, HYBRID, CLOSED_FOR_NOW) and not online:
        problems.append(
            Problem(line, "virtual_meeting_link", "A virtual meeting needs a link or a phone.")
        )
    if venue in (IN_PERSON, HYBRID) and place is None:
        problems.append(Problem(line, "location_street", "The meeting place is missing."))
    if venue == VIRTUAL and place is not None:
        place = None  # BMLT keeps a virtual meeting's last place; it is not a place to go
    if venue == CLOSED_FOR_NOW:
        kept = [*kept, "TC"]
        notes.append(
            Problem(
                line,
                "venue_type",
                "Temporarily virtual: imported as online, with its place kept for when it reopens.",
            )
        )
    mode = {IN_PERSON: "in_person", HYBRID: "hybrid"}.get(venue, "online")
    access = (
        Meeting.Access.CLOSED
        if "C" in codes
        else Meeting.Access.OPEN
        if "O" in codes
        else Meeting.Access.UNSTATED
    )
    if access == Meeting.Access.UNSTATED:
        notes.append(
            Problem(line, "formats", "The formats say neither open nor closed: “not said”.")
        )
    monthly_hint(text_of(record.get("comments")), line, "comments", notes)
    service_body = text_of(record.get("service_body_bigint"))
    location_key = (place or {}).get("street") or (place or {}).get("address_as_given") or link
    return Row(
        line=line,
        group_key=slugify(f"{name} {location_key}")[:200],
        meeting_key=f"bmlt-{service_body}-{meeting_id}",
        group={
            "name": within(SelfHelpGroup, "name", name, "meeting_name", line, problems),
            "description": "",
            "website": "",
            "public_email": "",
            "public_phone": "",
        },
        meeting={
            "slug": slugify(f"{name}-{meeting_id}")[:140],
            "name": "",
            "recurrence": Meeting.Recurrence.WEEKLY,
            "weekdays": schedule.mask_from_days(days),
            "month_week": None,
            "start_time": start,
            "end_time": end,
            "timezone": check_timezone(
                text_of(record.get("time_zone")), line, problems, "time_zone"
            ),
            "mode": mode,
            "location_notes": within(
                Meeting,
                "location_notes",
                text_of(record.get("location_info")),
                "location_info",
                line,
                problems,
            ),
            "conference_url": link,
            "conference_phone": within(
                Meeting, "conference_phone", phone, "phone_meeting_number", line, problems
            ),
            "conference_notes": within(
                Meeting,
                "conference_notes",
                text_of(record.get("virtual_meeting_additional_info")),
                "virtual_meeting_additional_info",
                line,
                problems,
            ),
            "area": "",
            "access": access,
            "type_codes": [c for c in codes if c not in ("O", "C")],
            "source_types": kept,
            "notes": within(
                Meeting, "notes", text_of(record.get("comments")), "comments", line, problems
            ),
            "status": Meeting.Status.ACTIVE,
        },
        location=place,
        notes=notes,
    )


def _place(record, line, problems, notes):
    street = text_of(record.get("location_street"))
    city = text_of(record.get("location_municipality"))
    name = text_of(record.get("location_text"))
    if not (street or city or name):
        return None
    nation = text_of(record.get("location_nation"))
    country = addresses.country_code(nation) if nation else ""
    if nation and country is None:
        problems.append(Problem(line, "location_nation", f"“{nation}” is not a country we know."))
        country = ""
    place = {
        "name": name or street or city,
        "street": street,
        "city": city,
        "state": text_of(record.get("location_province")),
        "postal_code": text_of(record.get("location_postal_code_1")),
        "country": country,
        "address_as_given": "",
        "latitude": parse_coordinate(record.get("latitude"), "latitude", line, problems, 90),
        "longitude": parse_coordinate(record.get("longitude"), "longitude", line, problems, 180),
    }
    for key, column in (
        ("name", "location_text"),
        ("street", "location_street"),
        ("city", "location_municipality"),
        ("state", "location_province"),
        ("postal_code", "location_postal_code_1"),
    ):
        within(Location, key, place[key], column, line, problems)
    # BMLT marks a meeting without coordinates with 0, 0 (off the coast of Africa).
    if place["latitude"] == 0 and place["longitude"] == 0:
        place["latitude"] = place["longitude"] = None
        notes.append(Problem(line, "latitude", "0, 0 is no position; the place has none."))
    return place
