"""Each page made to be printed, printed by Chromium on A4 and on Letter: what its reader needs is
on the paper (read back from the PDF), the site's chrome is not (its header and menu, the "Need
help now?" bar, the footer, buttons and forms), and it takes the pages it should.

The pages: a group's referral brief, a consent to sign, a client's accounting of disclosures, a
search's list of meetings, and the dashboard's one page for the board."""

import datetime as dt
import io
import unicodedata

import pytest
from django.utils import timezone
from pypdf import PdfReader

from groups.models import Contact
from liaison.models import StaffMembership
from referrals.models import Disclosure
from referrals.services import disclose, referral_create
from tests.browser.conftest import sign_in
from tests.factory import (
    PASSWORD,
    make_agency,
    make_assessment,
    make_client,
    make_consent,
    make_group,
    make_location,
    make_meeting,
    make_staff,
    make_unit,
    make_volunteer,
)

# Points: A4 is 210 by 297 mm, Letter 8.5 by 11 inches.
PAPER = {"A4": (595, 842), "Letter": (612, 792)}
# What the site wraps around a page, on screen only. An element counts when it takes room.
CHROME = (
    ".site-header, .site-footer, .help-now-bar, .skip-link, nav, button, .btn, form, "
    "input, select, textarea, .messages"
)
CHROME_WORDS = (
    "Need help now",
    "Skip to main content",
    "Find a group",
    "Sign out",
    "About this site",
    "Accessibility",
)
PRINTED_CHROME = """selector => [...document.querySelectorAll(selector)]
    .filter(el => {
        const box = el.getBoundingClientRect();
        return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== "hidden";
    })
    .map(el => el.outerHTML.slice(0, 100))"""
# A page wider than the paper, or a table cell whose words run out of it into the next one.
OVERFLOWING = """() => [
    ...(document.documentElement.scrollWidth > document.documentElement.clientWidth
        ? ["the page"] : []),
    ...[...document.querySelectorAll("main td, main th")]
        .filter(cell => cell.getClientRects().length && cell.scrollWidth > cell.clientWidth + 1)
        .map(cell => cell.textContent.trim().slice(0, 60)),
]"""


def _words(text):
    # NFKC: the PDF's ligatures ("ﬁ", "ﬀ") back to their letters.
    return " ".join(unicodedata.normalize("NFKC", text).split()).lower()


def printed(page, *, pages=(1,), must, must_not=()):
    """Print the page as it is on A4 and on Letter; check the paper against the lists (and
    the number of pages it takes against `pages`)."""
    page.emulate_media(media="print")
    try:
        shown = page.evaluate(PRINTED_CHROME, CHROME)
        assert not shown, f"{page.url}: printed with the site's chrome: {shown}"
        for size, (width, height) in PAPER.items():
            reader = PdfReader(io.BytesIO(page.pdf(format=size)))
            box = reader.pages[0].mediabox
            # (Chromium sizes its pages in whole CSS pixels: a point over, at most.)
            assert abs(float(box.width) - width) < 2 and abs(float(box.height) - height) < 2
            taken = len(reader.pages)
            assert taken in pages, f"{page.url} takes {taken} pages on {size}"
            text = _words(" ".join(p.extract_text() for p in reader.pages))
            missing = [words for words in must if _words(words) not in text]
            assert not missing, f"{page.url} on {size}: missing {missing} in: {text}"
            there = [words for words in (*must_not, *CHROME_WORDS) if _words(words) in text]
            assert not there, f"{page.url} on {size}: printed {there}"
        # The layout for paper is no wider than the paper: the narrower printable width of the
        # two (A4 less its 12 mm margins, 700 px) holds it, nothing cut off or run together.
        page.set_viewport_size({"width": 700, "height": 900})
        overflowing = page.evaluate(OVERFLOWING)
        assert not overflowing, f"{page.url}: too wide for the paper: {overflowing}"
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def world(transactional_db):
    agency = make_agency(name="Riverside Community Mental Health")
    unit = make_unit(agency, name="Substance Use Services")
    priya = make_staff(
        agency,
        StaffMembership.Role.PRACTITIONER,
        unit,
        email="priya@example.org",
        full_name="Priya Shah",
    )
    make_staff(agency, StaffMembership.Role.EXECUTIVE, email="dana@example.org")
    group = make_group(
        name="Riverside Women's AA",
        who_attends="Women of all ages.",
        typical_format="A reading, a speaker, then sharing around the room.",
        public_phone="555 0100",
    )
    Contact.objects.create(group=group, first_name="Maria", last_name="Gonzalez")
    hall = make_location(name="St. Mark's Hall", street="12 Church Street", city="Riverside")
    make_meeting(group, days=[2], start_time=dt.time(19), end_time=dt.time(20), location=hall)
    make_meeting(
        group,
        days=[4],
        mode="online",
        start_time=dt.time(18, 30),
        end_time=None,
        conference_url="https://meet.example.org/riverside",
    )
    make_meeting(
        make_group(name="Healing After Loss"),
        days=[2],
        start_time=dt.time(10),
        end_time=dt.time(11, 30),
        location=make_location(name="Library Room B", street="45 Library Lane"),
    )
    make_assessment(agency, group, notes="Leadership in flux since spring.")

    client = make_client(agency, unit, first_name="Tanya", last_name="Jones", record_number="RCM-1")
    volunteer = make_volunteer(group, first_name="Dev")
    signed = make_consent(client, volunteer, signed_on=timezone.localdate() - dt.timedelta(3))
    referral, _ = referral_create(
        client=client, group=group, kind="intensive", volunteer=volunteer, by=priya
    )
    disclose(referral=referral, by=priya)
    for days, recipient, purpose in (
        (2, "Maria G., contact of Riverside Women's AA", "To arrange a first meeting."),
        (1, "Dev, peer volunteer of Riverside Women's AA", "To remind the client of a meeting."),
    ):
        Disclosure.objects.create(
            agency=agency,
            client=client,
            consent=signed,
            referral=referral,
            recipient=recipient,
            information=["first name", "phone number"],
            purpose=purpose,
            method=Disclosure.Method.EMAIL,
            disclosed_at=timezone.now() - dt.timedelta(days=days),
            disclosed_by=priya,
        )
    # A new consent, to print for the client's signature.
    unsigned = make_consent(
        client,
        volunteer,
        share_email=True,
        signed_on=None,
        signed_how="",
        expires_on=dt.date(2030, 1, 1),
        expiry_event="the end of treatment",
    )
    return {"group": group, "client": client, "consent": unsigned}


def test_the_referral_brief_prints_the_group_its_meetings_and_how_to_reach_it(page, world):
    group = world["group"]
    sign_in(page, "priya@example.org", PASSWORD)
    page.goto(f"/groups/{group.slug}/brief/")
    next_dates = page.locator(".brief-meetings tbody th").all_inner_texts()
    assert len(next_dates) == 2
    printed(
        page,
        must=[
            "Riverside Women's AA",
            "for you to keep",
            "Who goes",
            "Women of all ages.",
            "What happens at a meeting",
            "Before you go",
            "Next meetings",
            # The next date and time of each meeting, where, and how to join the one online.
            *next_dates,
            "St. Mark's Hall, 12 Church Street",
            "https://meet.example.org/riverside",
            "Open",
            "Contact: 555 0100 · Maria G.",
            "Listing checked",
            "by Riverside Community Mental Health",
        ],
        must_not=[
            "Back to the group page",
            "Print this brief",
            "Refer a client",
            "not printed",
            "Our assessment",
            "Leadership in flux",
            "Gonzalez",
        ],
    )


def test_the_consent_prints_the_parties_the_scope_and_the_lines_to_sign(page, world):
    consent = world["consent"]
    sign_in(page, "priya@example.org", PASSWORD)
    page.goto(f"/referrals/consents/{consent.pk}/")
    printed(
        page,
        must=[
            "Consent to disclose information",
            # The parties: the patient, who discloses, who receives.
            "Patient Tanya Jones (record RCM-1)",
            "Who may disclose Riverside Community Mental Health",
            "To whom Dev, peer volunteer of Riverside Women's AA",
            # The scope: what, why, until when; and that it may be revoked.
            "What may be disclosed Only: first name, phone number, email address",
            "Purpose To introduce the client to the group",
            "Expires January 1, 2030, or the end of treatment",
            "I understand that I may revoke this consent at any time",
            "Signature of patient:",
            "Date:",
        ],
        must_not=[
            "Back to the client",
            "Print for signature",
            "Record revocation",
            "Record the signature",
            "Nothing is shared under this consent until",
        ],
    )


def test_the_accounting_prints_every_disclosure(page, world):
    client = world["client"]
    sign_in(page, "priya@example.org", PASSWORD)
    page.goto(f"/referrals/clients/{client.pk}/accounting/")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 3
    cells = [cell for row in rows.all() for cell in row.locator("td").all_inner_texts()]
    printed(
        page,
        must=[
            "Accounting of disclosures",
            "Tanya Jones, record RCM-1",
            "Date Recipient Information Purpose Consent signed By",
            *cells,
        ],
        must_not=["Back to the client", "Print"],
    )
    assert "To arrange a first meeting." in cells and "Priya Shah" in cells


def test_a_long_accounting_prints_every_disclosure_on_as_many_pages_as_it_needs(page, world):
    client = world["client"]
    consent = client.consents.exclude(signed_on=None).get()
    by = consent.disclosures.first().disclosed_by
    for n in range(40):
        Disclosure.objects.create(
            agency=client.agency,
            client=client,
            consent=consent,
            recipient="Dev, peer volunteer of Riverside Women's AA",
            information=["first name"],
            purpose=f"Reminder number {n:02d}.",
            method=Disclosure.Method.EMAIL,
            disclosed_at=timezone.now() - dt.timedelta(days=3, hours=n),
            disclosed_by=by,
        )
    sign_in(page, "priya@example.org", PASSWORD)
    page.goto(f"/referrals/clients/{client.pk}/accounting/")
    printed(
        page,
        pages=range(2, 5),
        must=[f"Reminder number {n:02d}." for n in range(40)],
        must_not=["Back to the client"],
    )
    # The table's head again at the top of each page.
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    for number, paper in enumerate(reader.pages, 1):
        assert "date recipient information purpose" in _words(paper.extract_text()), number


def test_the_list_of_meetings_prints_each_meeting_its_time_and_place(page, world):
    page.goto("/groups/print/?day=tuesday")
    printed(
        page,
        must=[
            "Self-help and support group meetings",
            "Day: Tuesday",
            "Printed on",
            "The up-to-date list:",
            "/groups/?day=tuesday",
            "Tuesday",
            "10 a.m.–11:30 a.m.",
            "Healing After Loss",
            "Library Room B",
            "45 Library Lane",
            "7 p.m.–8 p.m.",
            "Riverside Women's AA",
            "St. Mark's Hall",
            "12 Church Street",
        ],
        # Thursday's meeting online is not on Tuesday's list.
        must_not=["Back to the search", "Print this list", "meet.example.org"],
    )
    # Its QR code, back to the same search online.
    page.emulate_media(media="print")
    assert page.locator(".print-qr svg").is_visible()


def test_the_board_summary_prints_its_period_and_every_figure(page, world):
    sign_in(page, "dana@example.org", PASSWORD)
    page.goto("/dashboard/summary/?from=2026-01-01&to=2026-06-30")
    summary = page.locator(".board-summary")
    figures = summary.locator("th[scope=row]").all_inner_texts()
    values = summary.locator("tbody td.text-end").all_inner_texts()
    sections = summary.locator("section h2").all_inner_texts()
    assert len(figures) > 20 and "Referrals made" in figures and len(sections) > 3
    printed(
        page,
        must=[
            "Exchange with self-help groups — Riverside Community Mental Health",
            "Jan 1, 2026 – Jun 30, 2026, compared with",
            "At a glance",
            "Figure This period Change",
            *sections,
            *figures,
        ],
        must_not=["Back to the dashboard", "One page for the board"],
    )
    assert values
    page.emulate_media(media="print")
    # Every figure's value is inside the page, none hidden or cut by the columns.
    assert all(cell.is_visible() for cell in summary.locator("td.text-end").all())


def test_the_check_finds_the_chrome_on_screen_and_base_hides_it_on_paper(page, world):
    # The check finds the chrome where it is: on screen. On paper, base.html hides it.
    sign_in(page, "priya@example.org", PASSWORD)
    page.goto("/referrals/")
    assert page.evaluate(PRINTED_CHROME, CHROME)
    page.emulate_media(media="print")
    shown = page.evaluate(PRINTED_CHROME, ".site-header, .site-footer, .help-now-bar")
    assert not shown
