"""Lockout after repeated failed sign-ins, per account and per address; the admin's unlock;
the password rules."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from tests.factory import PASSWORD, make_staff

Action = AuditEvent.Action


def sign_in(client, email, password, address="203.0.113.5"):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client, liaison, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, liaison.email, "wrong password here")
        assert response.status_code == 200
        assert (
            "correct email" in response.content.decode().lower() or response.context["form"].errors
        )
    locked = sign_in(client, liaison.email, "wrong password here")
    assert locked.status_code == 429
    assert "Sign-in is paused" in locked.content.decode()
    # Even the right password, from another address, waits now.
    again = sign_in(client, liaison.email, PASSWORD, address="198.51.100.7")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED).count() >= 5
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT).exists()


def test_one_address_trying_many_accounts_is_locked_too(client, agency, settings):
    people = [
        make_staff(agency, "liaison", email=f"person{n}@example.org")
        for n in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    for person in people[:-1]:
        sign_in(client, person.email, "not the password", address="192.0.2.44")
    response = sign_in(client, people[-1].email, PASSWORD, address="192.0.2.44")
    assert response.status_code == 429
    # Another address is not affected.
    assert sign_in(client, people[-1].email, PASSWORD, address="192.0.2.45").status_code == 302


def test_the_agency_admin_unlocks_it(client, liaison, agency_admin, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, liaison.email, "wrong password here")
    assert sign_in(client, liaison.email, PASSWORD).status_code == 429

    admin = client.__class__()
    admin.force_login(agency_admin)
    page = admin.get(reverse("liaison:staff_edit", args=[liaison.membership.pk]))
    assert page.context["security"]["locked"] is True
    admin.post(reverse("liaison:staff_unlock", args=[liaison.membership.pk]))
    assert AuditEvent.objects.filter(action=Action.UNLOCKED, actor=agency_admin.email).exists()

    assert sign_in(client, liaison.email, PASSWORD, address="198.51.100.9").status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, liaison, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, liaison.email, "wrong password here")
    assert sign_in(client, liaison.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, liaison.email, "wrong password here")
    assert sign_in(client, liaison.email, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "password",
    ["short pass", "password1234", "123456789012", "11111111111111"],
)
def test_weak_passwords_are_refused(password, db):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_needs_no_symbols_or_digits(db):
    validate_password("river stones in the morning")
