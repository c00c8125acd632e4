"""HSDS 3.0 files read back as the spec's own examples are shaped: a service without schedules,
an organization with its services, a service at a location; the date a service was assured;
and our own API's output, imported into an empty database, gives the same schedules again."""

import datetime as dt
import json

from groups.imports import importer as importers
from groups.models import Location, Meeting, SelfHelpGroup
from tests.groups.test_hsds import SERVICES, get_json, listed_group

SERVICE = {
    "id": "ac148810-d857-441c-9679-408f346de14b",
    "name": "Community Counselling",
    "description": "Counselling by trained professionals.",
    "url": "http://example.com/counselling",
    "email": "email@example.com",
    "status": "active",
    "assured_date": "2005-01-01",
    "organization": {"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Example Org"},
}
SCHEDULE = {"id": "s-1", "freq": "WEEKLY", "byday": "TU", "opens_at": "19:00", "closes_at": "20:00"}
LOCATION = {
    "id": "loc-1",
    "name": "Library",
    "addresses": [
        {
            "address_1": "1 Main Street",
            "city": "Riverside",
            "state_province": "NY",
            "postal_code": "12580",
            "country": "US",
        }
    ],
}


def read(document):
    return importers.plan(json.dumps(document).encode(), "hsds", "Directory")


def test_a_service_without_schedules_is_a_group_without_meetings(db):
    result = read(SERVICE)
    assert not result.problems, [str(p) for p in result.problems]
    assert any("listed without meetings" in str(note) for note in result.notes)
    importers.apply(json.dumps(SERVICE).encode(), "hsds", "Directory")
    group = SelfHelpGroup.objects.get(import_source="Directory")
    assert (group.name, group.meetings.count()) == ("Community Counselling", 0)
    assert group.verified_at == dt.datetime(2005, 1, 1, tzinfo=dt.UTC)  # its assured date


def test_the_assured_date_is_the_last_check_and_no_one_here_made_it(db, liaison):
    """HSDS's assured_date is "the date that the information about the service was last
    checked": the listing keeps it, with no staff member named as the one who checked."""
    importers.apply(json.dumps(SERVICE).encode(), "hsds", "Directory", by=liaison)
    group = SelfHelpGroup.objects.get(import_source="Directory")
    assert (group.verified_at, group.verified_by) == (dt.datetime(2005, 1, 1, tzinfo=dt.UTC), None)
    # Checked here later: a file with the old date leaves the check here as it was.
    SelfHelpGroup.objects.filter(pk=group.pk).update(
        verified_at=dt.datetime(2010, 1, 1, tzinfo=dt.UTC), verified_by=liaison
    )
    importers.apply(json.dumps(SERVICE).encode(), "hsds", "Directory", by=liaison)
    group.refresh_from_db()
    assert group.verified_by == liaison
    # The source checked it again since: its check is the last one, and no one here made it.
    again = {**SERVICE, "assured_date": "2020-01-01"}
    importers.apply(json.dumps(again).encode(), "hsds", "Directory", by=liaison)
    group.refresh_from_db()
    assert (group.verified_at, group.verified_by) == (dt.datetime(2020, 1, 1, tzinfo=dt.UTC), None)


def test_an_organization_document_is_read_as_its_services(db):
    organization = {
        "id": "org-1",
        "name": "Example Org",
        "description": "An organization.",
        "services": [
            {**SERVICE, "id": "svc-1", "name": "First", "schedules": [SCHEDULE],
             "service_at_locations": [{"location_id": "loc-1", "location": LOCATION}]},
            {**SERVICE, "id": "svc-2", "name": "Second"},
        ],
    }  # fmt: skip
    result = read(organization)
    assert not result.problems, [str(p) for p in result.problems]
    assert result.groups["create"] == 2 and result.meetings["create"] == 1
    assert not any(change[1] == "Example Org" for change in result.changes)


def test_a_service_at_location_document_is_the_service_at_that_place(db):
    document = {
        "id": "sal-1",
        "service": {**SERVICE, "schedules": [SCHEDULE]},
        "location": LOCATION,
    }
    importers.apply(json.dumps(document).encode(), "hsds", "Directory")
    meeting = Meeting.objects.get()
    assert (meeting.days, meeting.start_time) == ([2], dt.time(19))
    assert (meeting.location.street, meeting.location.city) == ("1 Main Street", "Riverside")


def test_a_schedule_given_as_a_utc_offset_is_noted_not_guessed(db):
    at_library = [{"location_id": "loc-1", "location": LOCATION}]
    schedules = [{**SCHEDULE, "timezone": -5}]
    result = read({**SERVICE, "schedules": schedules, "service_at_locations": at_library})
    assert any("UTC offset (-5)" in str(note) for note in result.notes)


def test_our_own_hsds_output_imports_back_into_an_empty_database(client, db, settings):
    # A real host name: the service's url must be a web address the listing can keep.
    settings.ALLOWED_HOSTS = ["liaison.example.org"]
    client.defaults["HTTP_HOST"] = "liaison.example.org"
    listed_group(name="Riverside Women's AA")
    page = get_json(client, SERVICES, full="true")

    def schedules(document):
        return sorted(
            (service["name"], s["byday"], s["opens_at"], s.get("closes_at"), s["attending_type"])
            for service in document["contents"]
            for s in service["schedules"]
        )

    before = schedules(page)
    SelfHelpGroup.objects.all().delete()
    Location.objects.all().delete()
    result = importers.apply(json.dumps(page).encode(), "hsds", "Ourselves")
    assert result.meetings["create"] == 2
    assert schedules(get_json(client, SERVICES, full="true")) == before
    accesses = sorted(Meeting.objects.values_list("access", flat=True))
    assert accesses == ["closed", "open"]


def test_our_schedule_notes_are_read_back_line_by_line_and_nothing_else_is_guessed():
    from groups.hsds.reader import read_schedule_notes

    ours = read_schedule_notes(
        "Closed meeting: for people who share the group's problem.\n"
        "Format: Big Book, Wheelchair Access.\n"
        "Bring your own book.\n"
        "Where: Parish hall, lower level\n"
        "Joining online: Passcode hope"
    )
    assert ours == {
        "access": Meeting.Access.CLOSED,
        "type_codes": ["B", "X"],
        "notes": "Bring your own book.",
        "location_notes": "Parish hall, lower level",
        "accessibility_notes": "",
        "conference_notes": "Passcode hope",
    }
    # Someone else's words stay notes: a label that is not a Meeting Guide label, and open or
    # closed said any other way.
    theirs = read_schedule_notes("Format: Big Book, Potluck.\nThis is an open meeting.")
    assert theirs["access"] == Meeting.Access.UNSTATED
    assert theirs["type_codes"] == []
    assert theirs["notes"] == "Format: Big Book, Potluck.\nThis is an open meeting."
