"""A practitioner's first sign-in: set up two-factor with the key shown, keep the recovery codes,
reach a client's identity; next time, the code is asked again. Runs under the strict CSP."""

import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from liaison.models import StaffMembership
from tests.browser.conftest import sign_in
from tests.factory import PASSWORD, make_agency, make_client, make_staff, make_unit

pytestmark = pytest.mark.mfa


def current_code(key_text: str, steps_ahead: int = 0) -> str:
    from base64 import b32decode

    key = key_text.replace(" ", "")
    key += "=" * (-len(key) % 8)
    totp = TOTP(b32decode(key), step=30, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_first_sign_in_sets_up_two_factor_then_identity_opens(page):
    agency = make_agency(name="Riverside Community Mental Health")
    unit = make_unit(agency, name="Outpatient")
    make_staff(agency, StaffMembership.Role.PRACTITIONER, unit, email="priya@example.org")
    client = make_client(agency, unit, first_name="Tanya", last_name="Jones")
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    sign_in(page, "priya@example.org", PASSWORD)
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.locator(".mfa-qr svg")).to_be_visible()
    key = page.locator("#mfa-key code").inner_text()
    page.get_by_label("Code").fill(current_code(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(
        10
    )
    page.get_by_role("link", name="I have kept them — continue").click()

    page.goto(f"/referrals/clients/{client.pk}/")
    expect(page.locator(".client-identity")).to_contain_text("Tanya Jones")

    # Another day, another browser: the sign-in asks for the code again. (A code is taken once:
    # the next one, which the app accepts as within its tolerance of one step, is used.)
    page.context.clear_cookies()
    sign_in(page, "priya@example.org", PASSWORD)
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    page.get_by_label("Code").fill(current_code(key, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="One more step")).not_to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors
