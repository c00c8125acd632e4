"""The demo directory (about sixty groups and their meetings, of every kind) goes out through each
format we publish, into an empty database through the importer, and out again: the second
output lists the same meetings as the first.

What may differ, and why: `updated` (an import is a new change here), the feed's contact first
names (a public listing's contacts are people; an import never makes them up from a feed), and
the HSDS ids (each database numbers its own rows)."""

import csv
import io
import json

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from demo.agencies import seed_agencies
from demo.directory import seed_directory
from groups.imports import importer as importers
from groups.models import Meeting, SelfHelpGroup
from tests import cast
from tests.groups.test_hsds import SERVICES

HOST = "liaison.example.org"


def _client():
    return Client(HTTP_HOST=HOST)


def _feed(client):
    response = client.get(reverse("meetings_json"))
    assert response.status_code == 200
    return response.content


def _hsds(client):
    response = client.get(SERVICES, {"full": "true", "per_page": 200})
    assert response.status_code == 200
    page = response.json()
    assert page["total_pages"] == 1, "the demo directory fits one page"
    return response.content


def _csv(client):
    agency = cast.agency()
    client.force_login(cast.liaison(agency, cast.unit(agency)))
    response = client.get(reverse("meetings_csv"))
    assert response.status_code == 200
    return response.content


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker):
    """What the demo directory publishes in each format, taken in a transaction rolled back
    afterwards: each test starts from an empty directory."""
    with (
        django_db_blocker.unblock(),
        override_settings(ALLOWED_HOSTS=[HOST]),
        transaction.atomic(),
    ):
        seed_agencies()
        seed_directory()
        client = _client()
        files = {"feed": _feed(client), "hsds": _hsds(client), "csv": _csv(client)}
        listed = Meeting.objects.listed().count()
        transaction.set_rollback(True)
    return files, listed


# --- what each output says, without what may differ --------------------------------------------

# The page addresses are this site's own: each site names its group pages after its groups. So is
# who publishes the feed (the `entity_*` fields: the installation's profile).
FEED_ASIDE = (
    {"updated", "url", "feedback_url"}
    | {f"contact_{n}_name" for n in (1, 2, 3)}
    | {"entity", "entity_email", "entity_location", "entity_logo", "entity_phone", "entity_url"}
)


def _feed_meetings(content):
    records = json.loads(content)
    return [{k: v for k, v in record.items() if k not in FEED_ASIDE} for record in records]


def _hsds_services(content):
    def place(sal):
        location = sal.get("location") or {}
        addresses = location.get("addresses") or [{}]
        keep = ("address_1", "city", "state_province", "postal_code", "country")
        return (location.get("name"), tuple(addresses[0].get(k) for k in keep))

    services = []
    for service in json.loads(content)["contents"]:
        services.append(
            {
                "name": service["name"],
                "description": service.get("description"),
                "email": service.get("email"),
                "languages": sorted(lang["code"] for lang in service.get("languages", [])),
                "schedules": sorted(
                    (s["byday"], s["opens_at"], s.get("closes_at"), s["attending_type"], s["notes"])
                    for s in service["schedules"]
                ),
                "places": sorted(place(sal) for sal in service.get("service_at_locations", [])),
            }
        )
    return sorted(services, key=lambda service: service["name"])


def _csv_rows(content):
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    for row in rows:
        row.pop("Updated")
    return sorted(rows, key=lambda row: row["Slug"])


# --- the round trips ----------------------------------------------------------------------------


def _same(again, before, key):
    """Compare record by record, naming the first fields that differ."""
    again_by, before_by = ({r[key]: r for r in rows} for rows in (again, before))
    assert sorted(again_by) == sorted(before_by)
    differences = [
        (name, field, before_by[name].get(field), again_by[name].get(field))
        for name in before_by
        for field in sorted(set(before_by[name]) | set(again_by[name]))
        if before_by[name].get(field) != again_by[name].get(field)
    ]
    assert not differences, "\n".join(map(repr, differences))


def _import(content, format):
    """Import into the empty directory, then plan the same file again: it changes nothing."""
    assert not SelfHelpGroup.objects.exists()
    result = importers.apply(content, format, "Round trip")
    assert result.meetings["create"] > 40
    again = importers.plan(content, format, "Round trip")
    assert not again.problems
    assert {kind: again.meetings[kind] for kind in ("create", "update", "end")} == {
        "create": 0,
        "update": 0,
        "end": 0,
    }
    assert again.groups["create"] == again.groups["update"] == 0
    return result


def test_our_meeting_guide_feed_imports_back_whole(db, published, settings):
    settings.ALLOWED_HOSTS = [HOST]
    files, listed = published
    _import(files["feed"], "mg-json")
    again = _feed(_client())
    _same(_feed_meetings(again), _feed_meetings(files["feed"]), "slug")
    # Monthly meetings are not in the feed (the format has weekly meetings only).
    assert len(json.loads(files["feed"])) <= listed


def test_our_hsds_output_imports_back_whole(db, published, settings):
    settings.ALLOWED_HOSTS = [HOST]
    files, _ = published
    _import(files["hsds"], "hsds")
    again = _hsds(_client())
    _same(_hsds_services(again), _hsds_services(files["hsds"]), "name")


def test_our_meeting_list_table_imports_back_whole(db, published, settings):
    settings.ALLOWED_HOSTS = [HOST]
    files, listed = published
    _import(files["csv"], "mg-csv")
    again = _csv_rows(_csv(_client()))
    _same(again, _csv_rows(files["csv"]), "Slug")
    assert len(again) == listed
