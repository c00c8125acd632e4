import csv
import datetime as dt
import io
import re

from playwright.sync_api import expect

from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_group, make_staff, make_visit


def test_an_executive_changes_the_period_and_downloads_a_matching_csv(page):
    agency = make_agency(name="Riverside Community Mental Health")
    make_staff(agency, StaffMembership.Role.EXECUTIVE, email="dana@example.org")
    staff = make_staff(agency, StaffMembership.Role.LIAISON)
    group = make_group()
    for day, hours in [
        (dt.date(2026, 2, 3), 2),
        (dt.date(2026, 3, 3), 1),
        (dt.date(2025, 6, 1), 5),
    ]:
        make_visit(agency, staff, group, day, hours)

    sign_in(page, "dana@example.org", PASSWORD)
    expect(page).to_have_url("/dashboard/")
    page.get_by_label("From", exact=True).fill("2026-01-01")
    page.get_by_label("To", exact=True).fill("2026-06-30")
    page.get_by_role("button", name="Show").click()
    row = page.locator("#section-practitioner tr[data-figure='Staff visits to groups']")
    expect(row.locator(".figure-value")).to_have_text("2")
    hours = page.locator("#section-practitioner tr[data-figure='Visit hours'] .figure-value")
    expect(hours).to_have_text(re.compile(r"^3(\.0)?$"))
    shown_hours = hours.inner_text().strip()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV of Practitioners").click()
    with open(download_info.value.path(), encoding="utf-8") as handle:
        text = handle.read()
    values = {r[1]: r[2] for r in csv.reader(io.StringIO(text)) if len(r) > 2}
    assert values["Staff visits to groups"] == "2"
    assert values["Visit hours"] == shown_hours
