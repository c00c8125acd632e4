"""A meeting as an iCalendar file (RFC 5545) to add to a calendar: its next start in the
meeting's own time zone (with that zone's rules, so a phone shows the right hour anywhere and
across a change to summer time), the rule by which it repeats, where it is or how to join, and
the group's page. Nothing but what the public page shows."""

import datetime as dt

from icalendar import Calendar, Event, vRecur

from groups import schedule
from groups.models import Meeting
from liaison import installation

ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]


def repeat_rule(meeting: Meeting) -> vRecur:
    days = [ICAL_DAYS[day] for day in meeting.days]
    if meeting.recurrence == Meeting.Recurrence.MONTHLY:
        return vRecur(freq="MONTHLY", byday=[f"{meeting.month_week}{day}" for day in days])
    return vRecur(freq="WEEKLY", byday=days)


def _end(meeting: Meeting, start: dt.datetime):
    if not meeting.end_time:
        return None
    length = dt.datetime.combine(start.date(), meeting.end_time) - dt.datetime.combine(
        start.date(), meeting.start_time
    )
    if length <= dt.timedelta(0):  # it ends after midnight
        length += dt.timedelta(days=1)
    return start + length


def meeting_calendar(meeting: Meeting, group, page_url: str, now: dt.datetime) -> bytes | None:
    """The file, or None for a meeting with no next start."""
    start = meeting.next_occurrence(now)
    if start is None:
        return None
    calendar = Calendar()
    calendar.add("prodid", f"-//{installation.profile().name}//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{meeting.uuid}@liaison")
    event.add("summary", f"{group.name} — {meeting.name}" if meeting.name else group.name)
    event.add("dtstart", start)
    end = _end(meeting, start)
    if end is not None:
        event.add("dtend", end)
    event.add("rrule", repeat_rule(meeting))
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(dt.UTC))
    event.add("url", page_url)
    place = meeting.location if meeting.is_in_person else None
    if place is not None:
        event.add("location", f"{place.name}, {place.formatted_address}")
        if place.latitude is not None and place.longitude is not None:
            event.add("geo", (float(place.latitude), float(place.longitude)))
    elif meeting.conference_url:
        event.add("location", meeting.conference_url)
    event.add("description", _description(meeting, page_url))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _description(meeting: Meeting, page_url: str) -> str:
    lines = [
        schedule.describe(
            recurrence=meeting.recurrence,
            days=meeting.days,
            month_week=meeting.month_week,
            start=meeting.start_time,
            end=meeting.end_time,
        )
    ]
    if meeting.is_online:
        if meeting.conference_url:
            lines.append(f"Join online: {meeting.conference_url}")
        if meeting.conference_phone:
            lines.append(f"Call in: {meeting.conference_phone}")
        if meeting.conference_notes:
            lines.append(meeting.conference_notes)
    if meeting.location_notes and meeting.is_in_person:
        lines.append(meeting.location_notes)
    if meeting.notes:
        lines.append(meeting.notes)
    lines.append(page_url)
    return "\n".join(lines)
