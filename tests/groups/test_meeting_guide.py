"""The Meeting Guide feed: conformance with the spec and the official type codes, privacy,
caching, speed, and a round trip through the importer."""

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.imports import importer as importers
from groups.models import Contact, Meeting, SelfHelpGroup
from tests.factory import make_group, make_location, make_meeting

URL = reverse("meetings_json")
OFFICIAL_CODES = set(
    json.loads((settings.STANDARDS_DIR / "meeting-guide" / "types.json").read_text())
)


def feed(client, **headers):
    response = client.get(URL, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.fixture
def listed(db):
    group = make_group(
        name="Riverside Women's AA",
        slug="riverside-womens-aa",
        audience=["women"],
        description="Women in recovery.",
        public_email="rwaa@example.org",
    )
    make_meeting(group, slug="rwaa-tuesday", days=[2], mode="online", type_codes=["D"])
    make_meeting(
        group,
        slug="rwaa-weekdays",
        days=[1, 3, 5],
        start_time=dt.time(7),
        end_time=dt.time(8),
        access="closed",
        languages=["en", "es"],
        location=make_location(latitude="41.7", longitude="-73.9"),
    )
    make_meeting(
        group,
        slug="rwaa-monthly",
        days=[5],
        recurrence="monthly",
        month_week=-1,
        mode="hybrid",
        notes="Potluck after.",
    )
    Contact.objects.create(
        group=group,
        first_name="Maria",
        last_name="Gonzalez",
        email="maria@example.org",
        phone="555-0101",
    )
    Contact.objects.create(group=group, first_name="Hidden", last_name="Person", is_public=False)
    paused = make_meeting(group, slug="rwaa-paused", status="paused")
    inactive = make_group(status="inactive")
    make_meeting(inactive, slug="gone")
    return group, paused


def test_the_feed_names_the_office_that_publishes_it_as_the_spec_asks(client, listed, settings):
    settings.SITE_NAME = "Riverside Liaison Office"
    settings.SITE_EMAIL = "office@riverside.example"
    settings.SITE_PHONE = "+1 845 555 0100"
    settings.SITE_ADDRESS = "10 Main Street, Riverside, NY 12580"
    settings.SITE_LOGO_URL = ""
    meeting = feed(client)[0]
    assert {key: value for key, value in meeting.items() if key.startswith("entity")} == {
        "entity": "Riverside Liaison Office",
        "entity_email": "office@riverside.example",
        "entity_phone": "+1 845 555 0100",
        "entity_location": "10 Main Street, Riverside, NY 12580",
        "entity_url": settings.SITE_URL,
    }


def test_it_lists_public_active_meetings_with_the_spec_fields(client, listed, settings):
    settings.SITE_URL = "https://directory.example.org/"
    meetings = {m["slug"]: m for m in feed(client)}
    # The spec has no monthly rule: a monthly meeting would be shown every week.
    assert set(meetings) == {"rwaa-tuesday", "rwaa-weekdays"}
    for meeting in meetings.values():
        assert meeting["name"] and meeting["slug"]
        assert re.fullmatch(r"\d\d:\d\d", meeting["time"])
        assert meeting["timezone"] == "America/New_York"
        assert set(meeting["types"]) <= OFFICIAL_CODES
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", meeting["updated"])
        # Made once for every reader, whatever address they asked on: the site's own address.
        page = "https://directory.example.org/groups/riverside-womens-aa/"
        assert meeting["url"] == page
        assert meeting["feedback_url"] == page + "suggest/"
        assert meeting["entity"] == settings.SITE_NAME
        assert meeting["group"] == "Riverside Women's AA"
    online = meetings["rwaa-tuesday"]
    assert online["day"] == 2
    assert online["attendance_option"] == "online"
    assert meetings["rwaa-weekdays"]["attendance_option"] == "in_person"
    assert online["conference_url"] == "https://meet.example.org/abc"
    assert "formatted_address" not in online
    assert set(online["types"]) == {"O", "W", "EN", "D"}
    several = meetings["rwaa-weekdays"]
    assert several["day"] == [1, 3, 5]
    assert (several["time"], several["end_time"]) == ("07:00", "08:00")
    assert {"C", "W", "EN", "S"} <= set(several["types"])
    assert several["latitude"] == 41.7 and several["longitude"] == -73.9
    assert "Riverside" in several["formatted_address"]


def test_monthly_meetings_stay_in_the_staff_table_with_their_rule(client_of, liaison, listed):
    table = client_of(liaison).get(reverse("meetings_csv")).content.decode("utf-8-sig")
    assert "Meets on the last Friday of the month. Potluck after." in table


@pytest.mark.usefixtures("listed")
def test_an_online_meeting_carries_its_area_as_an_approximate_address(client):
    Meeting.objects.filter(slug="rwaa-tuesday").update(area="Riverside, NY")
    online = {m["slug"]: m for m in feed(client)}["rwaa-tuesday"]
    assert (online["formatted_address"], online["approximate"]) == ("Riverside, NY", "yes")
    assert "address" not in online


def test_the_directory_names_the_feed_for_apps_to_find(client, db):
    page = client.get(reverse("groups:directory")).content.decode()
    assert f'<link rel="alternate" type="application/json" href="{URL}"' in page


def test_it_carries_no_last_names_and_nothing_private(client, listed):
    body = json.dumps(feed(client))
    assert "Maria G." in body
    for private in ["Gonzalez", "maria@example.org", "555-0101", "Hidden", "Person"]:
        assert private not in body


def test_it_answers_304_to_a_client_with_the_current_version(client, listed):
    first = client.get(URL)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    group, _ = listed
    meeting = group.meetings.get(slug="rwaa-tuesday")
    meeting.notes = "Moved to Zoom"
    meeting.save()
    changed = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Moved to Zoom" in changed.content.decode()


def test_it_says_anyone_may_read_it_and_how_long_to_keep_it(client, listed):
    response = client.get(URL)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]


def test_it_is_built_with_a_fixed_number_of_queries_for_few_and_many_meetings(client, db):
    from django.core.cache import cache

    def queries():
        cache.clear()  # the next request builds the feed again (the task runs in-process)
        with CaptureQueriesContext(connection) as ctx:
            feed(client)
        return len(ctx)

    for _ in range(3):
        make_meeting(make_group(audience=["women"]), refresh=False)
    feed(client)  # the first body stored
    few = queries()
    groups = SelfHelpGroup.objects.bulk_create(
        SelfHelpGroup(name=f"G{n}", slug=f"g{n}", status="active") for n in range(200)
    )
    Meeting.objects.bulk_create(
        Meeting(
            group=g,
            slug=f"{g.slug}-m",
            weekdays=4,
            start_time=dt.time(19),
            mode="online",
            conference_url="https://e.org/x",
        )
        for g in groups
    )
    # With the cache emptied, the feed reads the installation's profile too (its entity fields);
    # then the stored body, to keep its time if unchanged, and stores the new one.
    assert queries() == few <= 9


def test_a_second_request_is_served_from_the_cache(client, listed):
    feed(client)
    with CaptureQueriesContext(connection) as ctx:
        feed(client)
    assert len(ctx) == 0  # the fingerprint is kept too, until a listing changes


def test_export_then_import_into_an_empty_database_gives_the_same_meetings(client, listed):
    exported = feed(client)
    Meeting.objects.all().delete()
    SelfHelpGroup.objects.all().delete()
    importers.apply(json.dumps(exported).encode(), "mg-json", "Round trip")
    reimported = feed(client)

    def comparable(meetings):
        ignore = {"updated"}
        return {
            m["slug"]: {
                k: (sorted(v) if k == "types" else v) for k, v in m.items() if k not in ignore
            }
            for m in meetings
        }

    before, after = comparable(exported), comparable(reimported)
    for slug in before:
        # Contacts are not part of the feed's import; everything else comes back the same.
        before[slug].pop("contact_1_name", None)
    assert before == after


def test_a_head_request_answers_with_the_validators_and_no_body(client, listed):
    get = client.get(reverse("meetings_json"))
    head = client.head(reverse("meetings_json"))
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Last-Modified"] == get["Last-Modified"]
    again = client.head(reverse("meetings_json"), HTTP_IF_NONE_MATCH=get["ETag"])
    assert again.status_code == 304


def test_the_feed_varies_on_its_coding_alone_so_a_shared_cache_keeps_one_copy_of_each(
    client, listed
):
    client.cookies["django_language"] = "es"
    response = client.get(reverse("meetings_json"), HTTP_ACCEPT_LANGUAGE="es")
    assert response["Vary"] == "Accept-Encoding"
    assert response["Cache-Control"] == "public, max-age=300"
    # A page made in the visitor's language still varies on it.
    assert "Accept-Language" in client.get(reverse("groups:directory"))["Vary"]
