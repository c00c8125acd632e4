"""Two-factor sign-in: set up with a QR code, asked at sign-in, required to see client identity."""

import datetime as dt
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from liaison import mfa
from tests.factory import make_client

pytestmark = pytest.mark.mfa
Action = AuditEvent.Action


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


def the_wait_passes(device):
    """Move the last failure back past the wait it set, rather than sleep through it."""
    device.refresh_from_db()
    wait = dt.timedelta(seconds=2**device.throttling_failure_count)
    device.throttling_failure_timestamp -= wait
    device.save(update_fields=["throttling_failure_timestamp"])


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


@pytest.fixture
def identity_client(agency, unit):
    return make_client(agency, unit)


def test_a_practitioner_is_sent_to_set_up_before_anything_else(client, practitioner):
    client.force_login(practitioner)
    response = client.get(reverse("pages:office"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_setup") + "?next=")


def test_setting_up_shows_a_qr_code_and_the_key_and_takes_the_first_code(client, practitioner):
    client.force_login(practitioner)
    page = client.get(reverse("mfa_setup"))
    assert page.status_code == 200
    assert b'class="mfa-qr' in page.content and b"<svg" in page.content.split(b'class="mfa-qr')[1]
    device = TOTPDevice.objects.get(user=practitioner, confirmed=False)
    assert mfa.secret_text(device)[:9] in page.content.decode()

    wrong = client.post(reverse("mfa_setup"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "did not match" in wrong.content.decode()
    assert 'aria-invalid="true"' in wrong.content.decode() or "is-invalid" in wrong.content.decode()

    the_wait_passes(device)  # a wrong code makes the next try wait a second
    done = client.post(reverse("mfa_setup"), {"code": code_for(device), "next": "/office/"})
    assert done.status_code == 200
    assert len(done.context["codes"]) == mfa.RECOVERY_CODES
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("pages:office")).status_code == 200
    assert AuditEvent.objects.filter(action=Action.MFA_ENROLLED, actor_id=practitioner.pk).exists()


def test_someone_who_set_it_up_gives_a_code_at_each_sign_in(client, practitioner):
    device = enrolled(practitioner)
    client.force_login(practitioner)
    target = reverse("referrals:clients")
    response = client.get(target)
    assert response["Location"] == f"{reverse('mfa_verify')}?next=%2Freferrals%2Fclients%2F"

    refused = client.post(reverse("mfa_verify"), {"code": "123456", "next": target})
    assert refused.status_code == 200
    assert "did not work" in refused.content.decode()
    assert AuditEvent.objects.filter(action=Action.MFA_FAILED, outcome="failure").exists()

    the_wait_passes(device)  # each wrong code doubles the wait before the next try (from 1 s)
    accepted = client.post(reverse("mfa_verify"), {"code": code_for(device), "next": target})
    assert accepted.status_code == 302
    assert accepted["Location"] == target
    assert client.get(target).status_code == 200
    assert AuditEvent.objects.filter(action=Action.MFA_VERIFIED).exists()


def test_wrong_codes_in_a_row_make_the_next_try_wait(client, practitioner):
    device = enrolled(practitioner)
    client.force_login(practitioner)
    client.post(reverse("mfa_verify"), {"code": "111111"})
    response = client.post(reverse("mfa_verify"), {"code": code_for(device)})
    assert response.status_code == 200
    assert "wait" in response.content.decode()


def test_the_next_address_must_be_on_this_site(client, practitioner):
    device = enrolled(practitioner)
    client.force_login(practitioner)
    response = client.post(
        reverse("mfa_verify"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("liaison:after_login")


def test_a_recovery_code_works_once(client, practitioner):
    enrolled(practitioner)
    codes = mfa.new_recovery_codes(practitioner)
    client.force_login(practitioner)
    assert client.post(reverse("mfa_verify"), {"code": codes[0].upper()}).status_code == 302
    client.logout()
    client.force_login(practitioner)
    again = client.post(reverse("mfa_verify"), {"code": codes[0]})
    assert again.status_code == 200
    assert StaticToken.objects.filter(device__user=practitioner).count() == mfa.RECOVERY_CODES - 1


def test_client_identity_needs_the_second_factor(client, practitioner, identity_client):
    enrolled(practitioner)
    client.force_login(practitioner)
    for name in ("referrals:client", "referrals:accounting", "referrals:client_export"):
        url = reverse(name, kwargs={"pk": identity_client.pk})
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("mfa_verify")), name
    assert (
        b"Blake" not in client.get(reverse("referrals:client", args=[identity_client.pk])).content
    )


def test_a_leader_sees_no_identity_and_may_choose(client, leader):
    """A leader's pages show counts and stages, never a client's details: no second factor is
    owed for them, and the leader may still set one up."""
    client.force_login(leader)
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.get(reverse("portal:referrals")).status_code == 200
    assert client.get(reverse("mfa_manage")).context["required"] is False


def test_staff_who_cannot_see_identity_may_choose(client, liaison):
    client.force_login(liaison)
    assert client.get(reverse("pages:office")).status_code == 200
    assert client.get(reverse("mfa_manage")).context["required"] is False


def test_an_agency_admin_can_require_it_of_all_staff(client, agency_admin, liaison):
    client.force_login(agency_admin)
    client.post(reverse("liaison:mfa_policy"), {"require": "1"})
    liaison.agency.refresh_from_db()
    assert liaison.agency.require_mfa
    client.force_login(liaison)
    response = client.get(reverse("pages:office"))
    assert response["Location"].startswith(reverse("mfa_setup"))


def test_a_rule_made_during_a_session_counts_at_the_next_request(client, agency_admin, liaison):
    client.force_login(liaison)
    assert client.get(reverse("pages:office")).status_code == 200
    liaison.agency.require_mfa = True
    liaison.agency.save()
    response = client.get(reverse("pages:office"))
    assert response["Location"].startswith(reverse("mfa_setup"))


def test_it_cannot_be_turned_off_by_someone_who_needs_it(client, practitioner):
    device = enrolled(practitioner)
    client.force_login(practitioner)
    client.post(reverse("mfa_verify"), {"code": code_for(device)})
    client.post(reverse("mfa_remove"))
    assert TOTPDevice.objects.filter(user=practitioner).exists()


def test_someone_who_chose_it_can_turn_it_off(client, liaison):
    device = enrolled(liaison)
    client.force_login(liaison)
    client.post(reverse("mfa_verify"), {"code": code_for(device)})
    client.post(reverse("mfa_remove"))
    assert not TOTPDevice.objects.filter(user=liaison).exists()
    assert AuditEvent.objects.filter(action=Action.MFA_REMOVED, actor_id=liaison.pk).exists()


def test_new_recovery_codes_replace_the_old(client, practitioner):
    device = enrolled(practitioner)
    old = mfa.new_recovery_codes(practitioner)
    client.force_login(practitioner)
    client.post(reverse("mfa_verify"), {"code": code_for(device)})
    response = client.post(reverse("mfa_recovery_codes"))
    assert set(response.context["codes"]).isdisjoint(old)
    assert AuditEvent.objects.filter(action=Action.MFA_RECOVERY_CODES).exists()


def test_the_agency_admin_resets_a_lost_phone(client, agency_admin, practitioner):
    enrolled(practitioner)
    client.force_login(agency_admin)
    membership = practitioner.membership
    client.post(reverse("liaison:staff_reset_mfa", args=[membership.pk]))
    assert not TOTPDevice.objects.filter(user=practitioner, confirmed=True).exists()
    entry = AuditEvent.objects.get(action=Action.MFA_REMOVED)
    assert entry.actor == agency_admin.email
    assert practitioner.email in entry.detail


def test_a_deployment_requires_it_unless_told_otherwise():
    from liaison import settings as production

    assert production.MFA_REQUIRED is True


def test_a_page_with_identity_says_why_it_asks_for_the_second_factor(
    client, practitioner, identity_client
):
    client.force_login(practitioner)
    enrolled(practitioner)
    response = client.get(reverse("referrals:client", args=[identity_client.pk]))
    assert "why=identity" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "shows people's names and phone numbers" in page
    assert "Ask your agency admin" in page
    # Without the reason in the address, nothing is said about names.
    assert "names and phone numbers" not in client.get(reverse("mfa_verify")).content.decode()


def test_a_leader_meeting_the_second_factor_gets_a_way_back_and_help_meant_for_leaders(
    client, leader, settings
):
    from liaison.models import Installation

    Installation.objects.create(
        name="Riverside Self-Help Connections",
        phone="(555) 010-2010",
        crisis_line_name="988 Suicide & Crisis Lifeline",
        crisis_line_phone="988",
    )
    client.force_login(leader)
    page = client.get(
        reverse("mfa_setup"), {"next": "/referrals/", "why": "identity"}
    ).content.decode()
    assert "shows people's names and phone numbers" in page
    assert f'href="{reverse("portal:home")}"' in page and "Back to my groups" in page
    assert "agency admin" not in page
    assert "Write to the office that runs this site" in page and "(555) 010-2010" in page
    # The way back works: a leader owes no second factor for their groups.
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_practitioner_who_must_set_it_up_is_not_offered_a_way_round(client, practitioner):
    client.force_login(practitioner)
    page = client.get(reverse("mfa_setup")).content.decode()
    assert "Back to the office" not in page and "Back to my groups" not in page
    assert "Ask your agency admin" in page
