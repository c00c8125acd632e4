"""A leader lists the place of a new meeting from the meeting form, then puts its pin at the door
on the small map; the public page shows the place, and the pin is kept as placed by hand."""

import re

from playwright.sync_api import expect

from groups.models import Location, Meeting
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_group, make_leader, make_user


def test_a_leader_lists_a_place_and_puts_its_pin_at_the_door(page):
    group = make_group(name="Cedar Falls DBSA")
    make_leader(group, user=make_user(email="robin@example.org"))
    sign_in(page, "robin@example.org", PASSWORD)
    page.goto(f"/groups/{group.slug}/meetings/add/")
    page.get_by_label("Tuesday").check()
    page.get_by_label("Start time").fill("19:00")
    page.get_by_label("Name of the place").fill("Grace Lutheran Church")
    page.get_by_label("Street address").fill("40 Hill Road")
    page.get_by_label("Town or city").fill("Vails Gate")
    page.get_by_label("ZIP or postal code").fill("12584")
    page.get_by_label("Step-free entrance").check()
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("Saved the meeting.")).to_be_visible()
    place = Meeting.objects.get(group=group).location
    assert place.coordinates_source == Location.Coordinates.POSTAL_CODE

    page.goto(f"/groups/{group.slug}/meetings/{place.meetings.get().pk}/")
    pin_map = page.locator("#place-pin-map")
    expect(pin_map).to_be_visible()
    expect(page.locator("#place-pin-map .leaflet-marker-icon")).to_have_count(1)
    box = pin_map.bounding_box()
    pin_map.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.25})
    expect(page.locator("#place-pin-status")).to_contain_text("Pin moved")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("Saved the meeting.")).to_be_visible()
    place.refresh_from_db()
    assert place.coordinates_source == Location.Coordinates.MANUAL
    assert (float(place.latitude), float(place.longitude)) != (41.4641, -74.0591)

    page.goto(group.get_absolute_url())
    # In the summary at the top (the next meeting's place) and in the list of meetings.
    expect(page.get_by_text("40 Hill Road, Vails Gate").first).to_be_visible()
    expect(page.get_by_text(re.compile("step-free entrance")).first).to_be_visible()
