"""On a phone, a group's page answers first what a newcomer needs to go: the day and time of the
next meeting, and the button that takes them there (directions to the place, or the link to join
online), both on the first screen, before any scrolling."""

import datetime as dt
import zoneinfo

import pytest
from playwright.sync_api import expect

from groups.models import Organization
from tests.factory import make_group, make_location, make_meeting

PHONE = {"width": 360, "height": 740}
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def in_three_days():
    """A weekday (0 = Sunday) three days from now: the page names it, not "Today" or
    "Tomorrow"."""
    date = dt.datetime.now(NEW_YORK).date() + dt.timedelta(days=3)
    return (date.weekday() + 1) % 7


def listed_group(**kw):
    # As long as real listings are: a long name, an organization, focus areas, a description.
    return make_group(
        name="Riverside Women's Thursday Night Big Book Study",
        organization=Organization.objects.get(slug="aa"),
        focus=["alcohol", "co-occurring"],
        audience=["women"],
        description="A warm, steady group of women in recovery from alcohol. " * 4,
        who_attends="Women of all ages.",
        public_phone="555 0100",
        public_email="riverside.women.thursday@example.org",
        **kw,
    )


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_on_first_screen(page, locator):
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box


def test_an_in_person_groups_next_meeting_and_directions_are_on_the_first_screen(phone):
    day = in_three_days()
    group = listed_group()
    hall = make_location(name="St. Mark's Parish Hall", street="120 Long Meadow Road")
    make_meeting(
        group, days=[day], start_time=dt.time(19), location=hall, location_notes="Side door"
    )
    make_meeting(group, days=[(day + 2) % 7], mode="online", start_time=dt.time(8))

    phone.goto(group.get_absolute_url())
    summary = phone.locator(".group-summary")
    when = summary.get_by_role("heading", level=2)
    expect(when).to_contain_text("Next meeting:")
    expect(when).to_contain_text(DAY_NAMES[day])
    expect(when).to_contain_text("7 p.m.")
    assert_on_first_screen(phone, when)

    directions = summary.get_by_role("link", name="Directions")
    assert_on_first_screen(phone, directions)
    assert directions.get_attribute("href").startswith("https://www.openstreetmap.org/directions?")
    expect(summary).to_contain_text("120 Long Meadow Road")
    expect(summary).to_contain_text("Anyone may come")
    # The next meeting is in person: the online one, later in the week, waits in the full list.
    expect(summary.get_by_role("link", name="Join online")).to_have_count(0)


def test_an_online_groups_next_meeting_and_join_link_are_on_the_first_screen(phone):
    day = in_three_days()
    group = listed_group()
    make_meeting(
        group,
        days=[day],
        mode="online",
        access="closed",
        start_time=dt.time(18, 30),
        conference_url="https://meet.example.org/riverside",
        conference_phone="+1 555 0199",
    )

    phone.goto(group.get_absolute_url())
    summary = phone.locator(".group-summary")
    when = summary.get_by_role("heading", level=2)
    expect(when).to_contain_text(DAY_NAMES[day])
    expect(when).to_contain_text("6:30 p.m.")
    assert_on_first_screen(phone, when)

    join = summary.get_by_role("link", name="Join online")
    assert_on_first_screen(phone, join)
    expect(join).to_have_attribute("href", "https://meet.example.org/riverside")
    expect(join).to_have_class("btn btn-primary tap-target")
    expect(summary.get_by_role("link", name="Call in: +1 555 0199")).to_be_visible()
    expect(summary.get_by_role("link", name="Directions")).to_have_count(0)
    expect(summary).to_contain_text("Closed meeting")
    expect(summary.get_by_role("link", name="Call 555 0100")).to_be_visible()
