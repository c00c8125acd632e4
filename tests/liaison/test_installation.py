"""Who runs the site, how to reach the office, where to turn now: on every public page."""

import json

import pytest
from django.urls import reverse

from liaison.models import Installation
from tests.factory import make_event, make_group, make_meeting

PROFILE = {
    "name": "Riverside Self-Help Connections",
    "organization": "the Liaison Office of Riverside Community Mental Health",
    "phone": "(555) 010-2010",
    "email": "liaison@riverside.example",
    "hours": "Monday to Friday, 9 am to 5 pm",
    "address": "120 River Street, Riverside",
    "crisis_line_name": "988 Suicide & Crisis Lifeline",
    "crisis_line_phone": "988",
    "crisis_line_texts": "on",
    "crisis_line_url": "https://988lifeline.org/",
    "emergency_number": "911",
    "privacy": "",
    "accessibility": "",
}


@pytest.fixture
def public_pages(agency):
    group = make_group(name="Riverside Women's AA")
    make_meeting(group)
    event = make_event(agency, is_public=True)
    return [
        reverse("pages:home"),
        reverse("groups:directory"),
        reverse("groups:directory") + "?q=nothing+like+this",
        reverse("groups:detail", args=[group.slug]),
        reverse("events:calendar"),
        event.get_absolute_url(),
        reverse("surveys:evidence"),
        reverse("groups:new"),
        reverse("pages:help"),
        reverse("pages:privacy"),
        reverse("pages:accessibility"),
        reverse("login"),
    ]


def test_before_any_profile_every_page_gives_the_us_crisis_line_and_the_sites_name(
    client, public_pages, settings
):
    settings.SITE_NAME = "Hudson Valley Groups"
    for url in public_pages:
        body = client.get(url).content.decode()
        assert "Need help now?" in body, url
        assert 'href="tel:988"' in body and 'href="tel:911"' in body, url
        assert "· Hudson Valley Groups</title>" in body, url
        assert "Liaison" not in body.split("<title>")[1].split("</title>")[0]


def test_the_profile_set_by_the_superuser_is_on_every_public_page_at_once(
    client_of, superuser, public_pages
):
    browser = client_of(superuser)
    response = browser.post(reverse("liaison:installation"), PROFILE)
    assert response.status_code == 302
    browser = client_of(None)
    for url in public_pages:
        body = browser.get(url).content.decode()
        assert "· Riverside Self-Help Connections</title>" in body, url
        assert 'href="tel:(555) 010-2010"' in body and "Monday to Friday, 9 am to 5 pm" in body
        assert "kept by the Liaison Office of Riverside Community Mental Health" in body, url
        for link in ("pages:help", "pages:privacy", "pages:accessibility"):
            assert f'href="{reverse(link)}"' in body, (url, link)


@pytest.mark.page_cache
def test_a_changed_profile_is_not_hidden_by_the_public_page_cache(client_of, superuser, agency):
    group = make_group(name="Kept Group")
    make_meeting(group)
    url = reverse("groups:detail", args=[group.slug])
    anonymous = client_of(None)
    assert anonymous.get(url)["X-Page-Cache"] == "miss"
    assert anonymous.get(url)["X-Page-Cache"] == "hit"
    client_of(superuser).post(reverse("liaison:installation"), {**PROFILE, "name": "New Name"})
    response = client_of(None).get(url)
    assert "· New Name</title>" in response.content.decode()


def test_another_country_sets_its_own_crisis_line(client_of, superuser):
    client_of(superuser).post(
        reverse("liaison:installation"),
        {
            **PROFILE,
            "crisis_line_name": "Samaritans",
            "crisis_line_phone": "116 123",
            "crisis_line_texts": "",
            "emergency_number": "999",
        },
    )
    body = client_of(None).get(reverse("pages:help")).content.decode()
    assert 'href="tel:116 123"' in body and 'href="tel:999"' in body
    assert "Call <a" in body and "call or text" not in body.lower()
    assert 'href="tel:988"' not in body


def test_no_results_say_how_to_reach_the_office_and_the_crisis_line(client_of, superuser):
    client_of(superuser).post(reverse("liaison:installation"), PROFILE)
    body = client_of(None).get(reverse("groups:directory"), {"q": "zzzz"}).content.decode()
    tail = body.split("Try fewer words")[1]
    assert "(555) 010-2010" in tail.split("</div>")[0]
    assert 'href="tel:988"' in tail.split("</div>")[0]


def test_the_feed_names_the_office_of_the_profile(client_of, superuser):
    make_meeting(make_group(name="Fed Group"))
    client_of(superuser).post(reverse("liaison:installation"), PROFILE)
    meeting = json.loads(client_of(None).get(reverse("meetings_json")).content)[0]
    assert meeting["entity"] == "Riverside Self-Help Connections"
    assert meeting["entity_phone"] == "(555) 010-2010"
    assert meeting["entity_email"] == "liaison@riverside.example"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required"),
        ("name", "N" * 5000, "at most 120 characters"),
        ("email", "not an address", "Enter a valid email address"),
        ("crisis_line_phone", "", "This field is required"),
        ("crisis_line_url", "javascript:alert(1)", "Enter a valid URL"),
        ("privacy", "x" * 100_000, "at most 10000 characters"),
    ],
)
def test_bad_input_is_said_beside_its_field_and_keeps_what_was_typed(
    client_of, superuser, field, value, message
):
    response = client_of(superuser).post(reverse("liaison:installation"), {**PROFILE, field: value})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and f'id="error_1_id_{field}"' in body
    assert PROFILE["hours"] in body
    assert not Installation.objects.exists()


def test_staff_of_an_agency_cannot_change_the_sites_profile(client_of, agency_admin, liaison):
    for person in (agency_admin, liaison):
        response = client_of(person).post(reverse("liaison:installation"), PROFILE)
        assert response.status_code == 403
    assert not Installation.objects.exists()


def test_the_home_page_offers_one_tap_entries_and_listing_a_new_group(client, db):
    body = client.get(reverse("pages:home")).content.decode()
    directory = reverse("groups:directory")
    assert f'href="{directory}?when=soon"' in body
    assert f'href="{directory}?mode=online&amp;when=today"' in body
    for slug in ("alcohol", "drugs", "mental-health", "family", "bereavement", "medical"):
        assert f'href="{directory}?focus={slug}"' in body, slug
    assert f'href="{reverse("groups:new")}"' in body


def test_the_privacy_page_names_the_map_host_only_when_the_map_fetches_from_one(
    client, settings, db
):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert "tiles.example.org" in client.get(reverse("pages:privacy")).content.decode()
    settings.MAP_TILE_URL = ""
    assert "loads its background" not in client.get(reverse("pages:privacy")).content.decode()


@pytest.mark.parametrize("language", ["en", "es"])
def test_with_debug_on_a_missing_page_is_the_sites_own_in_the_visitors_language(
    client, settings, db, language
):
    settings.DEBUG = True
    for url in ("/no-such-page/", "/groups/no-such-group/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        body = response.content.decode()
        assert response.status_code == 404
        assert "URLconf" not in body and "Page not found at" not in body
        said = {
            "en": ("We could not find that page", "Need help now?"),
            "es": ("No encontramos esa página", "¿Necesita ayuda ahora?"),
        }[language]
        assert all(words in body for words in said)
