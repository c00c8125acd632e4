import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_group, make_meeting, make_staff


def test_a_practitioner_plans_a_visit_records_it_and_then_knows_the_group(page):
    group = make_group(name="Hilltop DBSA")
    closed = make_meeting(group, days=[4], access="closed", start_time=dt.time(18))
    open_meeting = make_meeting(group, days=[2], access="open", start_time=dt.time(19))
    make_staff(
        make_agency(),
        StaffMembership.Role.PRACTITIONER,
        email="priya@example.org",
        full_name="Priya Shah",
    )
    sign_in(page, "priya@example.org", PASSWORD)
    expect(page).to_have_url("/office/")

    page.goto(group.get_absolute_url())
    expect(page.get_by_text("Nobody has visited or trained with this group")).to_be_visible()
    page.get_by_role("link", name="Plan a visit").click()
    expect(page.locator("#id_group")).to_have_value(str(group.pk))
    page.get_by_label("Attend an open meeting").check()
    # The closed meeting is refused with the reason, and what was typed stays.
    page.get_by_label("Meeting", exact=True).select_option(str(closed.pk))
    page.get_by_label("Notes", exact=True).fill("Ask about their newcomer table.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This meeting is closed: it is for members only")).to_be_visible()
    expect(page.get_by_label("Notes", exact=True)).to_have_value("Ask about their newcomer table.")

    page.get_by_label("Meeting", exact=True).select_option(str(open_meeting.pk))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved the visit.")).to_be_visible()

    page.get_by_role("link", name=re.compile("Open")).first.click()
    page.locator("#id_status").select_option("done")
    page.get_by_label("Done on").fill(timezone.localdate().isoformat())
    page.locator("#id_hours").fill("2")
    page.get_by_label("Contact person met").fill("Jamie R.")
    page.get_by_label("The group's culture").fill("Friendly, many long-time members.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved the visit.")).to_be_visible()

    page.goto(group.get_absolute_url())
    knowers = page.locator(".who-knows")
    expect(knowers).to_contain_text("Priya Shah")
    expect(page.get_by_text("Contact persons met: Jamie R.")).to_be_visible()
