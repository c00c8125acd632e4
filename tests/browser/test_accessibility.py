"""WCAG 2.2 AA on the public pages, the leader portal and the staff's everyday pages (the office
home, the dashboard, the referrals, a client's consent and disclosures, the style guide), in
English and Spanish, on a desktop screen and on a 360 px phone: axe-core (vendored from its npm
package) finds no violation, and the directory, a group page, an event page and the staff's
lists do not scroll sideways on the phone."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from events.services import confirm_link, register
from groups.models import Contact, Language, Organization
from liaison.models import StaffMembership
from referrals.models import Referral
from referrals.services import disclose, referral_create
from surveys.models import Survey
from tests.factory import (
    PASSWORD,
    make_agency,
    make_client,
    make_consent,
    make_event,
    make_group,
    make_leader,
    make_location,
    make_meeting,
    make_staff,
    make_unit,
    make_user,
    make_volunteer,
)

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.2 adds its own rules (tag wcag22aa: target-size, 24 by 24 px) to 2.0's and 2.1's.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
LOCALES = {"en": "en-US", "es": "es-ES"}


def make_world():
    aa = Organization.objects.get(slug="aa")
    group = make_group(
        name="Riverside Women's AA",
        organization=aa,
        focus=["alcohol"],
        audience=["women"],
        description="A warm, steady group of women in recovery from alcohol.",
        who_attends="Women of all ages.",
        typical_format="A reading, a speaker, then sharing around the room.",
        public_phone="555 0100",
        public_email="riverside.women.aa@example.org",
        verified_at=timezone.now() - dt.timedelta(days=400),
    )
    group.listing_languages.set(Language.objects.filter(code="en"))
    # A place with a position and access features: the directory's map and the place's words.
    hall = make_location(
        name="St. Mark's Hall", latitude="40.712800", longitude="-74.006000", step_free=True
    )
    make_meeting(group, days=[2], start_time=dt.time(19), type_codes=["12x12", "W"], location=hall)
    make_meeting(
        group,
        days=[4],
        mode="hybrid",
        access="closed",
        languages=("es",),
        conference_phone="555 0199",
        start_time=dt.time(18, 30),
    )
    Contact.objects.create(group=group, first_name="Maria", last_name="Gonzalez")
    make_group(name="Healing After Loss", focus=["bereavement"])
    agency = make_agency(name="Riverside Community Mental Health")
    unit = make_unit(agency, name="Substance Use Services")
    priya = make_staff(agency, StaffMembership.Role.PRACTITIONER, unit, email="priya@example.org")
    make_staff(agency, StaffMembership.Role.EXECUTIVE, email="dana@example.org")
    make_leader(group, user=make_user(email="lead@example.org"))
    event = make_event(
        agency,
        title="Recovery Month picnic",
        title_es="Picnic del Mes de la Recuperación",
        capacity=30,
        is_public=True,
        description="Food, music and stories of recovery.",
        street_address="45 Library Lane",
        city="Riverside",
        postal_code="12580",
    )
    # The group wrote its listing in Spanish too, and is invited to co-sponsor the event.
    group.second_language = "es"
    group.second_description = "Un grupo cálido y constante de mujeres en recuperación."
    group.save()
    from events.models import Sponsorship

    Sponsorship.objects.create(event=event, group=group, role="cosponsor", answer="invited")
    from surveys.services import survey_from_template, survey_join, survey_open

    staff = make_staff(agency, StaffMembership.Role.LIAISON, email="luis@example.org")
    for template, for_group in (("clients", None), ("members", group)):
        survey = survey_from_template(agency=agency, template=template, by=staff, group=for_group)
        survey_open(survey=survey, by=staff)
    survey_join(survey=survey, by=staff)
    # A client of Priya's, referred with a peer volunteer under a signed consent: a referral
    # page, a follow-up due on her office home, a disclosure in the client's accounting.
    client = make_client(agency, unit, first_name="Tanya", last_name="Jones")
    volunteer = make_volunteer(group, first_name="Ana")
    make_consent(client, volunteer)
    referral, _ = referral_create(
        client=client, group=group, kind="intensive", volunteer=volunteer, by=priya
    )
    disclose(referral=referral, by=priya)
    return group, event


def _violations(page):
    # Loaded from the site itself: the Content-Security-Policy allows no inline script.
    assert AXE.exists()
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA,
    )
    return result["violations"]


def _readable(url, violations):
    lines = []
    for violation in violations:
        lines.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return lines


def _sign_in(page, email):
    # By the fields' ids: their labels are in the page's language.
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _scrolls_sideways(page):
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_public_portal_and_staff_pages_have_no_wcag_aa_violations(
    browser, live_server, language, viewport
):
    group, event = make_world()
    referral = Referral.objects.get()
    client, consent = referral.client, referral.client.consents.get()
    public_pages = [
        "/",
        "/groups/",
        "/groups/?day=tuesday&open=open",
        # A search near a place, and one whose place cannot be found (its error beside the box).
        "/groups/?lat=40.71&lon=-74.0&within=50",
        "/groups/?near=Atlantis",
        "/groups/print/?day=tuesday",
        group.get_absolute_url(),
        f"/groups/{group.slug}/suggest/",
        "/groups/new/",
        "/events/",
        event.get_absolute_url(),
        "/accounts/login/",
        "/groups/no-such-group/",
        "/evidence/",
        "/help/",
        "/privacy/",
        "/accessibility/",
        *[survey.get_respond_url() for survey in Survey.objects.all()],
        confirm_link(register(event=event, name="Kim", email="kim@example.org", base_url=""), ""),
        make_volunteer(group, first_name="Dev").get_absolute_url(),
        # A volunteer with a newcomer to meet: the client's consented details, a button to tap.
        referral.volunteer.get_absolute_url(),
    ]
    phone_pages = {
        "/",
        "/help/",
        "/groups/",
        "/groups/?near=Atlantis",
        "/groups/print/?day=tuesday",
        group.get_absolute_url(),
        event.get_absolute_url(),
    }
    staff_pages = {
        "/office/",
        "/referrals/",
        f"/referrals/{referral.pk}/",
        "/dashboard/",
        "/office/style/",
    }
    phone_pages |= staff_pages
    signed_in_pages = {
        # The style guide shows every part of the design in each of its states.
        "priya@example.org": [
            "/office/",
            "/referrals/",
            f"/referrals/{referral.pk}/",
            f"/referrals/clients/{client.pk}/",
            f"/referrals/consents/{consent.pk}/",
            f"/referrals/clients/{client.pk}/accounting/",
            f"/groups/{group.slug}/brief/",
            "/office/style/",
        ],
        "dana@example.org": ["/dashboard/", "/dashboard/summary/"],
        "lead@example.org": [
            "/portal/",
            f"/groups/{group.slug}/manage/",
            f"/groups/{group.slug}/edit/",
            f"/groups/{group.slug}/meetings/{group.meetings.first().pk}/",
            "/portal/events/",
            *[f"/portal/events/{s.pk}/" for s in group.sponsorships.all()],
            "/portal/surveys/",
            "/portal/referrals/",
            f"/portal/groups/{group.slug}/leaders/",
        ],
    }
    report, sideways = [], []

    def check(page, url):
        page.goto(url)
        assert page.evaluate("document.documentElement.lang") == language, url
        report.extend(_readable(url, _violations(page)))
        if viewport is PHONE and url in phone_pages and _scrolls_sideways(page):
            sideways.append(url)

    def new_page():
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, locale=LOCALES[language]
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        return context, page

    context, page = new_page()
    for url in public_pages:
        check(page, url)
    context.close()
    for email, urls in signed_in_pages.items():
        context, page = new_page()
        _sign_in(page, email)
        for url in urls:
            check(page, url)
        context.close()

    assert not report, "axe-core found WCAG 2.2 AA violations:\n" + "\n".join(report)
    assert not sideways, f"Scrolls sideways at 360 px: {sideways}"


def test_the_checker_finds_a_violation_when_there_is_one(page):
    page.goto("/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')"
    )
    assert "label" in {violation["id"] for violation in _violations(page)}


def test_the_checker_finds_a_target_too_small_to_tap(page):
    # WCAG 2.2's 24 by 24 px: two 12 px buttons side by side, with no room around them (sized
    # through the CSSOM, which the Content-Security-Policy allows).
    page.goto("/")
    page.evaluate(
        """() => {
            const row = document.createElement("p");
            for (const word of ["a", "b"]) {
                const button = document.createElement("button");
                button.textContent = word;
                Object.assign(button.style, {
                    width: "12px", height: "12px", padding: "0", border: "0", fontSize: "8px"
                });
                row.append(button);
            }
            document.querySelector("main").append(row);
        }"""
    )
    assert "target-size" in {violation["id"] for violation in _violations(page)}
