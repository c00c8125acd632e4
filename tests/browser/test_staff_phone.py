"""Staff pages on a 360 px phone: a wide table scrolls inside its own box, never the page."""

import datetime as dt

from django.utils import timezone

from liaison.models import StaffMembership
from referrals.services import referral_create
from tests.browser.conftest import sign_in
from tests.factory import (
    PASSWORD,
    make_agency,
    make_client,
    make_event,
    make_group,
    make_meeting,
    make_staff,
    make_unit,
)

PHONE = {"width": 360, "height": 740}
Role = StaffMembership.Role


def _scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_staff_lists_and_the_dashboard_do_not_scroll_sideways_on_a_phone(browser, live_server):
    agency = make_agency(name="Riverside Community Mental Health")
    unit = make_unit(agency, name="Substance Use Services")
    practitioner = make_staff(agency, Role.PRACTITIONER, unit, email="priya@example.org")
    make_staff(agency, Role.LIAISON, unit, email="luis@example.org")
    make_staff(agency, Role.EXECUTIVE, email="dana@example.org")
    group = make_group(name="Riverside Women's Alcoholics Anonymous Thursday Evening Big Book")
    make_meeting(group)
    for n in range(4):
        client = make_client(agency, unit, record_number=f"RCM-1047{n}", initials="TJ")
        referral_create(client=client, group=group, kind="standard", by=practitioner)
        make_event(
            agency,
            title=f"Community recovery fair and screening day number {n} at the library",
            starts_at=timezone.now() + dt.timedelta(days=n + 1),
        )
    pages = {
        "priya@example.org": ["/referrals/", "/referrals/clients/", "/office/"],
        "luis@example.org": ["/referrals/", "/office/events/", "/office/", "/office/listings/"],
        "dana@example.org": ["/dashboard/", "/office/board/", "/office/ties/"],
    }
    sideways = []
    for email, urls in pages.items():
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, email, PASSWORD)
        for url in urls:
            page.goto(url)
            if _scrolls_sideways(page):
                sideways.append(f"{email} {url}")

        context.close()
    assert not sideways, f"Scrolls sideways at 360 px: {sideways}"
