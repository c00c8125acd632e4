"""The Meeting Guide format: the JSON feed the Meeting Guide app and the 12 Step Meeting List read,
and the plain-language table (CSV) that intergroup offices keep their lists in.

Our data maps onto it as follows: open/closed becomes the O or C code; a meeting's languages and
its group's audience tags become their codes; a meeting counts as online when it has a conference
link or phone; a monthly rule, which the format has no field for, is said in `notes`."""

import datetime as dt
import re

from django.conf import settings
from django.db.models import Count, Max, Prefetch

from groups import meeting_types, schedule
from groups.models import AudienceTag, Contact, Language, Meeting

WEEK_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
MONTHLY_RULE = re.compile(
    r"\b(?:meets )?(?:on )?(?:the )?(first|second|third|fourth|last) "
    r"(sunday|monday|tuesday|wednesday|thursday|friday|saturday) of (?:the|each|every) month\.?",
    re.IGNORECASE,
)


def monthly_sentence(meeting) -> str:
    day = schedule.DAY_NAMES[meeting.days[0]]
    return f"Meets on the {WEEK_WORDS[meeting.month_week]} {day} of the month."


def parse_monthly(notes: str):
    """(week, weekday, notes without the sentence) when notes state a monthly rule, else None."""
    match = MONTHLY_RULE.search(notes or "")
    if not match:
        return None
    week = {word: number for number, word in WEEK_WORDS.items()}[match.group(1).lower()]
    weekday = [name.lower() for name in schedule.DAY_NAMES].index(match.group(2).lower())
    rest = (notes[: match.start()] + notes[match.end() :]).strip()
    return week, weekday, rest


def listed_meetings():
    """Public, active meetings with everything the feed needs, in a fixed number of queries."""
    return (
        Meeting.objects.listed()
        .select_related("group", "group__organization", "location")
        .prefetch_related(
            "languages",
            "group__audience",
            Prefetch(
                "group__contacts",
                queryset=Contact.objects.filter(is_public=True).order_by("position", "pk"),
                to_attr="public_contacts",
            ),
        )
        .order_by("group__name", "start_time", "pk")
    )


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


def codes_for(meeting) -> list[str]:
    codes = ["O" if meeting.is_open else "C"]
    codes += [tag.meeting_guide_code for tag in meeting.group.audience.all()]
    codes += [language.meeting_guide_code for language in meeting.languages.all()]
    codes += list(meeting.type_codes)
    seen = []
    for code in codes:
        if code and code not in seen:
            seen.append(code)
    return seen


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def meeting_record(meeting, absolute) -> dict:
    """One meeting as the Meeting Guide spec describes it: no last names, nothing private."""
    group = meeting.group
    days = meeting.days
    notes = meeting.notes
    if meeting.recurrence == Meeting.Recurrence.MONTHLY:
        notes = " ".join(part for part in [monthly_sentence(meeting), notes] if part)
    record = {
        "slug": meeting.slug,
        "name": meeting.display_name,
        "day": days[0] if len(days) == 1 else days,
        "time": meeting.start_time.strftime("%H:%M"),
        "timezone": meeting.timezone,
        "types": codes_for(meeting),
        "notes": notes,
        "group": group.name,
        "group_notes": group.description,
        "url": absolute(group.get_absolute_url()),
        "feedback_url": absolute(f"/groups/{group.slug}/suggest/"),
        "updated": _utc(max(meeting.updated_at, group.updated_at)),
        "entity": settings.SITE_NAME,
        "entity_url": settings.SITE_URL,
    }
    if meeting.end_time:
        record["end_time"] = meeting.end_time.strftime("%H:%M")
    if meeting.is_in_person and meeting.location:
        location = meeting.location
        record.update(
            location=location.name,
            location_notes=meeting.location_notes,
            formatted_address=location.formatted_address,
            address=location.street,
            city=location.city,
            state=location.state,
            postal_code=location.postal_code,
            country=location.country,
        )
        if location.latitude is not None and location.longitude is not None:
            record["latitude"] = float(location.latitude)
            record["longitude"] = float(location.longitude)
    if meeting.is_online:
        if meeting.conference_url:
            record["conference_url"] = meeting.conference_url
            record["conference_url_notes"] = meeting.conference_notes
        if meeting.conference_phone:
            record["conference_phone"] = meeting.conference_phone
            record["conference_phone_notes"] = meeting.conference_notes
    for website_key, value in (
        ("website", group.website),
        ("email", group.public_email),
        ("phone", group.public_phone),
    ):
        if value:
            record[website_key] = value
    for n, contact in enumerate(group.public_contacts[:3], start=1):
        record[f"contact_{n}_name"] = contact.public_name
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
        "Types": ", ".join(meeting_types.label(code) for code in record["types"]),
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
        "Updated": record["updated"],
    }
    return [str(values[header]) for header in CSV_HEADERS]


def audience_by_code():
    return {
        tag.meeting_guide_code: tag for tag in AudienceTag.objects.exclude(meeting_guide_code="")
    }


def languages_by_code():
    return {
        lang.meeting_guide_code: lang for lang in Language.objects.exclude(meeting_guide_code="")
    }
