import datetime as dt
import io
import logging
import re

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from groups.models import Language
from liaison.models import StaffMembership
from referrals.models import Referral
from referrals.services import reminders_due_send
from tests.browser.conftest import sign_in
from tests.factory import (
    PASSWORD,
    make_agency,
    make_client,
    make_group,
    make_leader,
    make_meeting,
    make_staff,
    make_unit,
    make_user,
    make_volunteer,
)


def test_consent_intensive_referral_volunteer_sees_details_follow_up_and_accounting(
    page, browser, caplog
):
    agency = make_agency(name="Riverside Community Mental Health")
    unit = make_unit(agency, name="Substance Use Services")
    make_staff(
        agency,
        StaffMembership.Role.PRACTITIONER,
        unit,
        email="priya@example.org",
        full_name="Priya Shah",
    )
    group = make_group(name="Cedar Falls SMART Recovery")
    volunteer = make_volunteer(group, first_name="Dev", availability="Any evening")
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoweekday() % 7
    meeting = make_meeting(group, days=[tomorrow], start_time=dt.time(19), end_time=None)
    leader = make_user(email="lead@example.org")
    make_leader(group, user=leader)
    client = make_client(
        agency,
        unit,
        first_name="Tanya",
        last_name="Jones",
        phone="555-0191",
        email="tanya@example.org",
        record_number="RCM-1",
        initials="TJ",
    )
    client.identity.preferred_language = Language.objects.get(code="es")
    client.identity.save()

    sign_in(page, "priya@example.org", PASSWORD)
    expect(page).to_have_url("/office/")
    page.goto(f"/referrals/clients/{client.pk}/")
    expect(page.locator(".client-identity")).to_contain_text("Tanya Jones")
    page.get_by_role("link", name="Record a consent").click()
    page.get_by_label("first name").check()
    page.get_by_label("phone number").check()
    page.get_by_label("Who may receive it").select_option(f"volunteer:{volunteer.pk}")
    page.get_by_label("Expires on").fill("2030-01-01")
    page.get_by_role("button", name="Save and print for signature").click()
    # Printed for the client to sign: nothing may be shared until the signature is recorded.
    expect(page.get_by_text("Status today: awaiting signature")).to_be_visible()
    assert "print=1" in page.url
    page.emulate_media(media="print")
    expect(page.get_by_text("Saved the consent")).to_be_hidden()
    expect(page.get_by_role("button", name="Record the signature")).to_be_hidden()
    # (The page has opened its own print dialog; the PDF is taken from a fresh load of it.)
    page.goto(page.url.split("?")[0])
    printed = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(page.pdf())).pages
    )
    page.emulate_media(media="screen")
    assert "Tanya Jones" in printed and "Signature of patient" in printed
    for screen_only in ("Saved the consent", "Record the signature", "Print for signature"):
        assert screen_only not in printed
    page.get_by_label("How it was signed").select_option("paper")
    page.get_by_role("button", name="Record the signature").click()
    expect(page.get_by_text("Status today: valid")).to_be_visible()
    expect(page.get_by_role("button", name="Record the signature")).to_have_count(0)

    page.goto(f"/referrals/new/?client={client.pk}&group={group.slug}")
    page.get_by_label(re.compile("Intensive")).check()
    page.locator("#id_volunteer").select_option(str(volunteer.pk))
    page.locator("#id_meeting").select_option(str(meeting.pk))
    # Tanya asked to be reminded by text message, in Spanish.
    page.get_by_label("By text message").check()
    page.get_by_role("button", name="Make the referral").click()
    expect(page.get_by_text("Referral made.")).to_be_visible()
    with caplog.at_level(logging.INFO, logger="liaison.sms"):
        assert reminders_due_send() == {"queued": 1}
    assert "Text message to 555-0191: Un recordatorio: Cedar Falls SMART Recovery" in caplog.text
    assert Referral.objects.get().reminder_sent_on == timezone.localdate()
    page.get_by_role("button", name=re.compile("Send the client's consented details")).click()
    expect(page.get_by_text("the disclosure is logged")).to_be_visible()
    expect(page.locator(".referral-status")).to_have_text("Volunteer contacted")
    referral_url = page.url

    # The volunteer, through their own link, sees what the consent names and nothing more.
    volunteer_context = browser.new_context(base_url=page.url.split("/referrals")[0])
    volunteer_page = volunteer_context.new_page()
    volunteer_page.goto(volunteer.get_absolute_url())
    newcomer = volunteer_page.locator(".newcomer")
    expect(newcomer).to_contain_text("Tanya")
    expect(newcomer).to_contain_text("555-0191")
    expect(newcomer).not_to_contain_text("Jones")
    expect(newcomer).not_to_contain_text("tanya@example.org")
    # One tap: they met. The practitioner sees it on their home page and on the referral.
    newcomer.get_by_role("button", name="We met").click()
    expect(volunteer_page.get_by_text("Thank you: the practitioner will see it.")).to_be_visible()
    expect(volunteer_page.locator(".newcomer")).to_contain_text("Met the volunteer")
    # The dashboard's funnel counts it: the referral reached "contacted".
    assert Referral.objects.get().reached == 1
    volunteer_context.close()
    page.goto("/office/")
    expect(page.locator(".volunteer-reports")).to_contain_text("Met the volunteer (Dev)")
    page.goto(referral_url)
    expect(page.locator(".referral-status")).to_have_text("Met the volunteer")
    expect(page.get_by_text("Dev, peer volunteer")).to_be_visible()

    # The group's leader sees how many and at which stage, never who.
    leader_context = browser.new_context(base_url=page.url.split("/referrals")[0])
    leader_page = leader_context.new_page()
    sign_in(leader_page, "lead@example.org", PASSWORD)
    leader_page.goto("/portal/referrals/")
    counts = leader_page.locator("#newcomer-counts")
    expect(counts).to_contain_text("Dev")
    expect(counts.get_by_role("row", name=re.compile("Dev"))).to_contain_text("1")
    expect(leader_page.locator("main")).not_to_contain_text("Tanya")
    expect(leader_page.locator("main")).not_to_contain_text("555-0191")
    leader_context.close()

    page.goto(referral_url)
    page.get_by_role("link", name="Record the 7-day follow-up").click()
    # The follow-up shows the referral beside the form, the volunteer's report among its states.
    expect(page.locator(".followup-context")).to_contain_text("reported by Dev, the volunteer")
    page.get_by_label("Went to a meeting").select_option("true")
    page.get_by_label("We talked about the group in session").select_option("true")
    page.get_by_label("5 — very").check()
    page.get_by_label("Meetings in the period").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".referral-status")).to_have_text("Attended")

    page.goto(f"/referrals/clients/{client.pk}/accounting/")
    expect(page.get_by_role("cell", name=re.compile("Dev, peer volunteer of"))).to_be_visible()
    expect(page.get_by_role("cell", name="first name, phone number")).to_be_visible()
