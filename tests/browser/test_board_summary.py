"""The dashboard's summary for a board meeting prints on one page, A4 or Letter, with the
headline figures on it."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_staff, make_unit


def test_the_board_summary_prints_on_one_page(page):
    agency = make_agency(name="Riverside Community Mental Health")
    make_staff(agency, StaffMembership.Role.EXECUTIVE, make_unit(agency), email="dana@example.org")
    sign_in(page, "dana@example.org", PASSWORD)
    page.goto("/dashboard/")
    page.get_by_role("link", name="One page for the board").click()
    expect(
        page.get_by_role("heading", name=re.compile("Exchange with self-help groups"))
    ).to_be_visible()
    page.emulate_media(media="print")
    for size in ("A4", "Letter"):
        pdf = page.pdf(format=size)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1, size
        text = " ".join(reader.pages[0].extract_text().split())
        assert "Referrals made" in text and "Seats held by self-help leaders" in text
        assert "the same as the period before" in text
        assert "Back to the dashboard" not in text and "Need help now" not in text
