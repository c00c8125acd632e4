"""Add a meeting to a calendar: an iCalendar file with the next start in the meeting's own time
zone, the rule it repeats by, where it is or how to join, and the group's page."""

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from groups.models import Meeting, SelfHelpGroup
from tests.factory import make_group, make_location, make_meeting


def ics(client, group, meeting, status=200):
    response = client.get(reverse("groups:meeting_ics", args=[group.slug, meeting.slug]))
    assert response.status_code == status
    if status != 200:
        return None
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{meeting.slug}.ics"'
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_a_weekly_meeting_repeats_on_its_days_in_its_own_time_zone(client, db):
    group = make_group(name="Riverside Women's AA")
    place = make_location(name="St. Mark's Hall", latitude="41.7", longitude="-73.9")
    meeting = make_meeting(
        group,
        days=(2, 4),
        start_time=dt.time(19),
        end_time=dt.time(20, 15),
        location=place,
        location_notes="Side door",
    )
    calendar, event = ics(client, group, meeting)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert str(start.tzinfo) == "America/New_York" and start.time() == dt.time(19)
    assert start.isoweekday() in (2, 4)
    assert end - start == dt.timedelta(hours=1, minutes=15)
    assert event["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU,TH"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert str(event["summary"]) == "Riverside Women's AA"
    assert str(event["location"]).startswith("St. Mark's Hall, ")
    assert str(event["url"]) == f"http://testserver/groups/{group.slug}/"
    assert "Side door" in str(event["description"])
    assert str(event["uid"]) == f"{meeting.uuid}@liaison"


def test_a_monthly_meeting_repeats_by_its_week_of_the_month(client, db):
    group = make_group()
    meeting = make_meeting(group, days=(5,), recurrence="monthly", month_week=-1)
    _, event = ics(client, group, meeting)
    assert event["rrule"].to_ical() == b"FREQ=MONTHLY;BYDAY=-1FR"


def test_a_meeting_past_midnight_ends_the_next_day(client, db):
    group = make_group()
    meeting = make_meeting(group, start_time=dt.time(23, 30), end_time=dt.time(0, 30))
    _, event = ics(client, group, meeting)
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(hours=1)


def test_an_online_meeting_gives_its_link_and_phone(client, db):
    group = make_group()
    meeting = make_meeting(
        group,
        mode="online",
        conference_url="https://meet.example.org/abc",
        conference_phone="+1 555 0100",
        conference_notes="Passcode 24",
        end_time=None,
    )
    _, event = ics(client, group, meeting)
    assert str(event["location"]) == "https://meet.example.org/abc"
    description = str(event["description"])
    assert "Join online: https://meet.example.org/abc" in description
    assert "Call in: +1 555 0100" in description and "Passcode 24" in description
    assert "dtend" not in event


def test_only_a_listed_meeting_of_that_group_is_given(client, db):
    group, other = make_group(), make_group()
    meeting = make_meeting(group)
    ics(client, other, meeting, status=404)
    meeting.status = Meeting.Status.PAUSED
    meeting.save()
    ics(client, group, meeting, status=404)
    pending = make_group(status=SelfHelpGroup.Status.PENDING)
    ics(client, pending, make_meeting(pending), status=404)


def test_the_group_page_offers_each_meeting_to_add_to_a_calendar(client, db):
    group = make_group()
    meeting = make_meeting(group)
    body = client.get(group.get_absolute_url()).content.decode()
    assert reverse("groups:meeting_ics", args=[group.slug, meeting.slug]) in body
    assert 'class="your-time' in body and 'data-tz="America/New_York"' in body
