import datetime as dt
import re

from django.core import mail
from playwright.sync_api import expect

from groups.leadership.services import leader_proposal_decide, leader_propose
from groups.models import Suggestion
from liaison.models import StaffMembership, User
from tests.factory import make_agency, make_group, make_meeting, make_staff


def test_a_leader_accepts_an_invitation_edits_a_meeting_and_accepts_a_suggestion(
    page, live_server, django_capture_on_commit_callbacks
):
    group = make_group(name="Cedar Falls DBSA", slug="cedar-falls-dbsa")
    meeting = make_meeting(group, days=[2], start_time=dt.time(19), end_time=dt.time(20, 30))
    liaison = make_staff(make_agency(), StaffMembership.Role.LIAISON)
    superuser = User.objects.create_superuser(email="root@example.org", password="x" * 16)
    # The group has no leader: the liaison proposes, the installation's superuser confirms.
    with django_capture_on_commit_callbacks(execute=True):
        proposal = leader_propose(
            group=group,
            email="robin@example.org",
            name="Robin Park",
            note="The group chose Robin.",
            by=liaison,
            base_url=live_server.url,
        )
        leader_proposal_decide(
            invitation=proposal, by=superuser, confirm=True, base_url=live_server.url
        )
    [invitation] = [m for m in mail.outbox if m.to == ["robin@example.org"]]
    link = re.search(r"(http://\S+/portal/invitation/\S+/)", invitation.body).group(1)
    Suggestion.objects.create(
        group=group,
        source="public",
        note="New phone number for the group.",
        changes={"group": {"public_phone": {"from": "", "to": "555-0188"}}},
    )

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cedar Falls DBSA")
    expect(page.get_by_label("Your name")).to_have_value("Robin Park")
    page.get_by_label("Choose a password").fill("a long and quiet river")
    page.get_by_label("The same password again").fill("a long and quiet river")
    page.get_by_role("button", name="Accept and continue").click()
    expect(page).to_have_url("/portal/")
    expect(page.get_by_text("1 suggestion waiting for your answer")).to_be_visible()

    page.get_by_role("link", name="Keep the listing").click()
    page.get_by_role("link", name=re.compile("Change, pause or end")).click()
    page.get_by_label("Start time").fill("19:30")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("Saved the meeting.")).to_be_visible()
    expect(page.get_by_text("Tuesdays, 7:30 pm – 8:30 pm · In person · Open")).to_be_visible()

    page.get_by_role("link", name=re.compile("from member of the public")).click()
    expect(page.get_by_role("cell", name="555-0188")).to_be_visible()
    page.get_by_label("Reply (optional)").fill("Thank you!")
    page.get_by_role("button", name="Accept and apply").click()
    expect(page.get_by_text("Accepted: the listing now shows the change.")).to_be_visible()

    page.goto(group.get_absolute_url())
    expect(page.get_by_text("555-0188")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Tuesdays, 7:30 pm"))).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.start_time == dt.time(19, 30)
