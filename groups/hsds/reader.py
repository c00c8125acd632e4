"""Reading an Open Referral HSDS 3.0 file of services back into the directory: each schedule of
a service becomes a meeting (a `Row`), its service at a location the meeting's place; every problem
is noted by line and column (`groups.imports`)."""

import json
import re

from django.conf import settings
from django.utils.text import slugify

from groups import schedule
from groups.hsds.api import CLOSED_WORDS, ICAL_DAYS, NOTE_LINES, OPEN_WORDS
from groups.imports import addresses
from groups.imports.reading import Problem, Row, json_elements, too_deep, too_deep_problem
from groups.imports.values import (
    check_url,
    monthly_hint,
    parse_coordinate,
    parse_time,
    parse_updated,
    text_of,
    within,
)
from groups.meeting_guide import types as meeting_types
from groups.models import Meeting, SelfHelpGroup
from liaison import limits

_BYDAY = re.compile(r"^(-1|[1-4])?(SU|MO|TU|WE|TH|FR|SA)$")


def read_services(text):
    """The meetings of an HSDS array or page of services, and the problems of each service."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [Problem(error.lineno, "", f"This is not valid JSON: {error.msg}.")]
    except RecursionError:
        return [], [too_deep_problem(1)]
    if too_deep(data, limits.JSON_MAX_DEPTH):
        return [], [too_deep_problem(1)]
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        elements = data["contents"]
    elif isinstance(data, list):
        elements = data
    elif isinstance(data, dict) and isinstance(data.get("services"), list):
        # An organization, with its services.
        elements = data["services"]
    elif isinstance(data, dict) and isinstance(data.get("service"), dict):
        # A service at a location: the service, at that location.
        location = _dict(data.get("location"))
        elements = [
            {
                **data["service"],
                "service_at_locations": [{"location_id": location.get("id"), "location": location}],
            }
        ]
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
    elements, _ = json_elements(text)
    if elements is not None:
        return [line for line, _ in elements]
    match = re.search(r'"contents"\s*:\s*\[', text)
    if not match:
        return [1] * count
    lines, _ = json_elements("\n" * text.count("\n", 0, match.end() - 1) + text[match.end() - 1 :])
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
    service_id = text_of(service.get("id"))
    name = text_of(service.get("name"))
    if not service_id:
        problems.append(Problem(line, "id", "The service has no id."))
    if not name:
        problems.append(Problem(line, "name", "The service has no name."))
    phones = _list(service.get("phones"))
    phone = text_of(phones[0].get("number")) if phones and isinstance(phones[0], dict) else ""
    group = {
        "name": within(SelfHelpGroup, "name", name, "name", line, problems),
        "description": within(
            SelfHelpGroup,
            "description",
            text_of(service.get("description")),
            "description",
            line,
            problems,
        ),
        "website": check_url(text_of(service.get("url")), "url", line, problems),
        "public_email": within(
            SelfHelpGroup, "public_email", text_of(service.get("email")), "email", line, problems
        ),
        "public_phone": within(
            SelfHelpGroup, "public_phone", phone, "phones[0].number", line, problems
        ),
    }
    languages = [
        text_of(lang.get("code"))
        for lang in _list(service.get("languages"))
        if isinstance(lang, dict)
    ]
    places = {}
    for sal in _list(service.get("service_at_locations")):
        sal = _dict(sal)
        location = _dict(sal.get("location"))
        address = _dict((_list(location.get("addresses")) or [{}])[0])
        places[text_of(sal.get("location_id") or location.get("id"))] = {
            "name": text_of(location.get("name"))
            or text_of(address.get("address_1"))
            or "Meeting place",
            "street": text_of(address.get("address_1")),
            "city": text_of(address.get("city")),
            "state": text_of(address.get("state_province")),
            "postal_code": text_of(address.get("postal_code")),
            "country": _country(text_of(address.get("country")), line, problems),
            "latitude": parse_coordinate(location.get("latitude"), "latitude", line, problems, 90),
            "longitude": parse_coordinate(
                location.get("longitude"), "longitude", line, problems, 180
            ),
        }
    rows, notes = [], []
    checked = parse_updated(service.get("assured_date"), "assured_date", line, notes)
    if _list(service.get("contacts")):
        notes.append(Problem(line, "contacts", "Not kept: contacts are added by the group."))
    schedules = _list(service.get("schedules"))
    if not schedules:
        notes.append(
            Problem(
                line,
                "schedules",
                "The service has no schedules: the group is listed without meetings, for its "
                "leaders or the office to add them.",
            )
        )
        return [
            Row(
                line=line,
                group_key=service_id,
                meeting_key=None,
                group=group,
                meeting=None,
                notes=notes,
                checked=checked,
            )
        ]
    for index, item in enumerate(schedules):
        column = f"schedules[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(line, column, "A schedule must be a JSON object."))
            continue
        freq = text_of(item.get("freq")).upper()
        if freq not in ("WEEKLY", "MONTHLY"):
            problems.append(Problem(line, f"{column}.freq", f"“{freq}” is not WEEKLY or MONTHLY."))
            continue
        days, month_week = [], None
        for part in [p.strip() for p in text_of(item.get("byday")).split(",") if p.strip()]:
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
        attending = text_of(item.get("attending_type")).lower().replace(" ", "_")
        location_id = text_of(item.get("location_id")) or (next(iter(places), "") if places else "")
        place = places.get(location_id)
        online_url = check_url(
            text_of(item.get("schedule_link")), f"{column}.schedule_link", line, problems
        )
        mode = {"online": "online", "hybrid": "hybrid"}.get(attending, "in_person")
        if mode != "in_person" and not online_url:
            problems.append(
                Problem(line, f"{column}.schedule_link", "An online meeting needs its link.")
            )
        if mode != "online" and place is None:
            problems.append(Problem(line, f"{column}.location_id", "The meeting place is missing."))
        schedule_notes = text_of(item.get("notes"))
        said = read_schedule_notes(schedule_notes)
        if freq == "WEEKLY":
            monthly_hint(schedule_notes, line, f"{column}.notes", notes)
        if item.get("timezone") not in (None, ""):
            notes.append(
                Problem(
                    line,
                    f"{column}.timezone",
                    f"A UTC offset ({item['timezone']}) names no time zone with its daylight "
                    f"saving: the meeting is in {settings.TIME_ZONE}; change it in the listing if "
                    "that is wrong.",
                )
            )
        rows.append(
            Row(
                line=line,
                group_key=service_id,
                meeting_key=text_of(item.get("id")) or f"{service_id}-{index}",
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
                    "location_notes": within(
                        Meeting,
                        "location_notes",
                        said["location_notes"] if mode != "online" else "",
                        f"{column}.notes",
                        line,
                        problems,
                    ),
                    "accessibility_notes": within(
                        Meeting,
                        "accessibility_notes",
                        said["accessibility_notes"],
                        f"{column}.notes",
                        line,
                        problems,
                    ),
                    "conference_url": online_url if mode != "in_person" else "",
                    "conference_phone": "",
                    "conference_notes": within(
                        Meeting,
                        "conference_notes",
                        said["conference_notes"] if mode != "in_person" else "",
                        f"{column}.notes",
                        line,
                        problems,
                    ),
                    "access": said["access"],
                    "type_codes": said["type_codes"],
                    "notes": within(
                        Meeting, "notes", said["notes"], f"{column}.notes", line, problems
                    ),
                    "status": Meeting.Status.ACTIVE,
                },
                location=place if mode != "online" else None,
                languages=[code for code in languages if code],
                notes=notes if index == 0 else [],
                checked=checked,
            )
        )
    return rows


def read_schedule_notes(notes: str) -> dict:
    """A schedule's notes as our own export writes them (`groups.hsds.api._schedule_notes`),
    read back line by line: the open or closed sentence, “Format:” with Meeting Guide labels,
    “Where:”, “Access:” and “Joining online:” lines; every other line stays in the notes as
    written. A line is read only when it is exactly in that form: a “Format:” line with a label
    that is not a Meeting Guide label stays a note, and open or closed is never guessed from
    other words."""
    said = {
        "access": Meeting.Access.UNSTATED,
        "type_codes": [],
        "location_notes": "",
        "accessibility_notes": "",
        "conference_notes": "",
    }
    kept = []
    for text_line in notes.splitlines():
        stripped = text_line.strip()
        if stripped == OPEN_WORDS and said["access"] == Meeting.Access.UNSTATED:
            said["access"] = Meeting.Access.OPEN
            continue
        if stripped == CLOSED_WORDS and said["access"] == Meeting.Access.UNSTATED:
            said["access"] = Meeting.Access.CLOSED
            continue
        key = next((k for k, opening in NOTE_LINES.items() if stripped.startswith(opening)), None)
        value = stripped[len(NOTE_LINES[key]) :].strip() if key else ""
        if key == "format" and value.endswith(".") and not said["type_codes"]:
            by_label = meeting_types.codes_by_english_label()
            codes = [by_label.get(part.strip()) for part in value[:-1].split(",")]
            if all(codes):
                said["type_codes"] = [c for c in codes if c not in meeting_types.DERIVED]
                continue
        elif key and key != "format" and value and not said[key]:
            said[key] = value
            continue
        kept.append(text_line)
    said["notes"] = "\n".join(kept).strip()
    return said


def _country(text, line, problems):
    if not text:
        return ""
    code = addresses.country_code(text)
    if code is None:
        problems.append(
            Problem(line, "address.country", f"“{text}” is not a country we know (US, CA, MX…).")
        )
        return ""
    return code
