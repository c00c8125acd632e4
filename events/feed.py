"""The public events as an iCalendar feed (RFC 5545): stable UIDs, SEQUENCE and LAST-MODIFIED on
every change, cancelled events marked cancelled, nothing internal."""

import datetime as dt

from icalendar import Calendar, Event

from liaison import installation

STATUS = {"confirmed": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


def calendar_for(events, absolute) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{installation.profile().name}//Joint events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{installation.profile().name}: community events")
    stamp = dt.datetime.now(dt.UTC)
    for item in events:
        entry = Event()
        entry.add("uid", f"{item.uid}@liaison")
        entry.add("summary", item.title)
        entry.add("dtstart", item.starts_at.astimezone(dt.UTC))
        entry.add("dtend", item.ends_at.astimezone(dt.UTC))
        entry.add("dtstamp", stamp)
        entry.add("last-modified", item.updated_at.astimezone(dt.UTC))
        entry.add("sequence", item.sequence)
        entry.add("status", STATUS[item.status])
        entry.add("url", absolute(item.get_absolute_url()))
        if item.description:
            entry.add("description", item.description)
        location = item.full_place or item.online_url
        if location:
            entry.add("location", location)
        entry.add("categories", [item.get_kind_display()])
        calendar.add_component(entry)
    return calendar.to_ical()
