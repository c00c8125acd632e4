"""The HSDS 3.0 API: every answer checked against the official schemas in the standards folder,
the pages, filters and bad parameters, the schedules, privacy, stable ids, and a fixed number of
queries per page."""

import datetime as dt
import json
import uuid
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from groups.hsds import api
from groups.models import (
    Contact,
    FocusArea,
    Language,
    Location,
    Meeting,
    Organization,
    SelfHelpGroup,
)
from tests.factory import (
    make_agency,
    make_assessment,
    make_group,
    make_location,
    make_meeting,
    make_organization,
)

ROOT = "/api/hsds/"
SERVICES = "/api/hsds/services"
ORGANIZATIONS = "/api/hsds/organizations"

# --- the official schemas -------------------------------------------------------------------------

UPSTREAM = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
# The openapi names two compiled files the standards folder does not hold: the fully nested
# service is compiled/service_with_definitions.json, the organization is organization.json.
ALIASES = {
    "compiled/service.json": "compiled/service_with_definitions.json",
    "compiled/organization.json": "organization.json",
}


def _schema_dir() -> Path:
    return settings.STANDARDS_DIR / "hsds-3.0" / "schema"


def _retrieve(uri: str) -> Resource:
    """The schemas refer to each other by file name ("phone.json") or by their upstream URL:
    both are read from the standards folder."""
    name = uri.removeprefix(UPSTREAM)
    name = ALIASES.get(name, name)
    path = _schema_dir() / name
    if not path.exists():  # "phone.json" met from inside a compiled/ schema
        path = _schema_dir() / Path(name).name
    contents = json.loads(path.read_text(encoding="utf-8"))
    return Resource.from_contents(contents, default_specification=DRAFT202012)


def _pointer(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


@cache
def _validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": ref},
        registry=Registry(retrieve=_retrieve),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _openapi_response(path: str) -> str:
    return (
        f"{UPSTREAM}openapi.json#/paths/{_pointer(path)}"
        "/get/responses/200/content/application~1json/schema"
    )


def assert_valid(data, ref: str):
    errors = sorted(_validator(ref).iter_errors(data), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def assert_valid_service(data):
    assert_valid(data, _openapi_response("/services/{id}"))  # compiled, self-contained
    assert_valid(data, UPSTREAM + "service.json")  # the per-object schemas and their $refs


def assert_valid_service_page(data, *, full=False):
    assert_valid(data, _openapi_response("/services"))
    if full:
        for item in data["contents"]:
            assert_valid_service(item)


# --- helpers --------------------------------------------------------------------------------------


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def area(slug):
    return FocusArea.objects.get(slug=slug)


def listed_group(**kw):
    """A group with everything a service can carry: an organization, contacts, meetings of
    each kind, two languages, a place with coordinates and access notes."""
    kw.setdefault("organization", Organization.objects.get(slug="aa"))
    kw.setdefault("focus", ["alcohol", "mental-health"])
    group = make_group(
        description="A friendly women's meeting.",
        who_attends="Women of all ages.",
        typical_format="Readings, then sharing.",
        philosophy="One day at a time.",
        public_email="riverside@example.org",
        public_phone="555-0100",
        **kw,
    )
    place = make_location(
        name="St. Mark's Hall",
        latitude="40.712800",
        longitude="-74.006000",
        accessibility="Step-free entrance.",
        directions="Side door, by the car park.",
    )
    make_meeting(group, days=(1, 3), languages=("en", "es"), location=place)
    make_meeting(group, days=(5,), location=place, access=Meeting.Access.CLOSED)
    Contact.objects.create(group=group, first_name="Maria", last_name="Quennellworth", role="Rep")
    return group


# --- the root -------------------------------------------------------------------------------------


def test_the_root_says_which_hsds_version_and_where_its_openapi_is(client, db):
    data = get_json(client, ROOT)
    assert_valid(data, _openapi_response("/"))
    assert data["version"] == "3.0"
    assert data["openapi_url"].startswith("https://")
    assert data["profile"].startswith("https://")


# --- one service ----------------------------------------------------------------------------------


def test_a_service_is_the_fully_nested_listing_and_validates(client, db):
    group = listed_group()
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    assert_valid_service(data)

    assert data["id"] == str(group.uuid)
    assert data["organization_id"] == str(group.organization.uuid)
    assert data["organization"]["name"] == "Alcoholics Anonymous"
    assert data["name"] == group.name
    assert data["status"] == "active"
    assert data["url"] == f"http://testserver/groups/{group.slug}/"
    assert data["email"] == "riverside@example.org"
    assert data["description"].startswith("A friendly women's meeting.")
    assert "Who goes: Women of all ages." in data["description"]
    assert "Philosophy: One day at a time." in data["description"]
    assert data["assured_date"] == timezone.localdate(group.verified_at).isoformat()
    assert dt.datetime.fromisoformat(data["last_modified"]) >= group.updated_at
    assert [phone["number"] for phone in data["phones"]] == ["555-0100"]
    assert {(lang["code"], lang["name"]) for lang in data["languages"]} == {
        ("en", "English"),
        ("es", "Spanish"),
    }
    assert [(c["name"], c["title"]) for c in data["contacts"]] == [("Maria Q.", "Rep")]
    assert len(data["schedules"]) == 2
    assert {a["taxonomy_term"]["code"] for a in data["attributes"]} == {"alcohol", "mental-health"}


def test_meetings_in_one_place_make_one_service_at_location(client, db):
    group = listed_group()
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    [at_location] = data["service_at_locations"]
    place = Location.objects.get(name="St. Mark's Hall")
    location = at_location["location"]
    assert at_location["location_id"] == location["id"] == str(place.uuid)
    assert location["location_type"] == "physical"
    assert (location["latitude"], location["longitude"]) == (40.7128, -74.006)
    assert location["accessibility"][0]["description"] == "Step-free entrance."
    [address] = location["addresses"]
    assert address["address_1"] == place.street
    assert (address["city"], address["state_province"], address["country"]) == (
        "Riverside",
        "NY",
        "US",
    )
    assert address["address_type"] == "physical"
    for schedule in data["schedules"]:
        assert schedule["service_at_location_id"] == at_location["id"]


def test_a_focus_area_is_an_attribute_with_its_taxonomy_term(client, db):
    group = make_group(focus=["bereavement"])
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    assert_valid_service(data)
    [attribute] = data["attributes"]
    term = area("bereavement")
    assert attribute["link_id"] == str(group.uuid)
    assert attribute["link_entity"] == "service"
    assert attribute["taxonomy_term_id"] == attribute["taxonomy_term"]["id"] == str(term.uuid)
    assert attribute["taxonomy_term"]["taxonomy"] == "liaison-focus-areas"
    assert attribute["taxonomy_term"]["name"] == term.name


def test_an_independent_group_has_no_organization_and_still_validates(client, db):
    group = make_group()
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    assert_valid_service(data)
    assert "organization_id" not in data
    assert "organization" not in data
    assert data["schedules"] == data["contacts"] == data["service_at_locations"] == []


@pytest.mark.parametrize(
    ("kw", "byday", "freq"),
    [
        ({"days": (1, 3)}, "MO,WE", "WEEKLY"),
        ({"days": (0, 6)}, "SU,SA", "WEEKLY"),
        ({"days": (2,), "recurrence": "monthly", "month_week": 2}, "2TU", "MONTHLY"),
        ({"days": (5,), "recurrence": "monthly", "month_week": -1}, "-1FR", "MONTHLY"),
    ],
)
def test_schedules_say_the_days_as_ical_rules(client, db, kw, byday, freq):
    group = make_group()
    meeting = make_meeting(group, start_time=dt.time(18, 30), end_time=dt.time(20), **kw)
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    assert_valid_service(data)
    [schedule] = data["schedules"]
    assert schedule["id"] == str(meeting.uuid)
    assert schedule["service_id"] == str(group.uuid)
    assert (schedule["freq"], schedule["byday"]) == (freq, byday)
    assert (schedule["opens_at"], schedule["closes_at"]) == ("18:30", "20:00")
    assert schedule["description"] == meeting.schedule_text


def test_a_named_meeting_gives_its_name_with_the_schedule(client, db):
    group = make_group()
    make_meeting(group, name="Step study", days=(2,))
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    assert data["schedules"][0]["description"] == "Step study: Tuesdays, 7 pm – 8 pm"


def test_names_are_sent_as_utf8_text(client, db):
    group = make_group(name="Grupo Esperanza de Peñuelas")
    response = client.get(f"{SERVICES}/{group.uuid}")
    assert "Peñuelas".encode() in response.content


def test_a_schedule_gives_its_time_zone_as_the_offset_of_its_next_meeting(client, db):
    group = make_group()
    make_meeting(group, timezone="America/New_York")
    make_meeting(group, timezone="Asia/Kolkata", days=(4,))
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    offsets = sorted(schedule["timezone"] for schedule in data["schedules"])
    assert offsets[0] in (-5, -4)
    assert offsets[1] == 5.5


@pytest.mark.parametrize("mode", ["in_person", "online", "hybrid"])
def test_a_schedule_says_how_the_meeting_is_attended(client, db, mode):
    group = make_group()
    make_meeting(group, mode=mode)
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    assert_valid_service(data)
    [schedule] = data["schedules"]
    assert schedule["attending_type"] == mode
    assert len(data["service_at_locations"]) == (0 if mode == "online" else 1)
    assert ("schedule_link" in schedule) == (mode != "in_person")


def test_a_schedule_says_whether_the_meeting_is_open_or_closed(client, db):
    group = make_group()
    make_meeting(group, access=Meeting.Access.CLOSED, notes="Bring a friend.")
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    notes = data["schedules"][0]["notes"]
    assert notes.startswith("Closed meeting")
    assert "Bring a friend." in notes


def test_paused_and_ended_meetings_are_not_schedules(client, db):
    group = make_group()
    kept = make_meeting(group, languages=("en",))
    make_meeting(group, status=Meeting.Status.PAUSED, languages=("fr",))
    make_meeting(group, status=Meeting.Status.ENDED, mode="online", languages=("pl",))
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    assert [schedule["id"] for schedule in data["schedules"]] == [str(kept.uuid)]
    assert [language["code"] for language in data["languages"]] == ["en"]
    assert len(data["service_at_locations"]) == 1


@pytest.mark.parametrize("status", ["pending", "inactive"])
def test_an_unlisted_group_is_not_found(client, db, status):
    group = make_group(status=status)
    data = get_json(client, f"{SERVICES}/{group.uuid}", status=404)
    assert str(group.uuid) in data["message"]


def test_an_unknown_id_is_a_json_404(client, db):
    data = get_json(client, f"{SERVICES}/{uuid.uuid4()}", status=404)
    assert data["status"] == 404
    get_json(client, f"{ORGANIZATIONS}/{uuid.uuid4()}", status=404)


# --- the list of services -------------------------------------------------------------------------


def test_services_come_in_pages_with_the_page_fields(client, db):
    names = [make_group(name=f"Group {letter}").name for letter in "EDCBA"]
    first = get_json(client, SERVICES, per_page=3)
    assert_valid_service_page(first)
    assert {key: value for key, value in first.items() if key != "contents"} == {
        "total_items": 5,
        "total_pages": 2,
        "page_number": 1,
        "size": 3,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    second = get_json(client, SERVICES, per_page=3, page=2)
    assert_valid_service_page(second)
    assert (second["page_number"], second["size"]) == (2, 2)
    assert (second["first_page"], second["last_page"]) == (False, True)
    listed = [item["name"] for item in first["contents"] + second["contents"]]
    assert listed == sorted(names)

    past_the_end = get_json(client, SERVICES, per_page=3, page=3)
    assert (past_the_end["size"], past_the_end["contents"]) == (0, [])
    assert past_the_end["last_page"] is True


def test_an_empty_list_says_so(client, db):
    data = get_json(client, SERVICES)
    assert_valid_service_page(data)
    assert data["empty"] is True
    assert (data["total_items"], data["size"], data["contents"]) == (0, 0, [])


def test_list_items_have_the_one_to_one_fields_and_full_gives_nested_services(client, db):
    group = listed_group()
    plain = get_json(client, SERVICES)
    assert_valid_service_page(plain)
    [item] = plain["contents"]
    assert item["id"] == str(group.uuid)
    assert item["organization"]["id"] == str(group.organization.uuid)
    assert "schedules" not in item

    full = get_json(client, SERVICES, full="true")
    assert_valid_service_page(full, full=True)
    assert full["contents"][0] == get_json(client, f"{SERVICES}/{group.uuid}")


def test_the_list_shows_only_listed_groups(client, db):
    listed = make_group()
    make_group(status="pending")
    make_group(status="inactive")
    data = get_json(client, SERVICES)
    assert [item["id"] for item in data["contents"]] == [str(listed.uuid)]


def test_search_filters_services(client, db):
    make_group(name="Riverside Grief Circle", focus=["bereavement"])
    make_group(name="Hilltop Gamblers", focus=["behaviours"])
    data = get_json(client, SERVICES, search="grief")
    assert_valid_service_page(data)
    assert [item["name"] for item in data["contents"]] == ["Riverside Grief Circle"]


def test_modified_after_filters_services(client, db):
    old = make_group(name="Old news")
    fresh = make_group(name="Fresh")
    long_ago = timezone.now() - dt.timedelta(days=400)
    SelfHelpGroup.objects.filter(pk=old.pk).update(updated_at=long_ago)
    SelfHelpGroup.objects.filter(pk=fresh.pk).update(updated_at=timezone.now())
    last_month = (timezone.now() - dt.timedelta(days=30)).date().isoformat()
    for value in [last_month, f"{last_month}T00:00:00Z", f"{last_month}T00:00:00+02:00"]:
        data = get_json(client, SERVICES, modified_after=value)
        assert [item["name"] for item in data["contents"]] == ["Fresh"], value


def test_a_changed_meeting_counts_as_a_change_to_its_service(client, db):
    group = make_group()
    meeting = make_meeting(group)
    long_ago = timezone.now() - dt.timedelta(days=400)
    SelfHelpGroup.objects.filter(pk=group.pk).update(updated_at=long_ago)
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now())
    yesterday = (timezone.now() - dt.timedelta(days=1)).isoformat()
    [item] = get_json(client, SERVICES, modified_after=yesterday)["contents"]
    assert dt.datetime.fromisoformat(item["last_modified"]) > long_ago


def test_a_moved_meeting_place_counts_as_a_change_to_its_service(client, db):
    group = make_group()
    meeting = make_meeting(group)
    long_ago = timezone.now() - dt.timedelta(days=400)
    SelfHelpGroup.objects.filter(pk=group.pk).update(updated_at=long_ago)
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=long_ago)
    Location.objects.filter(pk=meeting.location_id).update(updated_at=long_ago)
    yesterday = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert get_json(client, SERVICES, modified_after=yesterday)["empty"] is True
    Location.objects.filter(pk=meeting.location_id).update(updated_at=timezone.now())
    [item] = get_json(client, SERVICES, modified_after=yesterday)["contents"]
    assert item["id"] == str(group.uuid)


def test_taxonomy_term_id_filters_services(client, db):
    grief = make_group(name="Grief", focus=["bereavement", "family"])
    make_group(name="Gambling", focus=["behaviours"])
    data = get_json(client, SERVICES, taxonomy_term_id=str(area("bereavement").uuid))
    assert [item["id"] for item in data["contents"]] == [str(grief.uuid)]
    none = get_json(client, SERVICES, taxonomy_term_id=str(uuid.uuid4()))
    assert none["empty"] is True


def test_organization_id_filters_services(client, db):
    aa = Organization.objects.get(slug="aa")
    member = make_group(name="Riverside AA", organization=aa)
    make_group(name="Independent")
    data = get_json(client, SERVICES, organization_id=str(aa.uuid))
    assert [item["id"] for item in data["contents"]] == [str(member.uuid)]


def test_filters_combine(client, db):
    aa = Organization.objects.get(slug="aa")
    both = make_group(name="Riverside AA Grief", organization=aa, focus=["bereavement"])
    make_group(name="Riverside AA", organization=aa, focus=["alcohol"])
    make_group(name="Riverside Grief", focus=["bereavement"])
    data = get_json(
        client,
        SERVICES,
        organization_id=str(aa.uuid),
        taxonomy_term_id=str(area("bereavement").uuid),
        search="riverside",
    )
    assert [item["id"] for item in data["contents"]] == [str(both.uuid)]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page": "-1"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "201"}, "200"),
        ({"per_page": "1.5"}, "per_page"),
        ({"modified_after": "yesterday"}, "ISO 8601"),
        ({"modified_after": "2025-13-45"}, "modified_after"),
        ({"taxonomy_term_id": "alcohol"}, "UUID"),
        ({"organization_id": "42"}, "organization_id"),
        ({"full": "maybe"}, "full"),
    ],
)
def test_a_bad_parameter_is_a_400_with_a_message(client, db, params, words):
    make_group()
    data = get_json(client, SERVICES, status=400, **params)
    assert data["status"] == 400
    assert words in data["message"]


@pytest.mark.parametrize("params", [{"page": "x"}, {"per_page": "500"}])
def test_a_bad_organization_page_is_a_400(client, db, params):
    assert get_json(client, ORGANIZATIONS, status=400, **params)["status"] == 400


# --- organizations --------------------------------------------------------------------------------


def test_organizations_come_in_pages_and_validate(client, db):
    total = Organization.objects.count()
    assert total > 2  # the reference data
    data = get_json(client, ORGANIZATIONS, per_page=2)
    assert_valid(data, _openapi_response("/organizations"))
    assert (data["total_items"], data["total_pages"], data["size"]) == (total, -(-total // 2), 2)
    aa = Organization.objects.get(slug="aa")
    everything = get_json(client, ORGANIZATIONS, per_page=200)["contents"]
    [record] = [item for item in everything if item["id"] == str(aa.uuid)]
    assert (record["name"], record["website"]) == ("Alcoholics Anonymous", aa.website)


def test_an_organization_without_a_description_uses_its_name(client, db):
    organization = make_organization(name="Quiet Fellowship", description="")
    data = get_json(client, f"{ORGANIZATIONS}/{organization.uuid}")
    assert_valid(data, _openapi_response("/organizations/{id}"))
    assert data["description"] == "Quiet Fellowship"


def test_an_organization_lists_its_listed_services(client, db):
    organization = make_organization(name="Grow", description="Peer support.")
    listed = make_group(name="Grow Riverside", organization=organization)
    make_group(name="Grow Pending", organization=organization, status="pending")
    data = get_json(client, f"{ORGANIZATIONS}/{organization.uuid}")
    assert_valid(data, _openapi_response("/organizations/{id}"))
    assert data["id"] == str(organization.uuid)
    assert [service["id"] for service in data["services"]] == [str(listed.uuid)]
    for service in data["services"]:
        assert_valid(service, UPSTREAM + "compiled/service_list.json")
        assert service["organization_id"] == str(organization.uuid)


# --- privacy and stable ids -----------------------------------------------------------------------


def _every_response(client, group):
    organization = group.organization
    urls = [
        ROOT,
        SERVICES,
        f"{SERVICES}?full=true",
        f"{SERVICES}?search=riverside&full=true",
        f"{SERVICES}/{group.uuid}",
        ORGANIZATIONS,
        f"{ORGANIZATIONS}/{organization.uuid}",
    ]
    return [client.get(url).content.decode() for url in urls]


def test_nothing_private_is_ever_published(client, db):
    group = listed_group(name="Riverside Women's AA")
    Contact.objects.filter(group=group).update(email="maria.private@example.org", phone="555-7777")
    Contact.objects.create(
        group=group, first_name="Hidden", last_name="Person", role="Treasurer", is_public=False
    )
    make_assessment(make_agency(), group, notes="Leadership is shaky; watch this group.")
    aa = group.organization
    pending = make_group(name="Riverside Pending Secret", organization=aa, status="pending")
    inactive = make_group(name="Riverside Closed Secret", organization=aa, status="inactive")
    for body in _every_response(client, group):
        for secret in [
            "Quennellworth",
            "maria.private@example.org",
            "555-7777",
            "Hidden",
            "Treasurer",
            "Leadership is shaky",
            "Secret",
            str(pending.uuid),
            str(inactive.uuid),
        ]:
            assert secret not in body


def test_ids_are_the_model_uuids_and_stay_the_same(client, db):
    group = listed_group()
    first = get_json(client, f"{SERVICES}/{group.uuid}")
    again = get_json(client, f"{SERVICES}/{group.uuid}")
    assert first == again
    meetings = set(Meeting.objects.filter(group=group).values_list("uuid", flat=True))
    contacts = set(Contact.objects.filter(group=group).values_list("uuid", flat=True))
    assert {uuid.UUID(schedule["id"]) for schedule in first["schedules"]} == meetings
    assert {uuid.UUID(contact["id"]) for contact in first["contacts"]} == contacts
    derived = [first["phones"][0]["id"], first["service_at_locations"][0]["id"]]
    derived += [language["id"] for language in first["languages"]]
    derived += [attribute["id"] for attribute in first["attributes"]]
    assert len(set(derived)) == len(derived)
    for value in derived:
        uuid.UUID(value)


# --- response headers -----------------------------------------------------------------------------


def test_responses_may_be_cached_publicly_for_five_minutes(client, db):
    group = make_group()
    for url in [ROOT, SERVICES, f"{SERVICES}/{group.uuid}", ORGANIZATIONS]:
        cache_control = client.get(url)["Cache-Control"]
        assert "public" in cache_control
        assert "max-age=300" in cache_control


def test_an_answer_varies_on_no_header_and_carries_an_etag_for_a_304(client_of, liaison):
    """The same answer for everyone, in English, signed in or not: a shared cache keeps one copy
    (no `Vary`), and a client that has it gets a 304."""
    group = make_group()
    anonymous = client_of(None)
    anonymous.cookies["django_language"] = "es"
    urls = [ROOT, SERVICES, f"{SERVICES}?page=2&per_page=1", f"{SERVICES}/{group.uuid}"]
    urls += [ORGANIZATIONS, "/api/hsds/taxonomy_terms"]
    for url in urls:
        response = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="es")
        assert response.status_code == 200
        assert "Vary" not in response, url
        etag = response["ETag"]
        again = anonymous.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_LANGUAGE="es")
        assert (again.status_code, again["ETag"]) == (304, etag)
        assert "public" in again["Cache-Control"] and "Vary" not in again
        assert again["Access-Control-Allow-Origin"] == "*"
    staff = client_of(liaison).get(SERVICES)
    assert "Vary" not in staff
    assert staff["ETag"] == anonymous.get(SERVICES)["ETag"]
    # An answer that is not the list (a 404, a 400) carries no tag, and is never a 304.
    missing = anonymous.get(f"{SERVICES}/{uuid.uuid4()}", HTTP_IF_NONE_MATCH="*")
    assert missing.status_code == 404 and "ETag" not in missing


@pytest.mark.page_cache
def test_a_kept_answer_keeps_its_etag_and_answers_304_without_a_query(client, db):
    make_group(name="First")
    first = client.get(SERVICES)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        kept = client.get(SERVICES)
        again = client.get(SERVICES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert len(queries) == 0
    assert (kept["X-Page-Cache"], kept["ETag"]) == ("hit", first["ETag"])
    assert again.status_code == 304
    make_group(name="Second")
    changed = client.get(SERVICES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_the_api_is_read_only(client, db):
    assert client.post(SERVICES).status_code == 405


# --- a fixed number of queries per page -----------------------------------------------------------


def _bulk_listing(count):
    """`count` listed groups, each with two meetings in two languages at its own place, two
    contacts and two focus areas: made in a few queries, where the factories would take minutes."""
    run = uuid.uuid4().hex[:6]
    organizations = list(Organization.objects.order_by("pk")[:3])
    areas = list(FocusArea.objects.order_by("pk")[:3])
    languages = list(Language.objects.filter(code__in=["en", "es", "fr"]))
    now = timezone.now()
    groups = SelfHelpGroup.objects.bulk_create(
        SelfHelpGroup(
            name=f"Bulk {run} {n:05d}",
            slug=f"bulk-{run}-{n}",
            status=SelfHelpGroup.Status.ACTIVE,
            organization=organizations[n % 3] if n % 4 else None,
            public_phone="555-0100",
            verified_at=now,
            search_text=f"bulk {run} {n:05d}",
        )
        for n in range(count)
    )
    if connection.vendor == "postgresql":
        SelfHelpGroup.objects.filter(slug__startswith=f"bulk-{run}-").update(
            search_vector=SearchVector("name", config="english")
        )
    places = Location.objects.bulk_create(
        Location(name=f"Hall {run} {n}", street=f"{n} Main St", city="Riverside")
        for n in range(count)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            group=group,
            slug=f"bulk-{run}-{n}-{k}",
            weekdays=0b0001010 if k else 0b0000100,
            recurrence="weekly" if k else "monthly",
            month_week=None if k else -1,
            start_time=dt.time(19),
            mode="in_person" if k else "hybrid",
            location=place,
            conference_url="" if k else "https://meet.example.org/x",
        )
        for n, (group, place) in enumerate(zip(groups, places, strict=True))
        for k in range(2)
    )
    Meeting.languages.through.objects.bulk_create(
        Meeting.languages.through(meeting=meeting, language=languages[(n + k) % 3])
        for n, meeting in enumerate(meetings)
        for k in range(2)
    )
    Contact.objects.bulk_create(
        Contact(group=group, first_name=f"First{k}", last_name="Last", is_public=bool(k))
        for group in groups
        for k in range(2)
    )
    SelfHelpGroup.focus_areas.through.objects.bulk_create(
        SelfHelpGroup.focus_areas.through(selfhelpgroup=group, focusarea=areas[(n + k) % 3])
        for n, group in enumerate(groups)
        for k in range(2)
    )


def _query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.json()


def test_a_page_of_services_takes_the_same_queries_for_10_or_300_groups(client, db):
    _bulk_listing(10)
    small_full, data = _query_count(client, f"{SERVICES}?full=true")
    assert data["size"] == 10
    assert_valid_service_page(data, full=True)
    small_plain, _ = _query_count(client, SERVICES)
    small_detail, _ = _query_count(client, f"{SERVICES}/{data['contents'][0]['id']}")
    busiest = Organization.objects.order_by("pk").first()
    small_organization, _ = _query_count(client, f"{ORGANIZATIONS}/{busiest.uuid}")

    _bulk_listing(290)
    large_full, data = _query_count(client, f"{SERVICES}?full=true")
    assert (data["total_items"], data["size"]) == (300, 50)
    widest, data = _query_count(client, f"{SERVICES}?full=true&per_page=200")
    assert data["size"] == 200
    assert_valid_service_page(data, full=True)
    large_plain, _ = _query_count(client, f"{SERVICES}?per_page=200")
    filtered, _ = _query_count(client, f"{SERVICES}?full=true&search=bulk&per_page=200")
    large_organization, data = _query_count(client, f"{ORGANIZATIONS}/{busiest.uuid}")
    assert len(data["services"]) == 75

    # The page's keys with the count, then the page, then one query each for meetings, their
    # languages, contacts and focus areas; the one-to-one list needs only the first two.
    assert small_full == large_full == widest == 6
    # On PostgreSQL a search first asks the full-text index whether anything matches.
    assert filtered == 6 + (connection.vendor == "postgresql")
    assert small_plain == large_plain == 2
    assert small_detail == 5
    assert small_organization == large_organization == 2


def _page_ids(client, url, **params):
    data = get_json(client, url, **params)
    return data, [item["id"] for item in data["contents"]]


@pytest.mark.parametrize(
    "params",
    [{}, {"full": "true"}, {"search": "bulk"}, {"organization_id": "aa"}, {"modified_after": "x"}],
)
def test_every_page_holds_the_rows_a_plain_slice_of_the_list_gives(client, db, params):
    """Pages are made ids first; they must be what slicing the annotated list gives, in the same
    order, ties (the same name) broken the same way, filters and all."""
    _bulk_listing(40)
    aa = Organization.objects.get(slug="aa")
    twins = SelfHelpGroup.objects.bulk_create(
        SelfHelpGroup(name="Bulk twin", slug=f"bulk-twin-{n}", status="active", organization=aa)
        for n in range(5)
    )
    if connection.vendor == "postgresql":
        SelfHelpGroup.objects.filter(pk__in=[t.pk for t in twins]).update(
            search_vector=SearchVector("name", config="english")
        )
    SelfHelpGroup.objects.filter(pk__in=[t.pk for t in twins]).update(search_text="bulk twin")
    long_ago = timezone.now() - dt.timedelta(days=400)
    SelfHelpGroup.objects.filter(pk__in=[t.pk for t in twins[:2]]).update(updated_at=long_ago)
    params = dict(params)
    if "organization_id" in params:
        params["organization_id"] = str(aa.uuid)
    if "modified_after" in params:
        params["modified_after"] = (timezone.now() - dt.timedelta(days=1)).isoformat()
    query = QueryDict(mutable=True)
    query.update(params)
    listed = list(api._filtered_services(query, full=False))
    assert len(listed) > 14
    seen = []
    for number in range(1, 8):
        data, ids = _page_ids(client, SERVICES, per_page=7, page=number, **params)
        start = (number - 1) * 7
        plain = listed[start : start + 7]
        assert ids == [str(group.uuid) for group in plain], number
        assert [item["last_modified"] for item in data["contents"]] == [
            api._utc_timestamp(group.last_changed) for group in plain
        ]
        assert data["total_items"] == len(listed)
        seen += ids
    assert seen == [str(group.uuid) for group in listed][: len(seen)]


def test_modified_after_picks_the_groups_whose_last_change_is_that_late(client, db):
    """The filter does not work out each group's `last_changed`; it must pick the same groups as
    comparing it would, whichever of the group, a meeting or a place changed last."""
    now = timezone.now()
    moments = [now - dt.timedelta(days=days) for days in (300, 200, 100)]
    for group_at in moments:
        for meeting_at in [None, *moments]:
            for place_at in [None, *moments]:
                group = make_group()
                if meeting_at is not None:
                    meeting = make_meeting(group, location=make_location())
                    Meeting.objects.filter(pk=meeting.pk).update(updated_at=meeting_at)
                    if place_at is not None:
                        Location.objects.filter(pk=meeting.location_id).update(updated_at=place_at)
                    else:
                        Meeting.objects.filter(pk=meeting.pk).update(location=None)
                SelfHelpGroup.objects.filter(pk=group.pk).update(updated_at=group_at)
    for days in (400, 250, 150, 50):
        since = now - dt.timedelta(days=days)
        latest = api.listed_groups().filter(last_changed__gte=since)
        expected = {str(key) for key in latest.values_list("uuid", flat=True)}
        data = get_json(client, SERVICES, modified_after=since.isoformat(), per_page=200)
        assert {item["id"] for item in data["contents"]} == expected, days
        assert data["total_items"] == len(expected)


def test_a_deep_page_takes_the_queries_the_first_page_takes(client, db):
    """The page's keys come first, so the number of the page changes neither the queries nor
    what they read: a count and the keys in one, the page's rows in another (and one each for
    the nested parts of a full service). Past the end, the count is asked on its own."""
    _bulk_listing(120)
    for extra in ["", "&full=true", "&search=bulk", "&modified_after=2000-01-01"]:
        counts = {
            number: _query_count(client, f"{SERVICES}?per_page=10&page={number}{extra}")[0]
            for number in (1, 2, 7, 12)
        }
        assert len(set(counts.values())) == 1, (extra, counts)
        past, data = _query_count(client, f"{SERVICES}?per_page=10&page=13{extra}")
        assert data["contents"] == [] and data["total_items"] == 120
        assert past <= counts[1] + 1
    first, _ = _query_count(client, f"{ORGANIZATIONS}?per_page=2&full_service=true")
    last, _ = _query_count(client, f"{ORGANIZATIONS}?per_page=2&page=2&full_service=true")
    assert first == last == 3


# --- the rest of the API: places, the taxonomy, parameters, ids, CORS -------------------------


def test_services_at_locations_come_in_pages_and_each_is_found_by_its_id(client, db):
    listed_group()
    page = get_json(client, "/api/hsds/service_at_locations")
    assert_valid(page, _openapi_response("/service_at_locations"))
    [item] = page["contents"]  # two meetings at one place: one service at one location
    assert get_json(client, f"/api/hsds/service_at_locations/{item['id']}") == item


def test_the_taxonomy_and_its_terms_are_published(client, db):
    taxonomies = get_json(client, "/api/hsds/taxonomies")
    assert_valid(taxonomies, _openapi_response("/taxonomies"))
    [taxonomy] = taxonomies["contents"]
    assert get_json(client, f"/api/hsds/taxonomies/{taxonomy['id']}") == taxonomy
    terms = get_json(client, "/api/hsds/taxonomy_terms", taxonomy_id=taxonomy["id"])
    assert_valid(terms, _openapi_response("/taxonomy_terms"))
    assert terms["total_items"] == FocusArea.objects.count()
    term = terms["contents"][0]
    assert get_json(client, f"/api/hsds/taxonomy_terms/{term['id']}") == term
    other = get_json(client, "/api/hsds/taxonomy_terms", taxonomy_id=str(uuid.uuid4()))
    assert other["total_items"] == 0


@pytest.mark.parametrize(
    ("url", "params", "words"),
    [
        (SERVICES, {"color": "blue"}, "Not supported here: color"),
        (SERVICES, {"format": "xml"}, "“format” may only be json"),
        (ORGANIZATIONS, {"full": "true"}, "Not supported here: full"),
        ("/api/hsds/taxonomies", {"search": "x"}, "Not supported here: search"),
    ],
)
def test_a_parameter_the_api_does_not_take_is_a_400_naming_it(client, db, url, params, words):
    body = get_json(client, url, status=400, **params)
    assert words in body["message"]


def test_minimal_taxonomy_id_and_organization_search_work(client, db):
    group = listed_group()
    minimal = get_json(client, SERVICES, full="true", minimal="true")
    assert "schedules" not in minimal["contents"][0]
    found = get_json(client, ORGANIZATIONS, search="Alcoholics Anonymous", full_service="true")
    assert [service["id"] for service in found["contents"][0]["services"]] == [str(group.uuid)]
    assert get_json(client, ORGANIZATIONS, search="no such name")["total_items"] == 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/services/not-a-uuid",
        "/api/hsds/organizations/12",
        "/api/hsds/service_at_locations/x",
        "/api/hsds/taxonomies/x",
        "/api/hsds/taxonomy_terms/x",
    ],
)
def test_any_bad_id_is_a_json_404(client, db, url):
    body = get_json(client, url, status=404)
    assert body["status"] == 404


def test_other_sites_scripts_may_read_the_api(client, db):
    for url in (SERVICES, ORGANIZATIONS, "/api/hsds/taxonomy_terms"):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"


def test_the_offset_is_the_next_meetings_across_a_change_to_summer_time(client, db, monkeypatch):
    # Saturday 2026-03-07, 12:00 in New York (UTC-5); the clocks go forward on Sunday 03-08.
    saturday = dt.datetime(2026, 3, 7, 17, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: saturday)
    group = make_group()
    make_meeting(group, timezone="America/New_York", days=(1,))  # Monday, after the change
    make_meeting(group, timezone="America/New_York", days=(6,), start_time=dt.time(19))
    data = get_json(client, f"{SERVICES}/{group.uuid}")
    offsets = {schedule["byday"]: schedule["timezone"] for schedule in data["schedules"]}
    assert offsets == {"MO": -4, "SA": -5}
