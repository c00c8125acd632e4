"""An agency admin manages their agency's staff, never an account that is also something else.

The review: "Add staff" took over any existing account without a membership (the superuser, a
leader), after which the admin could remove its second factor, end its sessions and unlock it;
unlocking cleared the address's counters too; and the form told which emails were other
agencies' staff."""

import html
import re

from django.core import mail
from django.urls import reverse

from liaison.models import StaffInvitation, StaffMembership, User
from tests.factory import PASSWORD, make_leader, make_staff, make_user
from tests.security.test_lockout import sign_in

Role = StaffMembership.Role
LINK = re.compile(r"http://testserver(/accounts/staff-invitation/\S+/)")


def invite(client, email, capture, **extra):
    data = {
        "full_name": "Someone",
        "email": email,
        "role": Role.PRACTITIONER,
        "unit": "",
        "title": "",
        "liaison_hours_per_week": "0",
        **extra,
    }
    with capture(execute=True):
        return client.post(reverse("liaison:staff_add"), data, follow=True)


def answer(response):
    """What the admin is told, with the address itself taken out."""
    text = " ".join(str(m) for m in response.context["messages"])
    return re.sub(r"\S+@\S+", "<email>", text), response.status_code


def test_adding_an_existing_account_takes_nothing_over(
    client_of, agency_admin, superuser, leader, other_staff, django_capture_on_commit_callbacks
):
    admin = client_of(agency_admin)
    for target in (superuser, leader, other_staff):
        invite(admin, target.email, django_capture_on_commit_callbacks)
        target.refresh_from_db()
        assert not StaffMembership.objects.filter(user=target, agency=agency_admin.agency).exists()
    # Nothing to manage: the staff list holds invitations only.
    body = admin.get(reverse("liaison:staff_list")).content.decode()
    assert f'href="{reverse("liaison:staff_edit", args=[0])}' not in body
    assert StaffInvitation.objects.count() == 3


def test_the_answer_is_the_same_whether_or_not_the_email_exists_elsewhere(
    client_of, agency_admin, superuser, leader, other_staff, django_capture_on_commit_callbacks
):
    admin = client_of(agency_admin)
    answers = {
        answer(invite(admin, email, django_capture_on_commit_callbacks))
        for email in (
            "nobody.yet@example.org",
            superuser.email,
            leader.email,
            other_staff.email,
        )
    }
    assert len(answers) == 1
    [(text, status)] = answers
    assert status == 200 and "We sent an invitation to <email>" in text


def test_a_superuser_cannot_accept_a_staff_invitation(
    client_of, agency_admin, superuser, django_capture_on_commit_callbacks
):
    invite(client_of(agency_admin), superuser.email, django_capture_on_commit_callbacks)
    path = LINK.search(mail.outbox[-1].body).group(1)
    response = client_of(superuser).post(path)
    assert "cannot also be an agency's staff account" in html.unescape(response.content.decode())
    assert not StaffMembership.objects.filter(user=superuser).exists()


def test_another_agencys_staff_member_cannot_accept_either(
    client_of, agency_admin, other_staff, django_capture_on_commit_callbacks
):
    invite(client_of(agency_admin), other_staff.email, django_capture_on_commit_callbacks)
    path = LINK.search(mail.outbox[-1].body).group(1)
    response = client_of(other_staff).post(path)
    assert "already belongs to an agency's staff" in html.unescape(response.content.decode())
    assert other_staff.membership.agency != agency_admin.agency


def test_an_account_holder_signs_in_to_accept_and_nobody_else_can(
    client_of, agency_admin, agency, django_capture_on_commit_callbacks
):
    owner = make_user(email="known@example.org")
    invite(client_of(agency_admin), owner.email, django_capture_on_commit_callbacks)
    path = LINK.search(mail.outbox[-1].body).group(1)
    # Anonymous: no way to set a password on an existing account.
    page = client_of(None).get(path).content.decode()
    assert "Sign in to accept" in page and "password1" not in page
    client_of(None).post(
        path,
        {"full_name": "X", "password1": "a long quiet river", "password2": "a long quiet river"},
    )
    assert not StaffMembership.objects.filter(user=owner).exists()
    # Someone else signed in: refused.
    intruder = make_user(email="intruder@example.org")
    client_of(intruder).post(path)
    assert not StaffMembership.objects.filter(user__in=[owner, intruder]).exists()
    # The owner, signed in, accepts.
    response = client_of(owner).post(path)
    assert response.status_code == 302
    assert StaffMembership.objects.get(user=owner).agency == agency


def test_the_admin_cannot_reset_or_unlock_an_account_used_elsewhere(
    client_of, agency, agency_admin, group
):
    # A leader who is also the agency's staff (accepted an invitation), and an old superuser
    # membership from before invitations: their sign-in is not the agency's to manage.
    leader_staff = make_staff(agency, Role.LIAISON, email="lead.and.staff@example.org")
    make_leader(group, user=leader_staff)
    root_staff = make_staff(agency, Role.EXECUTIVE, email="root.staff@example.org")
    User.objects.filter(pk=root_staff.pk).update(is_superuser=True, is_staff=True)
    admin = client_of(agency_admin)
    for user in (leader_staff, root_staff):
        membership = StaffMembership.objects.get(user=user)
        page = admin.get(reverse("liaison:staff_edit", args=[membership.pk])).content.decode()
        assert 'id="not-manageable"' in page
        for name in ("liaison:staff_reset_mfa", "liaison:staff_unlock"):
            assert admin.post(reverse(name, args=[membership.pk])).status_code == 403, name


def test_unlocking_clears_the_accounts_counters_not_the_addresses(
    client, client_of, liaison, practitioner, agency_admin, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, liaison.email, "wrong password here")
    assert sign_in(client, liaison.email, PASSWORD).status_code == 429
    client_of(agency_admin).post(reverse("liaison:staff_unlock", args=[liaison.membership.pk]))
    client.logout()
    # The account opens again from elsewhere ...
    assert sign_in(client, liaison.email, PASSWORD, address="198.51.100.9").status_code == 302
    client.logout()
    # ... but the address that made the failures is still held, for every account.
    assert sign_in(client, practitioner.email, PASSWORD).status_code == 429


def test_a_withdrawn_staff_invitation_no_longer_works(
    client_of, agency_admin, django_capture_on_commit_callbacks
):
    admin = client_of(agency_admin)
    invite(admin, "new@example.org", django_capture_on_commit_callbacks)
    path = LINK.search(mail.outbox[-1].body).group(1)
    invitation = StaffInvitation.objects.get()
    admin.post(reverse("liaison:staff_invitation_withdraw", args=[invitation.pk]))
    assert client_of(None).get(path).status_code == 410


def test_an_expired_staff_invitation_is_sent_again_with_a_fresh_link(
    client_of, agency_admin, outsider, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    admin = client_of(agency_admin)
    invite(admin, "new@example.org", django_capture_on_commit_callbacks)
    invitation = StaffInvitation.objects.get()
    StaffInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    page = admin.get(reverse("liaison:staff_list")).content.decode()
    assert "invited" in page and "the link expired" in page and "Send again" in page
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("liaison:staff_invitation_resend", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now()
    path = LINK.search(mail.outbox[-1].body).group(1)
    assert client_of(None).get(path).status_code == 200
    # Another agency's admin cannot send it.
    assert (
        client_of(outsider)
        .post(reverse("liaison:staff_invitation_resend", args=[invitation.pk]))
        .status_code
        == 404
    )
