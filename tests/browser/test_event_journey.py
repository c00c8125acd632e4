import re

from django.core import mail
from playwright.sync_api import expect

from events.models import Partner
from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_group, make_leader, make_staff, make_user


def test_a_screening_day_co_sponsored_accepted_published_and_registered_for(page, browser):
    agency = make_agency(name="Riverside Community Mental Health")
    make_staff(agency, StaffMembership.Role.LIAISON, email="luis@example.org")
    group = make_group(name="Hilltop DBSA")
    make_leader(group, user=make_user(email="lead@example.org"))
    Partner.objects.create(agency=agency, name="County Department of Health", sector="health")
    make_group(name="Closed Circle", status="inactive")
    make_group(name="Hillside NA")

    sign_in(page, "luis@example.org", PASSWORD)
    expect(page).to_have_url("/office/")
    page.goto("/office/events/add/")
    page.locator("#id_kind").select_option("screening")
    page.locator("#id_title").fill("Depression screening day")
    page.get_by_label("Starts at").fill("2031-10-07T10:00")
    page.get_by_label("Ends at").fill("2031-10-07T14:00")
    page.get_by_label("Place", exact=True).fill("Riverside Public Library")
    page.locator("#id_status").select_option("confirmed")
    page.get_by_label("Capacity").fill("20")
    # The co-sponsors: a long list of active groups, narrowed by typing, chosen by keyboard.
    expect(page.get_by_label("Closed Circle")).to_have_count(0)
    narrow = page.get_by_label("Type to narrow the list").first
    narrow.fill("hilltop")
    expect(page.get_by_label("Hillside NA")).to_be_hidden()
    page.get_by_label("Hilltop DBSA").focus()
    page.keyboard.press("Space")
    expect(page.locator(".checklist-chosen").first).to_have_text("Chosen: Hilltop DBSA")
    page.get_by_label("County Department of Health").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Invited groups will decide.")).to_be_visible()
    expect(page.get_by_text("Mental Illness Awareness Week")).to_be_visible()
    expect(page.locator(".sponsor-roles")).to_contain_text("Hilltop DBSA (invited)")
    expect(page.get_by_label("Role of Hilltop DBSA")).to_have_value("cosponsor")

    leader = browser.new_context(base_url=page.url.split("/office")[0]).new_page()
    sign_in(leader, "lead@example.org", PASSWORD)
    leader.goto("/portal/events/")
    leader.get_by_role("button", name=re.compile("^Accept")).click()
    expect(leader.get_by_text("Hilltop DBSA will co-sponsor")).to_be_visible()
    leader.context.close()

    public = browser.new_context(base_url=page.url.split("/office")[0]).new_page()
    public.goto("/events/")
    public.get_by_role("link", name="Depression screening day").click()
    expect(public.get_by_role("link", name="Hilltop DBSA")).to_be_visible()
    expect(public.get_by_text("County Department of Health")).to_be_visible()
    feed = public.request.get("/events/feed.ics").text()
    assert "SUMMARY:Depression screening day" in feed
    public.get_by_label("Your name").fill("Kim Lee")
    public.get_by_label("Your email").fill("kim@example.org")
    public.get_by_role("button", name="Register").click()
    # Nothing is held until Kim confirms from the mailed link.
    expect(public.get_by_role("heading", name="Check your email")).to_be_visible()
    asked = mail.outbox[-1]
    assert asked.to == ["kim@example.org"]
    link = next(word for word in asked.body.split() if "/confirm/" in word)
    public.goto(link[link.index("/events/") :])
    public.get_by_role("button", name="Confirm my registration").click()
    expect(public.get_by_role("heading", name="You are registered")).to_be_visible()
    assert mail.outbox[-1].to == ["kim@example.org"]
    assert mail.outbox[-1].subject == "Registered: Depression screening day"
    public.context.close()
