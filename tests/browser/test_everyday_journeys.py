"""Everyday journeys in Chromium: a Spanish-speaking visitor from the home page to a group that
wrote its listing in Spanish and to a survey in Spanish; a leader who meets the two-factor page
and finds the way back; the liaison's to-do on the office home."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Language, NewGroupRequest, Suggestion
from liaison.models import StaffMembership
from surveys.services import survey_from_template, survey_open
from tests.browser.conftest import sign_in
from tests.factory import (
    PASSWORD,
    make_agency,
    make_group,
    make_leader,
    make_meeting,
    make_staff,
    make_unit,
    make_user,
)


def test_a_spanish_speaking_visitor_finds_a_group_written_in_spanish_and_a_survey_in_it(
    browser, live_server
):
    agency = make_agency(name="Riverside Community Mental Health")
    liaison = make_staff(
        agency, StaffMembership.Role.LIAISON, make_unit(agency), email="luis@example.org"
    )
    group = make_group(
        name="Grupo Nueva Vida de AA",
        focus=["alcohol"],
        description="A Spanish-speaking AA group.",
        second_language="es",
        second_description="Un grupo de AA de habla hispana en Cedar Falls.",
        second_who_attends="Hombres y mujeres de habla hispana.",
    )
    group.listing_languages.set(Language.objects.filter(code__in=["en", "es"]))
    make_meeting(group)
    make_group(name="Hope Group", focus=["alcohol"])
    survey = survey_open(
        survey=survey_from_template(agency=agency, template="clients", by=liaison), by=liaison
    )

    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_text("¿Necesita ayuda ahora?").first).to_be_visible()
    page.get_by_role("link", name="Alcohol", exact=True).click()
    expect(page.get_by_role("link", name="Grupo Nueva Vida de AA")).to_be_visible()
    page.goto("/groups/?listing_language=es")
    expect(page.get_by_role("link", name="Hope Group")).to_have_count(0)
    page.get_by_role("link", name="Grupo Nueva Vida de AA").click()
    description = page.locator(".group-text p.lead")
    expect(description).to_have_text("Un grupo de AA de habla hispana en Cedar Falls.")
    expect(description).to_have_attribute("lang", "es")

    page.goto(survey.get_respond_url())
    expect(page.get_by_text(re.compile("ha participado en un grupo de autoayuda"))).to_be_visible()
    context.close()


@pytest.mark.mfa
def test_a_leader_meets_the_two_factor_page_and_finds_the_way_back(page):
    group = make_group(name="Riverside Women's AA")
    make_leader(group, user=make_user(email="lead@example.org"))
    sign_in(page, "lead@example.org", PASSWORD)
    expect(page).to_have_url("/portal/")
    page.goto("/accounts/mfa/setup/?next=/referrals/&why=identity")
    expect(page.get_by_text(re.compile("shows people's names and phone numbers"))).to_be_visible()
    expect(page.get_by_text(re.compile("Write to the office that runs this site"))).to_be_visible()
    expect(page.get_by_text(re.compile("agency admin"))).to_have_count(0)
    page.get_by_role("link", name="Back to my groups").click()
    expect(page).to_have_url("/portal/")
    expect(page.get_by_role("heading", name="Riverside Women's AA")).to_be_visible()


def test_the_liaison_opens_the_office_on_what_needs_doing(page):
    agency = make_agency(name="Riverside Community Mental Health")
    make_staff(agency, StaffMembership.Role.LIAISON, make_unit(agency), email="luis@example.org")
    NewGroupRequest.objects.create(
        group=make_group(name="Millbrook Hearing Voices Group", status="pending"),
        contact_name="Sam",
        contact_email="sam@example.org",
    )
    checked = make_group(name="Leaderless Group", verified_at=timezone.now())
    Suggestion.objects.create(group=checked, source="public", note="New room")
    Suggestion.objects.create(group=checked, source="public", note="New time")
    sign_in(page, "luis@example.org", PASSWORD)
    expect(page).to_have_url("/office/")
    todo = page.locator(".office-todo")
    expect(todo).to_contain_text("1 new group")
    expect(todo).to_contain_text("2 suggestions")
    expect(todo.get_by_role("link", name="Millbrook Hearing Voices Group")).to_be_visible()
    todo.get_by_role("link", name=re.compile("1 new group")).click()
    expect(page).to_have_url("/office/listings/#new-title")
    expect(page.get_by_role("link", name="Millbrook Hearing Voices Group")).to_be_visible()
