"""Invitations, verification links and reminders, and new groups asking to be listed."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from groups.models import GroupLeadership, LeaderInvitation, NewGroupRequest, SelfHelpGroup
from groups.services import confirm_token
from liaison.models import User
from tests.factory import make_group, make_leader, make_user


def run_command(*args, **kwargs):
    """A management command as cron runs it: what it hands to on_commit runs as it commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(*args, **kwargs)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def invite(client, group, email="new.leader@example.org", name="Robin"):
    """A leader of `group` invites a co-leader from the portal; the path of the emailed link."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("portal:leaders", args=[group.slug]), {"email": email, "name": name}
        )
    assert response.status_code == 302
    invitation_mail = next(m for m in reversed(mail.outbox) if m.to == [email])
    return re.search(r"http://testserver(/portal/invitation/\S+/)", invitation_mail.body).group(1)


@pytest.fixture
def other_leader(other_group):
    return make_leader(other_group)


def test_an_invited_leader_sets_a_password_and_lands_in_the_portal(
    client_of, other_leader, other_group
):
    path = invite(client_of(other_leader), other_group)
    client = client_of(None)
    page = client.get(path)
    assert "Choose a password" in page.content.decode()
    response = client.post(
        path,
        {
            "full_name": "Robin Park",
            "password1": "a long quiet river",
            "password2": "a long quiet river",
        },
    )
    assert response["Location"] == reverse("portal:home")
    user = User.objects.get(email="new.leader@example.org")
    assert GroupLeadership.objects.filter(user=user, group=other_group, ended_at=None).exists()
    assert other_group.name in client.get(reverse("portal:home")).content.decode()


def test_a_short_password_is_refused_and_the_name_kept(client_of, other_leader, other_group):
    path = invite(client_of(other_leader), other_group)
    response = client_of(None).post(
        path, {"full_name": "Robin Park", "password1": "short", "password2": "short"}
    )
    body = response.content.decode()
    assert "at least 12 characters" in body
    assert 'value="Robin Park"' in body
    assert not User.objects.filter(email="new.leader@example.org").exists()


def test_an_invitation_link_works_once(client_of, other_leader, other_group):
    path = invite(client_of(other_leader), other_group)
    data = {
        "full_name": "Robin",
        "password1": "a long quiet river",
        "password2": "a long quiet river",
    }
    client_of(None).post(path, data)
    again = client_of(None).get(path)
    assert again.status_code == 410
    assert "already used" in again.content.decode()


def test_an_expired_invitation_gets_a_clear_page(client_of, other_leader, other_group):
    path = invite(client_of(other_leader), other_group)
    LeaderInvitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client_of(None).get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_tampered_invitation_gets_a_clear_page(client_of, other_leader, other_group):
    path = invite(client_of(other_leader), other_group)
    response = client_of(None).get(path[:-3] + "xx/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_an_existing_account_signs_in_then_accepts(client_of, other_leader, other_group):
    existing = make_user(email="known@example.org")
    path = invite(client_of(other_leader), other_group, email="known@example.org")
    assert "Sign in to accept" in client_of(None).get(path).content.decode()
    client = client_of(existing)
    assert client.post(path)["Location"] == reverse("portal:home")
    assert GroupLeadership.objects.filter(user=existing, group=other_group).exists()


def test_someone_else_signed_in_cannot_take_the_invitation(client_of, other_leader, other_group):
    path = invite(client_of(other_leader), other_group, email="known@example.org")
    intruder = make_user(email="intruder@example.org")
    client_of(intruder).post(path, {"full_name": "X", "password1": "p" * 3, "password2": "p" * 3})
    assert not GroupLeadership.objects.filter(user=intruder).exists()


def test_a_leader_may_lead_several_groups_and_a_group_have_several_leaders(db):
    first, second = make_group(), make_group()
    leader = make_leader(first)
    make_leader(second, user=leader)
    make_leader(first)
    assert set(SelfHelpGroup.objects.led_by(leader)) == {first, second}
    assert first.leaderships.count() == 2


# --- verification -------------------------------------------------------------------------------


def test_a_leader_confirms_the_listing_with_one_click(client_of, group, leader):
    SelfHelpGroup.objects.filter(pk=group.pk).update(verified_at=None)
    client_of(leader).post(reverse("groups:confirm_listing", args=[group.slug]))
    group.refresh_from_db()
    assert group.verified_by == leader
    assert group.verified_at is not None


def test_the_emailed_link_confirms_without_signing_in_and_only_on_post(client, group, leader):
    url = reverse("groups:confirm", args=[group.slug, confirm_token(group, leader)])
    before = group.verified_at
    assert "still accurate" in client.get(url).content.decode()
    group.refresh_from_db()
    assert group.verified_at == before  # a mail scanner opening the link changes nothing
    assert "Thank you" in client.post(url).content.decode()
    group.refresh_from_db()
    assert group.verified_at > before
    reused = client.post(url)
    assert reused.status_code == 410
    assert "already confirmed" in reused.content.decode()


def test_a_tampered_or_foreign_confirmation_link_is_refused(client, group, leader, other_group):
    token = confirm_token(group, leader)
    assert client.get(reverse("groups:confirm", args=[group.slug, token + "x"])).status_code == 400
    # The token of one group does not confirm another.
    assert client.post(reverse("groups:confirm", args=[other_group.slug, token])).status_code == 400


def test_an_expired_confirmation_link_is_refused(client, group, leader, monkeypatch):
    token = confirm_token(group, leader)
    later = time_after(days=46)
    monkeypatch.setattr("time.time", lambda: later)
    response = client.get(reverse("groups:confirm", args=[group.slug, token]))
    assert response.status_code == 410


def time_after(days):
    import time

    return time.time() + days * 86400


def test_a_removed_leaders_link_no_longer_confirms(client, group, leader):
    token = confirm_token(group, leader)
    GroupLeadership.objects.filter(user=leader).update(ended_at=timezone.now())
    assert client.post(reverse("groups:confirm", args=[group.slug, token])).status_code == 400


# --- reminders ----------------------------------------------------------------------------------


def _aged(days, **kw):
    group = make_group(verified_at=timezone.now() - dt.timedelta(days=days), **kw)
    make_leader(group, user=make_user(email=f"lead-{group.slug}@example.org"))
    return group


def test_reminders_go_to_leaders_of_listings_due_within_30_days_once_per_14_days(db, capsys):
    due_soon = _aged(340)  # 25 days left
    overdue = _aged(400)
    _aged(300)  # 65 days left: not yet
    make_group(verified_at=timezone.now() - dt.timedelta(days=350))  # no leader to remind
    _aged(350, status="inactive")
    run_command("send_verification_reminders", base_url="https://liaison.example.org")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [f"lead-{due_soon.slug}@example.org", f"lead-{overdue.slug}@example.org"]
    )
    assert "https://liaison.example.org/groups/" in mail.outbox[0].body
    assert "Sent 2 reminder(s) for 2 listing(s); 0 listing(s) skipped" in capsys.readouterr().out

    mail.outbox.clear()
    run_command("send_verification_reminders")
    assert mail.outbox == []
    assert "2 listing(s) skipped" in capsys.readouterr().out

    SelfHelpGroup.objects.update(reminder_sent_at=timezone.now() - dt.timedelta(days=15))
    run_command("send_verification_reminders")
    assert len(mail.outbox) == 2


def test_the_reminder_link_confirms_the_listing(client, db):
    group = _aged(340)
    run_command("send_verification_reminders", base_url="http://testserver")
    path = re.search(r"http://testserver(/groups/\S+/confirm/\S+/)", mail.outbox[0].body).group(1)
    client.post(path)
    group.refresh_from_db()
    assert not group.verification_due()


# --- new groups ---------------------------------------------------------------------------------


def new_group_data(**overrides):
    data = {
        "name": "Millbrook Hearing Voices Group",
        "organization": "",
        "focus_areas": [],
        "description": "A peer group for people who hear voices.",
        "who_attends": "Adults who hear voices or see visions.",
        "meeting_details": "Thursdays 6 pm at the Millbrook library, room 2.",
        "contact_name": "Sam",
        "contact_email": "sam@example.org",
        "wants_space": "on",
        "wants_publicity": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


def test_a_new_group_asks_to_be_listed_and_waits_for_review(client, db):
    response = client.post(reverse("groups:new"), new_group_data())
    assert "Thank you" in response.content.decode()
    request = NewGroupRequest.objects.get()
    assert request.group.status == "pending"
    assert request.help_wanted == ["meeting space", "publicity"]
    assert client.get(reverse("groups:directory")).context["page"].paginator.count == 0


def test_a_new_group_form_with_errors_keeps_what_was_typed(client, db):
    response = client.post(reverse("groups:new"), new_group_data(contact_email="not-an-email"))
    body = response.content.decode()
    assert "Enter a valid email address" in body
    assert "Thursdays 6 pm at the Millbrook library" in body
    assert not NewGroupRequest.objects.exists()


def test_liaison_staff_publish_a_new_group_and_invite_its_contact(client_of, liaison, db):
    from django.test import TestCase

    client_of(None).post(reverse("groups:new"), new_group_data())
    request = NewGroupRequest.objects.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client_of(liaison).post(
            reverse("groups_office:new_group", args=[request.pk]),
            {"publish": "1", "assistance_offered": "Room 3 on Thursdays", "invite_contact": "on"},
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.decision == "published"
    assert request.assistance_offered == "Room 3 on Thursdays"
    assert request.group.status == "active"
    assert mail.outbox[-1].to == ["sam@example.org"]
    assert "/portal/invitation/" in mail.outbox[-1].body


def test_new_group_requests_are_rate_limited_and_honeypotted(client, db):
    client.post(reverse("groups:new"), new_group_data(homepage="http://spam.example"))
    assert not NewGroupRequest.objects.exists()
    for n in range(5):
        client.post(reverse("groups:new"), new_group_data(name=f"Group {n}"))
    response = client.post(reverse("groups:new"), new_group_data(name="Group 6"))
    assert "try again later" in response.content.decode()
    assert NewGroupRequest.objects.count() == 5


FIRST_MEETING = {
    "first_weekday": "4",
    "first_start_time": "18:00",
    "first_mode": "in_person",
    "first_place": "Millbrook Library, Room 2",
    "first_street": "12 Elm Street",
    "first_city": "Millbrook",
    "first_postal_code": "12545",
}


def test_a_published_new_group_gets_its_first_meeting_as_a_draft_its_leader_confirms(
    client_of, liaison, db
):
    from django.test import TestCase

    from groups.models import Meeting
    from tests.groups.test_listing import meeting_data

    client_of(None).post(reverse("groups:new"), new_group_data(meeting_details="", **FIRST_MEETING))
    request = NewGroupRequest.objects.get()
    review = client_of(liaison).get(reverse("groups_office:new_group", args=[request.pk]))
    assert "Thursdays, 6" in review.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client_of(liaison).post(
            reverse("groups_office:new_group", args=[request.pk]),
            {
                "publish": "1",
                "assistance_offered": "Room 3 on Thursdays",
                "review_note": "Call us when you want flyers.",
                "invite_contact": "on",
            },
        )
    meeting = Meeting.objects.get(group=request.group)
    assert meeting.status == "draft" and meeting.days == [4]
    assert meeting.location.street == "12 Elm Street" and meeting.location.latitude is not None
    group_page = client_of(None).get(request.group.get_absolute_url()).content.decode()
    assert "Millbrook Library" not in group_page
    body = mail.outbox[-1].body
    assert "Room 3 on Thursdays" in body and "Call us when you want flyers." in body
    assert "as a draft" in body and "Thursdays" in body

    # The contact accepts; their portal asks them to confirm the meeting; confirmed, it shows.
    leader = make_leader(request.group)
    browser = client_of(leader)
    portal = browser.get(reverse("portal:home")).content.decode()
    edit = reverse("groups:meeting_edit", args=[request.group.slug, meeting.pk])
    assert "Check and confirm your meeting" in portal and f'href="{edit}"' in portal
    assert "To confirm (not shown yet)" in browser.get(edit).content.decode()
    data = meeting_data(meeting, status="active")
    data.update(
        {
            "place-name": "Millbrook Library, Room 2",
            "place-street": "12 Elm Street",
            "place-city": "Millbrook",
            "place-postal_code": "12545",
        }
    )
    response = browser.post(edit, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert (
        "Millbrook Library"
        in client_of(None).get(request.group.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_start_time": ""}, "first_start_time", "Give the time the meeting starts"),
        ({"first_weekday": ""}, "first_weekday", "Choose the day the group meets"),
        ({"first_mode": ""}, "first_mode", "in person or online"),
        ({"first_place": "", "first_street": ""}, "first_place", "Say where the group meets"),
        ({"first_mode": "online"}, "first_conference_url", "Give the link people use to join"),
        ({"first_start_time": "25:99"}, "first_start_time", "Enter a valid time"),
        ({"first_weekday": "9"}, "first_weekday", "Select a valid choice"),
    ],
)
def test_a_first_meeting_half_given_is_said_beside_its_field(client, db, overrides, field, message):
    data = new_group_data(meeting_details="", **{**FIRST_MEETING, **overrides})
    body = client.post(reverse("groups:new"), data).content.decode()
    assert message in body and f'id="error_1_id_{field}"' in body
    assert "Millbrook Hearing Voices Group" in body
    assert not NewGroupRequest.objects.exists()


def test_without_a_day_the_request_says_when_and_where_in_words(client, db):
    body = client.post(reverse("groups:new"), new_group_data(meeting_details="")).content.decode()
    assert "Give the day and time above" in body
    assert not NewGroupRequest.objects.exists()


def test_a_leader_sends_an_invitation_again_and_it_shows_invited_until_accepted(
    client_of, group, leader, db
):
    browser = client_of(leader)
    browser.post(
        reverse("portal:leaders", args=[group.slug]),
        {"email": "co@example.org", "name": "Co Leader"},
    )
    invitation = LeaderInvitation.objects.get(email="co@example.org")
    page = browser.get(reverse("portal:leaders", args=[group.slug])).content.decode()
    assert "invited" in page and "Send again" in page
    manage = browser.get(reverse("groups:manage", args=[group.slug])).content.decode()
    assert "Co Leader" in manage and ">invited<" in manage
    before = invitation.expires_at
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = browser.post(
            reverse("portal:invitation_resend", args=[group.slug, invitation.pk])
        )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.expires_at >= before and mail.outbox[-1].to == ["co@example.org"]
    # Withdrawn, it cannot be sent again.
    browser.post(reverse("portal:invitation_withdraw", args=[group.slug, invitation.pk]))
    mail.outbox.clear()
    browser.post(reverse("portal:invitation_resend", args=[group.slug, invitation.pk]))
    assert mail.outbox == []


def test_a_group_without_a_leader_offers_staff_to_propose_one_where_it_says_so(
    client_of, liaison, group
):
    page = client_of(liaison).get(reverse("groups:manage", args=[group.slug])).content.decode()
    sentence = page.split("so the liaison office keeps its listing.")[1][:200]
    assert f'href="{reverse("groups:leaders", args=[group.slug])}"' in sentence
