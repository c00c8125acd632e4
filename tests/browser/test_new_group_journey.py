"""A new group, from its request to its first meeting on the public page, as each person does
it in Chromium: the group's organiser asks, the liaison publishes, the organiser accepts the
invitation, checks the meeting and confirms it."""

import re

from django.core import mail
from playwright.sync_api import expect

from groups.models import NewGroupRequest
from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_staff, make_unit


def test_a_new_group_from_its_request_to_its_first_meeting_on_the_public_page(browser, page):
    agency = make_agency(name="Riverside Community Mental Health")
    make_staff(agency, StaffMembership.Role.LIAISON, make_unit(agency), email="luis@example.org")

    # The organiser asks to list the group, with its first meeting.
    page.goto("/groups/new/")
    page.get_by_label("Group name").fill("Millbrook Hearing Voices Group")
    page.get_by_label("Description").fill("A peer group for people who hear voices.")
    page.get_by_label("Day", exact=True).select_option("4")
    page.get_by_label("Starts at").fill("18:00")
    page.get_by_label("How people attend").select_option("in_person")
    page.get_by_label("Place", exact=True).fill("Millbrook Public Library, Community Room")
    page.get_by_label("Street address").fill("3 Franklin Avenue")
    page.get_by_label("City or town").fill("Millbrook")
    page.get_by_label("ZIP code").fill("12545")
    page.get_by_label("Your name").fill("Sam Okafor")
    page.get_by_label("Your email").fill("sam@example.org")
    page.get_by_label("A place to meet").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you")).to_be_visible()
    request = NewGroupRequest.objects.get()

    # The liaison publishes it, offering a room, and invites the organiser.
    staff = browser.new_context(base_url=page.url.split("/groups")[0])
    office = staff.new_page()
    sign_in(office, "luis@example.org", PASSWORD)
    office.goto("/office/")
    office.get_by_role("link", name=re.compile("1 new group")).click()
    office.get_by_role("link", name="Millbrook Hearing Voices Group").click()
    expect(office.get_by_text("Thursdays, 6")).to_be_visible()
    office.get_by_label(re.compile("Help the office offers")).fill("Room 3 on Thursdays")
    office.get_by_role("button", name="Publish the listing").click()
    staff.close()
    invitation = mail.outbox[-1]
    assert "Room 3 on Thursdays" in invitation.body and "as a draft" in invitation.body
    link = next(word for word in invitation.body.split() if "/portal/invitation/" in word)

    # Not shown yet.
    page.goto(request.group.get_absolute_url())
    expect(page.get_by_text("Millbrook Public Library")).to_have_count(0)

    # The organiser accepts, finds the meeting to confirm, checks it and confirms it.
    page.goto(link[link.index("/portal/") :])
    page.get_by_label("Choose a password").fill("a-long-password-for-sam")
    page.get_by_label("The same password again").fill("a-long-password-for-sam")
    page.get_by_role("button", name="Accept and continue").click()
    expect(page).to_have_url("/portal/")
    page.get_by_role("link", name=re.compile("Check and confirm your meeting")).click()
    expect(page.locator(".meeting-draft")).to_be_visible()
    page.get_by_label("Status").select_option("active")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page).to_have_url(re.compile("/manage/"))

    page.goto(request.group.get_absolute_url())
    expect(page.get_by_text("Millbrook Public Library, Community Room").first).to_be_visible()
    expect(page.get_by_text(re.compile("Thursdays"))).not_to_have_count(0)
