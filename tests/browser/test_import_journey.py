import re

from playwright.sync_api import expect

from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_staff
from tests.groups.test_importers import csv_file, tsml_row


def test_staff_fix_a_bad_row_preview_apply_and_see_the_groups(page, tmp_path):
    make_staff(make_agency(), StaffMembership.Role.LIAISON, email="luis@example.org")
    bad = tmp_path / "meetings.csv"
    bad.write_bytes(
        csv_file(
            tsml_row(),
            tsml_row(
                Slug="friday-hope", Name="Friday Hope", Group="Friday Hope Group", Day="Fryday"
            ),
        )
    )
    sign_in(page, "luis@example.org", PASSWORD)
    expect(page).to_have_url("/office/")
    page.goto("/office/imports/")
    page.get_by_label("File").set_input_files(str(bad))
    page.get_by_label("Format").select_option("mg-csv")
    page.get_by_label("Source").fill("Riverside Intergroup")
    page.get_by_role("button", name="Check the file").click()
    problems = page.locator("table.import-problems")
    expect(problems).to_contain_text("“Fryday” is not a day of the week.")
    expect(problems.locator("tbody tr").first).to_contain_text("3")
    expect(page.get_by_role("button", name="Apply the import")).to_have_count(0)

    fixed = tmp_path / "meetings-fixed.csv"
    fixed.write_bytes(
        csv_file(
            tsml_row(),
            tsml_row(
                Slug="friday-hope", Name="Friday Hope", Group="Friday Hope Group", Day="Friday"
            ),
        )
    )
    page.get_by_role("link", name="Upload a corrected file").click()
    page.get_by_label("File").set_input_files(str(fixed))
    page.get_by_label("Format").select_option("mg-csv")
    page.get_by_label("Source").fill("Riverside Intergroup")
    page.get_by_role("button", name="Check the file").click()
    summary = page.locator("table").first
    expect(summary.get_by_role("row", name=re.compile("Groups"))).to_contain_text("2")
    expect(summary.get_by_role("row", name=re.compile("Meetings"))).to_contain_text("2")

    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_text(re.compile(r"Imported: 2 new groups"))).to_be_visible()

    page.goto("/groups/?day=friday")
    expect(page.locator(".group-results > li")).to_have_count(1)
    expect(page.get_by_role("link", name="Friday Hope Group")).to_be_visible()
