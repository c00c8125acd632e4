"""Who leads a group is the group's decision, and leading a group gives no client's identity.

The review's attack: a liaison of any agency invited themself as leader of any group, accepted,
and read on the portal every first name and phone disclosed to the group's volunteers."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from groups.models import GroupLeadership, LeaderInvitation
from liaison.models import StaffMembership, User
from referrals.services import ReferralError, disclose, referral_create
from tests.factory import (
    make_client,
    make_consent,
    make_leader,
    make_staff,
    make_volunteer,
)

Action = AuditEvent.Action
Status = LeaderInvitation.Status
LINK = re.compile(r"http://testserver(/portal/invitation/\S+/)")


@pytest.fixture
def other_liaison(other_agency, other_unit):
    return make_staff(
        other_agency, StaffMembership.Role.LIAISON, other_unit, email="eve@elsewhere.example"
    )


@pytest.fixture
def volunteer(group):
    return make_volunteer(group, first_name="Sam", email="sam@example.org")


@pytest.fixture
def disclosed(agency, unit, practitioner, group, volunteer, django_capture_on_commit_callbacks):
    """A client of the agency whose first name and phone went to the group's volunteer."""
    record = make_client(agency, unit, first_name="Jordan", last_name="Blake", phone="555-0166")
    make_consent(record, volunteer, share_first_name=True, share_phone=True)
    referral, _ = referral_create(
        client=record, group=group, kind="intensive", volunteer=volunteer, by=practitioner
    )
    with django_capture_on_commit_callbacks(execute=True):
        disclose(referral=referral, by=practitioner)
    return referral


def post(client, name, slug, data=None, pk=None, capture=None):
    args = [slug] if pk is None else [slug, pk]
    with capture(execute=True):
        return client.post(reverse(name, args=args), data or {})


def links_to(email):
    return [
        LINK.search(m.body).group(1) for m in mail.outbox if m.to == [email] and LINK.search(m.body)
    ]


# --- the attack, end to end ------------------------------------------------------------------


def test_the_reviews_attack_finds_no_identity(
    client_of,
    other_liaison,
    group,
    leader,
    disclosed,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    mail.outbox.clear()
    attacker = client_of(other_liaison)
    response = post(
        attacker,
        "groups:leaders",
        group.slug,
        {"name": "Eve", "email": other_liaison.email, "note": "She runs it now"},
        capture=capture,
    )
    assert response.status_code == 302
    # A proposal only: nothing reaches the proposed address, so there is nothing to accept.
    assert links_to(other_liaison.email) == []
    assert LeaderInvitation.objects.get().status == Status.AWAITING_GROUP
    assert not GroupLeadership.objects.filter(user=other_liaison).exists()
    # The group's leader is asked, and even if they confirm, leading shows no identity.
    assert any(m.to == [leader.email] for m in mail.outbox)
    invitation = LeaderInvitation.objects.get()
    post(
        client_of(leader),
        "portal:proposal",
        group.slug,
        {"decision": "confirm"},
        pk=invitation.pk,
        capture=capture,
    )
    [path] = links_to(other_liaison.email)
    attacker = client_of(other_liaison)
    assert attacker.post(path).status_code == 302
    assert GroupLeadership.objects.filter(user=other_liaison, ended_at=None).exists()
    for url in [
        reverse("portal:home"),
        reverse("portal:referrals"),
        reverse("portal:volunteers"),
        reverse("portal:leaders", args=[group.slug]),
        reverse("groups:manage", args=[group.slug]),
    ]:
        body = attacker.get(url).content.decode()
        for secret in ("Jordan", "Blake", "555-0166", disclosed.client.record_number):
            assert secret not in body, (url, secret)
    assert not AuditEvent.objects.filter(
        action=Action.IDENTITY_VIEWED, actor=other_liaison.email
    ).exists()


def test_a_liaison_of_the_same_agency_who_may_not_see_identity_finds_none_either(
    client_of, liaison, group, disclosed
):
    make_leader(group, user=liaison)
    body = client_of(liaison).get(reverse("portal:referrals")).content.decode()
    assert "Sam" in body
    assert "Jordan" not in body and "555-0166" not in body


# --- who decides ------------------------------------------------------------------------------


def test_a_proposal_for_a_group_without_a_leader_waits_for_the_superuser(
    client_of, liaison, superuser, other_group, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    post(
        client_of(liaison),
        "groups:leaders",
        other_group.slug,
        {"name": "Robin", "email": "robin@example.org", "note": "Chosen at the group conscience"},
        capture=capture,
    )
    invitation = LeaderInvitation.objects.get()
    assert invitation.status == Status.AWAITING_REVIEW
    assert links_to("robin@example.org") == []
    assert [m.to for m in mail.outbox] == [[superuser.email]]
    admin = client_of(superuser)
    with capture(execute=True):
        admin.post(
            reverse("admin:groups_leaderinvitation_changelist"),
            {"action": "confirm_proposals", "_selected_action": [invitation.pk]},
        )
    invitation.refresh_from_db()
    assert invitation.status == Status.SENT and invitation.decided_by == superuser
    assert len(links_to("robin@example.org")) == 1


def test_a_declined_proposal_sends_nothing_and_the_link_never_works(
    client_of, liaison, leader, group, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    post(
        client_of(liaison),
        "groups:leaders",
        group.slug,
        {"name": "Robin", "email": "robin@example.org", "note": "Asked us"},
        capture=capture,
    )
    invitation = LeaderInvitation.objects.get()
    post(
        client_of(leader),
        "portal:proposal",
        group.slug,
        {"decision": "decline"},
        pk=invitation.pk,
        capture=capture,
    )
    invitation.refresh_from_db()
    assert invitation.status == Status.DECLINED
    assert links_to("robin@example.org") == []
    # The proposing liaison hears of it.
    assert any(m.to == [liaison.email] and "declined" in m.body for m in mail.outbox)


def test_a_leader_of_another_group_cannot_decide_a_proposal(
    client_of, liaison, group, other_group, django_capture_on_commit_callbacks
):
    make_leader(group)
    intruder = make_leader(other_group)
    post(
        client_of(liaison),
        "groups:leaders",
        group.slug,
        {"name": "R", "email": "robin@example.org", "note": "n"},
        capture=django_capture_on_commit_callbacks,
    )
    invitation = LeaderInvitation.objects.get()
    response = client_of(intruder).post(
        reverse("portal:proposal", args=[group.slug, invitation.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == Status.AWAITING_GROUP


def test_a_leader_invites_a_coleader_at_once(
    client_of, leader, group, django_capture_on_commit_callbacks
):
    co_leader = make_leader(group)
    post(
        client_of(leader),
        "portal:leaders",
        group.slug,
        {"name": "Robin", "email": "robin@example.org"},
        capture=django_capture_on_commit_callbacks,
    )
    assert LeaderInvitation.objects.get().status == Status.SENT
    assert len(links_to("robin@example.org")) == 1
    assert any(m.to == [co_leader.email] for m in mail.outbox)


def test_staff_cannot_end_a_leadership(
    client_of, liaison, agency_admin, leader, group, other_liaison
):
    leadership = GroupLeadership.objects.get(user=leader)
    for user in (liaison, agency_admin, other_liaison):
        response = client_of(user).post(
            reverse("portal:leadership_end", args=[group.slug, leadership.pk])
        )
        assert response.status_code == 403
    leadership.refresh_from_db()
    assert leadership.ended_at is None


def test_a_leader_steps_down_and_the_others_are_told(
    client_of, leader, group, django_capture_on_commit_callbacks
):
    co_leader = make_leader(group)
    leadership = GroupLeadership.objects.get(user=co_leader)
    post(
        client_of(leader),
        "portal:leadership_end",
        group.slug,
        pk=leadership.pk,
        capture=django_capture_on_commit_callbacks,
    )
    leadership.refresh_from_db()
    assert leadership.ended_at is not None
    # The person removed is told, in case it was not their doing.
    assert any(m.to == [co_leader.email] for m in mail.outbox)
    entry = AuditEvent.objects.filter(action=Action.LEADERSHIP_ENDED).latest("pk")
    assert entry.actor == leader.email and co_leader.email in entry.detail


# --- what staff see of leaders ----------------------------------------------------------------


def test_a_liaison_sees_leaders_first_names_not_their_email(
    client_of, other_liaison, leader, group
):
    User.objects.filter(pk=leader.pk).update(full_name="Maria Lopez")
    body = client_of(other_liaison).get(reverse("groups:leaders", args=[group.slug])).content
    assert b"Maria" in body
    assert leader.email.encode() not in body and b"Lopez" not in body


def test_a_liaison_sees_only_their_own_agencys_proposals(
    client_of, liaison, other_liaison, group, django_capture_on_commit_callbacks
):
    post(
        client_of(liaison),
        "groups:leaders",
        group.slug,
        {"name": "Robin", "email": "robin@example.org", "note": "n"},
        capture=django_capture_on_commit_callbacks,
    )
    body = client_of(other_liaison).get(reverse("groups:leaders", args=[group.slug])).content
    assert b"robin@example.org" not in body
    proposal = LeaderInvitation.objects.get()
    response = client_of(other_liaison).post(
        reverse("groups:proposal_withdraw", args=[group.slug, proposal.pk])
    )
    assert response.status_code == 404


# --- the audit trail --------------------------------------------------------------------------


def test_every_step_is_in_the_trail_with_its_actor_and_agency(
    client_of, liaison, leader, group, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    post(
        client_of(liaison),
        "groups:leaders",
        group.slug,
        {"name": "Robin", "email": "robin@example.org", "note": "n"},
        capture=capture,
    )
    invitation = LeaderInvitation.objects.get()
    post(
        client_of(leader),
        "portal:proposal",
        group.slug,
        {"decision": "confirm"},
        pk=invitation.pk,
        capture=capture,
    )
    [path] = links_to("robin@example.org")
    client = client_of(None)
    with capture(execute=True):
        client.post(
            path,
            {
                "full_name": "Robin",
                "password1": "a long quiet river",
                "password2": "a long quiet river",
            },
        )
    robin = User.objects.get(email="robin@example.org")
    trail = {e.action: e for e in AuditEvent.objects.order_by("pk")}
    assert trail[Action.LEADER_PROPOSED].actor == liaison.email
    assert trail[Action.LEADER_PROPOSED].agency_id == liaison.agency.pk
    assert trail[Action.LEADER_DECIDED].actor == leader.email
    assert trail[Action.LEADER_DECIDED].agency_id == liaison.agency.pk
    started = trail[Action.LEADERSHIP_STARTED]
    assert started.actor == robin.email and started.agency_id == liaison.agency.pk
    assert liaison.email in started.detail and leader.email in started.detail
    # Written once: the model's own receiver does not add an entry without an actor.
    entries = AuditEvent.objects.filter(
        action=Action.LEADERSHIP_STARTED, detail__contains=robin.email
    )
    assert entries.count() == 1
    # The current leaders were told of the proposal and of the acceptance.
    to_leader = [m.subject for m in mail.outbox if m.to == [leader.email]]
    assert len(to_leader) == 2


# --- the volunteer's own link -----------------------------------------------------------------


def test_a_new_address_for_the_volunteer_opens_nothing_shared_before(
    client_of, leader, group, volunteer, disclosed, practitioner
):
    old_page = volunteer.get_absolute_url()
    assert b"Jordan" in client_of(None).get(old_page).content
    # The leader points the volunteer's address elsewhere.
    client_of(leader).post(
        reverse("portal:volunteer", args=[volunteer.pk]),
        {
            "first_name": "Sam",
            "email": "leader.copy@example.org",
            "phone": "555-0177",
            "availability": "",
            "is_active": "on",
        },
    )
    volunteer.refresh_from_db()
    assert volunteer.email == "leader.copy@example.org"
    assert client_of(None).get(old_page).status_code == 404
    assert b"Jordan" not in client_of(None).get(volunteer.get_absolute_url()).content
    # And nothing more goes out until the practitioner records the consent again.
    with pytest.raises(ReferralError, match="changed after the consent"):
        disclose(referral=disclosed, by=practitioner)
    make_consent(disclosed.client, volunteer)
    disclose(referral=disclosed, by=practitioner)
    assert b"Jordan" in client_of(None).get(volunteer.get_absolute_url()).content


def test_the_volunteer_page_is_not_cached_or_indexed(client, volunteer, disclosed):
    response = client.get(volunteer.get_absolute_url())
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_an_inactive_volunteers_link_opens_nothing(client, volunteer, disclosed):
    volunteer.is_active = False
    volunteer.save()
    assert client.get(volunteer.get_absolute_url()).status_code == 404


def test_a_leader_of_another_group_cannot_send_an_invitation_again(
    client_of, leader, group, other_group, django_capture_on_commit_callbacks
):
    post(
        client_of(leader),
        "portal:leaders",
        group.slug,
        {"name": "Robin", "email": "robin@example.org"},
        capture=django_capture_on_commit_callbacks,
    )
    invitation = LeaderInvitation.objects.get()
    expires_at = invitation.expires_at
    intruder = client_of(make_leader(other_group))
    mail.outbox.clear()
    for slug in (group.slug, other_group.slug):
        response = intruder.post(reverse("portal:invitation_resend", args=[slug, invitation.pk]))
        assert response.status_code == 404
    assert mail.outbox == []
    assert LeaderInvitation.objects.get().expires_at == expires_at
