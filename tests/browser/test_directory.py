import datetime as dt
import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from groups.models import Contact, Organization
from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_group, make_meeting, make_staff


def make_directory():
    aa = Organization.objects.get(slug="aa")
    women = make_group(
        name="Riverside Women's AA",
        organization=aa,
        focus=["alcohol"],
        audience=["women"],
        description="A warm, steady group of women in recovery from alcohol.",
        who_attends="Women of all ages, many in their first year of sobriety.",
        typical_format="A reading, a speaker, then sharing around the room.",
        common_issues="Staying sober at home and at work, relationships, shame.",
        philosophy="The Twelve Steps, one day at a time.",
    )
    make_meeting(women, days=[2], mode="online", start_time=dt.time(19))
    make_meeting(women, days=[6], start_time=dt.time(10), end_time=dt.time(11), access="closed")
    Contact.objects.create(group=women, first_name="Maria", last_name="Gonzalez")
    men = make_group(name="Riverside Men's AA", organization=aa, audience=["men"])
    make_meeting(men, days=[2], start_time=dt.time(19))
    make_group(name="Healing After Loss", focus=["bereavement"])
    return women


def test_a_newcomer_searches_filters_opens_a_group_and_staff_print_the_brief(page):
    women = make_directory()
    agency = make_agency()
    make_staff(agency, StaffMembership.Role.PRACTITIONER, email="priya@example.org")

    page.goto("/")
    page.get_by_label("Search groups and meetings").fill("women")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/groups/\?q=women"))
    results = page.locator(".group-results > li")
    expect(results).to_have_count(1)

    page.get_by_label("How to attend", exact=True).select_option("online")
    page.get_by_label("Day", exact=True).select_option("tuesday")
    page.get_by_label("Time of day", exact=True).select_option("evening")
    page.get_by_role("button", name="Show groups").click()
    expect(page).to_have_url(re.compile(r"mode=online.*&day=tuesday|day=tuesday.*mode=online"))
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Riverside Women's AA")
    expect(results.first).to_contain_text("Online")

    results.first.get_by_role("link", name="Riverside Women's AA").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Women's AA")
    expect(page.get_by_text("Women of all ages")).to_be_visible()
    expect(page.get_by_text("Maria G.")).to_be_visible()
    expect(page.get_by_text("Gonzalez")).to_have_count(0)
    expect(page.get_by_role("link", name="Referral brief (print)")).to_have_count(0)

    sign_in(page, "priya@example.org", PASSWORD)
    expect(page).to_have_url("/office/")
    page.goto(women.get_absolute_url())
    page.get_by_role("link", name="Referral brief (print)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Women's AA")
    expect(page.get_by_text("There is no typical meeting and no typical member")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this brief")).to_be_hidden()
    expect(page.locator("header").first).to_be_hidden()
    for size in ("A4", "Letter"):
        pdf = page.pdf(format=size, print_background=False)
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert pages == 1, f"the brief takes {pages} pages on {size}"
        # On paper: which group it is, how to reach it, when it was checked; nothing private.
        text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        for words in ("Riverside Women's AA", "for you to keep", "Contact: Maria G.", "Printed"):
            assert words.lower() in text.lower(), (words, size, text[:400])
        for private in ("not printed", "private to our agency", "Our assessment"):
            assert private.lower() not in text.lower(), (private, size)
