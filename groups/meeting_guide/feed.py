"""The Meeting Guide format: the JSON feed the Meeting Guide app and the 12 Step Meeting List read,
and the plain-language table (CSV) that intergroup offices keep their lists in.

Our data maps onto it as follows: open/closed becomes the O or C code; a meeting's languages and
its group's audience tags become their codes; a meeting counts as online when it has a conference
link or phone; a monthly rule, which the format has no field for, is said in `notes`."""

import datetime as dt
import re
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Max

from groups import schedule
from groups.meeting_guide import types as meeting_types
from groups.models import Contact, Location, Meeting, SelfHelpGroup, format_address
from liaison import installation

WEEK_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def feed_state():
    """A cheap fingerprint of the feed (one query): when it last changed, and its size."""
    listed = Meeting.objects.listed()
    state = listed.aggregate(
        count=Count("pk"),
        meetings=Max("updated_at"),
        groups=Max("group__updated_at"),
        locations=Max("location__updated_at"),
    )
    stamps = [state[key] for key in ("meetings", "groups", "locations") if state[key]]
    return (max(stamps) if stamps else None), state["count"]


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


MEETING_COLUMNS = [
    "pk",
    "slug",
    "name",
    "weekdays",
    "recurrence",
    "month_week",
    "start_time",
    "end_time",
    "timezone",
    "mode",
    "access",
    "type_codes",
    "source_types",
    "source_fields",
    "notes",
    "location_notes",
    "conference_url",
    "conference_phone",
    "conference_notes",
    "area",
    "updated_at",
    "group_id",
    "location_id",
]
GROUP_COLUMNS = [
    "pk",
    "name",
    "slug",
    "description",
    "website",
    "public_email",
    "public_phone",
    "updated_at",
]
LOCATION_COLUMNS = [
    "pk",
    "name",
    "street",
    "city",
    "state",
    "postal_code",
    "country",
    "latitude",
    "longitude",
    "coordinates_source",
]


def feed_records(absolute, monthly=True) -> list[dict]:
    """Every public, active meeting as the Meeting Guide spec describes it: no last names,
    nothing private. Read as plain rows in seven queries, whatever the number of meetings.

    The spec has weekly meetings only: apps would show a monthly meeting every week and send
    people on the wrong days. `monthly=False` (the JSON feed) leaves them out; the staff table
    keeps them, with the rule said in the notes."""
    listed = Meeting.objects.listed()
    if not monthly:
        listed = listed.filter(recurrence=Meeting.Recurrence.WEEKLY)
    meetings = list(listed.order_by("group__name", "start_time", "pk").values(*MEETING_COLUMNS))
    group_ids = listed.values("group_id")
    groups = {
        row["pk"]: row
        for row in SelfHelpGroup.objects.filter(pk__in=group_ids).values(*GROUP_COLUMNS)
    }
    locations = {
        row["pk"]: row
        for row in Location.objects.filter(pk__in=listed.values("location_id")).values(
            *LOCATION_COLUMNS
        )
    }
    languages = defaultdict(list)
    for meeting_id, code in (
        Meeting.languages.through.objects.filter(meeting__in=listed.values("pk"))
        .exclude(language__meeting_guide_code="")
        .order_by("language__name")
        .values_list("meeting_id", "language__meeting_guide_code")
    ):
        languages[meeting_id].append(code)
    audience = defaultdict(list)
    for group_id, code in (
        SelfHelpGroup.audience.through.objects.filter(selfhelpgroup_id__in=group_ids)
        .exclude(audiencetag__meeting_guide_code="")
        .order_by("audiencetag__position")
        .values_list("selfhelpgroup_id", "audiencetag__meeting_guide_code")
    ):
        audience[group_id].append(code)
    contacts = defaultdict(list)
    for group_id, first, last in (
        Contact.objects.filter(group_id__in=group_ids, is_public=True)
        .order_by("position", "pk")
        .values_list("group_id", "first_name", "last_name")
    ):
        contacts[group_id].append(f"{first} {last[0]}." if last else first)
    page_url = absolute("/groups/")
    return [
        _record(
            m,
            groups[m["group_id"]],
            locations.get(m["location_id"]),
            languages[m["pk"]],
            audience[m["group_id"]],
            contacts[m["group_id"]],
            page_url,
        )
        for m in meetings
    ]


def entity() -> dict:
    """Who publishes the feed (the installation's profile), as the spec's `entity_*` fields;
    empty ones are left out."""
    site = installation.profile()
    fields = {
        "entity": site.name,
        "entity_email": site.email,
        "entity_location": site.address,
        "entity_logo": settings.SITE_LOGO_URL,
        "entity_phone": site.phone,
        "entity_url": settings.SITE_URL,
    }
    return {key: value for key, value in fields.items() if value}


def _record(m, group, location, languages, audience, contacts, page_url) -> dict:
    days = schedule.days_from_mask(m["weekdays"])
    notes = m["notes"]
    if m["recurrence"] == Meeting.Recurrence.MONTHLY and days:
        week, day = WEEK_WORDS[m["month_week"]], schedule.DAY_NAMES[days[0]]
        rule = f"Meets on the {week} {day} of the month."
        notes = " ".join(part for part in [rule, notes] if part)
    codes = []
    access = {Meeting.Access.OPEN: "O", Meeting.Access.CLOSED: "C"}.get(m["access"], "")
    for code in [access, *audience, *languages, *m["type_codes"], *m["source_types"]]:
        if code and code not in codes:
            codes.append(code)
    record = {
        "slug": m["slug"],
        "name": m["name"] or group["name"],
        "day": days[0] if len(days) == 1 else days,
        "time": m["start_time"].strftime("%H:%M"),
        "timezone": m["timezone"],
        "types": codes,
        "notes": notes,
        "group": group["name"],
        "group_notes": group["description"],
        "url": f"{page_url}{group['slug']}/",
        "feedback_url": f"{page_url}{group['slug']}/suggest/",
        "updated": _utc(max(m["updated_at"], group["updated_at"])),
        **entity(),
    }
    if m["end_time"]:
        record["end_time"] = m["end_time"].strftime("%H:%M")
    in_person = m["mode"] in (Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID)
    online = m["mode"] in (Meeting.Mode.ONLINE, Meeting.Mode.HYBRID)
    # As the 12 Step Meeting List says it: in_person, hybrid or online.
    record["attendance_option"] = m["mode"]
    # A place closed for now (TC) is still the meeting's place: the app shows it as closed.
    if (in_person or "TC" in m["source_types"]) and location:
        record.update(
            location=location["name"],
            location_notes=m["location_notes"],
            formatted_address=format_address(
                *(location[key] for key in ("street", "city", "state", "postal_code", "country"))
            ),
            address=location["street"],
            city=location["city"],
            state=location["state"],
            postal_code=location["postal_code"],
            country=location["country"],
        )
        # A postal code's centre is not the place's position: the app would send people there.
        if (
            location["latitude"] is not None
            and location["longitude"] is not None
            and location["coordinates_source"] != Location.Coordinates.POSTAL_CODE
        ):
            record["latitude"] = float(location["latitude"])
            record["longitude"] = float(location["longitude"])
    if online and not (in_person and location) and m["area"]:
        # An online meeting's area, marked approximate as the spec asks (never a place to go).
        record.update(formatted_address=m["area"], approximate="yes")
    if online:
        if m["conference_url"]:
            record["conference_url"] = m["conference_url"]
            record["conference_url_notes"] = m["conference_notes"]
        if m["conference_phone"]:
            # The spec asks for a number a phone can dial from a link: digits, +, pauses (,),
            # # and *; spaces, dashes and brackets are left out, nothing is added.
            record["conference_phone"] = re.sub(r"[^0-9+,#*]", "", m["conference_phone"])
            record["conference_phone_notes"] = m["conference_notes"]
    for key, column in (
        ("website", "website"),
        ("email", "public_email"),
        ("phone", "public_phone"),
    ):
        if group[column]:
            record[key] = group[column]
    # The source's regions and district, as it gave them.
    record.update(m["source_fields"])
    for n, name in enumerate(contacts[:3], start=1):
        record[f"contact_{n}_name"] = name
    return record


# --- the plain-language table -------------------------------------------------------------------

CSV_HEADERS = [
    "Slug",
    "Name",
    "Day",
    "Time",
    "End Time",
    "Timezone",
    "Types",
    "Notes",
    "Location",
    "Location Notes",
    "Address",
    "City",
    "State",
    "Postal Code",
    "Country",
    "Latitude",
    "Longitude",
    "Conference URL",
    "Conference URL Notes",
    "Conference Phone",
    "Conference Phone Notes",
    "Group",
    "Group Notes",
    "Website",
    "Email",
    "Phone",
    "Region",
    "Sub Region",
    "District",
    "Updated",
]


def _clock(value: str) -> str:
    hour, minute = (int(part) for part in value.split(":"))
    return dt.time(hour, minute).strftime("%-I:%M %p")


def csv_row(record: dict) -> list[str]:
    days = record["day"] if isinstance(record["day"], list) else [record["day"]]
    values = {
        "Slug": record["slug"],
        "Name": record["name"],
        "Day": ", ".join(schedule.DAY_NAMES[d] for d in days),
        "Time": _clock(record["time"]),
        "End Time": _clock(record["end_time"]) if record.get("end_time") else "",
        "Timezone": record["timezone"],
        "Types": ", ".join(meeting_types.label(code, "en") for code in record["types"]),
        "Notes": record.get("notes", ""),
        "Location": record.get("location", ""),
        "Location Notes": record.get("location_notes", ""),
        "Address": record.get("address", ""),
        "City": record.get("city", ""),
        "State": record.get("state", ""),
        "Postal Code": record.get("postal_code", ""),
        "Country": record.get("country", ""),
        "Latitude": record.get("latitude", ""),
        "Longitude": record.get("longitude", ""),
        "Conference URL": record.get("conference_url", ""),
        "Conference URL Notes": record.get("conference_url_notes", ""),
        "Conference Phone": record.get("conference_phone", ""),
        "Conference Phone Notes": record.get("conference_phone_notes", ""),
        "Group": record["group"],
        "Group Notes": record.get("group_notes", ""),
        "Website": record.get("website", ""),
        "Email": record.get("email", ""),
        "Phone": record.get("phone", ""),
        "Region": record.get("region", ""),
        "Sub Region": record.get("sub_region", ""),
        "District": record.get("district", ""),
        "Updated": record["updated"],
    }
    return [str(values[header]) for header in CSV_HEADERS]
