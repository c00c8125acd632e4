"""The audit trail as the agency admin reads it: times in the installation's time zone, which it
names, while the CSV keeps UTC; objects named as people call them, a client by pseudonym only;
the same number of queries however varied the entries."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from tests.factory import make_client, make_consent, make_volunteer

Action = AuditEvent.Action
# 15:05:09 UTC on a winter day: 10:05:09 in New York (EST), 16:05:09 in Paris (CET).
AT = dt.datetime(2026, 3, 4, 15, 5, 9, tzinfo=dt.UTC)


@pytest.fixture
def entry(agency):
    return AuditEvent.objects.create(
        action=Action.LOGIN, actor="a@example.org", agency_id=agency.pk, at=AT
    )


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("America/New_York", "Mar 4, 2026, 10:05:09 a.m. EST"),
        ("Europe/Paris", "Mar 4, 2026, 4:05:09 p.m. CET"),
    ],
)
def test_times_are_in_the_installations_time_zone_and_say_which(
    client_of, agency_admin, entry, settings, zone, shown
):
    settings.TIME_ZONE = zone
    page = client_of(agency_admin).get(reverse("audit:list")).content.decode()
    assert f'<th scope="col">Time ({zone})</th>' in page
    assert f"Times are in the installation's time zone, {zone}" in page
    assert f'<time datetime="2026-03-04T15:05:09+00:00">{shown}</time>' in page
    assert "Time (UTC)" not in page


def test_the_csv_keeps_utc_and_says_so(client_of, agency_admin, entry, settings):
    settings.TIME_ZONE = "Europe/Paris"
    response = client_of(agency_admin).get(reverse("audit:export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "time_utc"
    assert [row[0] for row in rows[1:] if row[1] == "a@example.org"] == ["2026-03-04T15:05:09Z"]


@pytest.mark.parametrize(
    ("object_type", "object_id", "pseudonym", "label"),
    [
        ("referrals.Consent", "12", "record A-77", "Consent #12"),
        ("referrals.Client", "5", "record A-77", "Client record A-77"),
        ("liaison.StaffMembership", "3", "", "Staff membership #3"),
        ("otp_totp.TOTPDevice", "8", "", "TOTP device #8"),
        ("liaison.Agency", "", "", "Agency"),
        ("gone.Thing", "4", "", "gone.Thing #4"),
        ("", "", "", ""),
    ],
)
def test_an_entrys_object_reads_as_people_name_it(object_type, object_id, pseudonym, label):
    event = AuditEvent(
        action=Action.IDENTITY_VIEWED,
        object_type=object_type,
        object_id=object_id,
        client_pseudonym=pseudonym,
    )
    assert event.object_label == label


def test_the_trail_names_a_client_and_what_holds_their_identity_by_pseudonym_only(
    client_of, practitioner, agency_admin, agency, unit, group
):
    """The practitioner opens a client and their consent (both identity views, in the trail):
    the admin reads the entries by record number, never by the client's name or initials."""
    record = make_client(
        agency, unit, record_number="A-77", first_name="Jordan", last_name="Blake", initials="JB"
    )
    consent = make_consent(record, make_volunteer(group))
    staff = client_of(practitioner)
    assert staff.get(reverse("referrals:client", args=[record.pk])).status_code == 200
    assert staff.get(reverse("referrals:consent", args=[consent.pk])).status_code == 200
    assert AuditEvent.objects.filter(action=Action.IDENTITY_VIEWED).count() == 2

    page = client_of(agency_admin).get(reverse("audit:list")).content.decode()
    assert "Client record A-77" in page
    assert f"Consent #{consent.pk}" in page
    for identity in ("Jordan", "Blake", "JB", str(record), str(consent)):
        assert identity not in page
    assert "referrals.Client" not in page and "referrals.Consent" not in page


def test_naming_the_objects_costs_no_query(client_of, agency_admin, agency):
    client = client_of(agency_admin)
    kinds = [
        ("referrals.Client", "record A-1"),
        ("referrals.Consent", "record A-1"),
        ("liaison.StaffMembership", ""),
        ("groups.LeaderInvitation", ""),
        ("liaison.User", ""),
    ]

    def add(n):
        AuditEvent.objects.bulk_create(
            AuditEvent(
                action=Action.IDENTITY_VIEWED,
                agency_id=agency.pk,
                object_type=object_type,
                object_id=str(i),
                client_pseudonym=pseudonym,
            )
            for i in range(n)
            for object_type, pseudonym in kinds
        )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("audit:list")).status_code == 200
        return len(ctx)

    add(1)
    client.get(reverse("audit:list"))
    few = count()
    add(9)
    assert count() == few <= 8
