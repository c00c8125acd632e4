from playwright.sync_api import expect

from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_staff, make_unit


def test_a_practitioner_signs_in_through_the_login_page_and_sees_the_staff_home(page, db):
    agency = make_agency(name="Riverside Community Mental Health")
    unit = make_unit(agency, name="Substance Use Services")
    make_staff(
        agency,
        StaffMembership.Role.PRACTITIONER,
        unit,
        email="priya@example.org",
        full_name="Priya Shah",
    )

    page.goto("/office/")
    expect(page).to_have_url("/accounts/login/?next=/office/")
    sign_in(page, "Priya@example.org", PASSWORD)

    expect(page).to_have_url("/office/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Office")
    expect(page.get_by_text("Practitioner, Substance Use Services")).to_be_visible()
    expect(page.get_by_role("link", name="Dashboard")).to_have_count(0)


def test_a_wrong_password_shows_the_error_and_keeps_the_email(page, db):
    make_staff(email="luis@example.org")
    sign_in(page, "luis@example.org", "not the password")
    expect(page.get_by_text("Please enter a correct email address and password")).to_be_visible()
    expect(page.get_by_label("Email address")).to_have_value("luis@example.org")
