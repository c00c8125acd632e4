"""On a phone: "use my location" (the browser's position, given by Chromium), the nearest
meetings first, open one, add it to a calendar; and when the browser will not say where it is,
the page says what to do instead."""

import datetime as dt
import re
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from tests.factory import make_group, make_location, make_meeting

HERE = {"latitude": 41.4641, "longitude": -74.0591}
MILE = 1 / 69.09


def _place(miles, name):
    return make_location(
        name=name,
        latitude=round(HERE["latitude"] + miles * MILE, 6),
        longitude=HERE["longitude"],
    )


def test_use_my_location_then_the_nearest_meeting_goes_in_the_calendar(browser, live_server):
    today = (dt.date.today().isoweekday()) % 7
    far = make_group(name="Far Away Group")
    make_meeting(far, days=[today], start_time=dt.time(19), location=_place(8, "Far Hall"))
    near = make_group(name="Around the Corner Group")
    make_meeting(near, days=[today], start_time=dt.time(19), location=_place(0.5, "Corner Hall"))
    make_group(name="Online Only Group")

    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 780},
        geolocation=HERE,
        permissions=["geolocation"],
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/groups/")
    page.get_by_role("button", name="Use my location").click()
    expect(page).to_have_url(re.compile(r"lat=41\.464&lon=-74\.059"))
    expect(page.locator(".results-count")).to_contain_text("within 10 miles of your location")
    results = page.locator(".group-results > li")
    expect(results).to_have_count(2)
    expect(results.first).to_contain_text("Around the Corner Group")
    expect(results.first).to_contain_text("0.5 miles away")
    # Tonight: the filters fold away on a phone after a search; open them, choose today.
    page.get_by_role("button", name=re.compile("Filters:")).click()
    page.get_by_label("When").select_option("today")
    page.get_by_role("button", name="Show groups").click()
    expect(page.locator(".chip", has_text="When: Today")).to_be_visible()
    expect(page.locator(".group-results > li")).to_have_count(2)
    # The results come first on a phone: above the search form.
    results_top = page.locator(".results-count").bounding_box()["y"]
    assert results_top < page.locator("#search-form").bounding_box()["y"]

    results.first.get_by_role("link", name="Around the Corner Group").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Add to calendar")).first.click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Around the Corner Group"
    assert str(event["location"]).startswith("Corner Hall, ")
    context.close()


def test_a_browser_that_will_not_say_where_it_is_is_told_what_to_do(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/groups/")
    page.get_by_role("button", name="Use my location").click()
    expect(page.locator("#location-status")).to_contain_text("Type a ZIP code or town instead")
    assert "lat=" not in page.url
    context.close()


def test_the_map_beside_the_list_leads_to_a_group(page):
    group = make_group(name="Around the Corner Group")
    make_meeting(group, location=_place(0.5, "Corner Hall"))
    make_meeting(make_group(name="Next Door Group"), location=_place(0.6, "Door Hall"))
    page.goto("/groups/?near=12584")
    expect(page.locator(".results-map")).to_be_visible()
    markers = page.locator(".leaflet-marker-icon")
    expect(markers.first).to_be_visible()
    # The list is whole beside it.
    expect(page.locator(".group-results > li")).to_have_count(2)
    # Markers close together gather in a cluster; zoom in until the place's own marker shows.
    for _ in range(6):
        if page.get_by_title("Corner Hall").count():
            break
        page.get_by_role("button", name="Zoom in").click()
        page.wait_for_timeout(400)
    page.get_by_title("Corner Hall").click()
    page.locator(".leaflet-popup").get_by_role("link", name="Around the Corner Group").click()
    expect(page).to_have_url(re.compile(f"/groups/{group.slug}/$"))


def test_a_printed_list_of_a_days_meetings_fits_one_page_on_a4_and_letter(browser, live_server):
    for n in range(12):
        group = make_group(name=f"Tuesday Group {n:02d}")
        make_meeting(
            group,
            days=[2, 4],
            start_time=dt.time(7 + n),
            end_time=None,
            location=_place(n / 4, f"Hall {n:02d}"),
        )
    for language in ("en", "es"):
        context = browser.new_context(base_url=live_server.url, locale=language)
        page = context.new_page()
        page.goto("/groups/print/?day=tuesday&near=12584")
        page.emulate_media(media="print")
        expect(page.get_by_role("button", name=re.compile("Print|Imprimir"))).to_be_hidden()
        expect(page.locator(".print-qr svg")).to_be_visible()
        expect(page.locator(".print-table tbody tr")).to_have_count(12)
        expect(page.get_by_text("Tuesday Group 11")).to_be_visible()
        expect(page.locator(".print-table").get_by_text("Hall 11")).to_be_visible()
        for size in ("A4", "Letter"):
            pdf = page.pdf(format=size)
            pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
            assert pages == 1, f"a day of 12 meetings takes {pages} pages on {size} ({language})"
        context.close()
