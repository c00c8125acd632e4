"""The audit trail: one test per recorded action, what each entry holds, that no entry carries a
client's identity, that entries cannot be changed, and the agency admin's search and export."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from groups.models import GroupLeadership
from liaison.models import StaffMembership
from liaison.services import staff_update
from referrals.services import consent_revoke, disclose, referral_create
from tests.factory import (
    PASSWORD,
    make_client,
    make_consent,
    make_staff,
    make_user,
    make_volunteer,
)

Action = AuditEvent.Action
IDENTITY = ("Jordan", "Blake", "555-0166", "jordan@example.org")
TODAY = timezone.localdate()


def last(action):
    return AuditEvent.objects.filter(action=action).latest("at")


@pytest.fixture
def record(agency, unit):
    return make_client(agency, unit, record_number="A-77")


@pytest.fixture
def volunteer(group):
    return make_volunteer(group)


@pytest.fixture
def intensive(record, group, volunteer, practitioner):
    referral, _ = referral_create(
        client=record, group=group, kind="intensive", volunteer=volunteer, by=practitioner
    )
    return referral


# --- each action -----


def test_sign_in(client, liaison):
    response = client.post(reverse("login"), {"username": liaison.email, "password": PASSWORD})
    entry = last(Action.LOGIN)
    assert entry.actor == liaison.email and entry.actor_id == liaison.pk
    assert entry.role == "liaison" and entry.agency_id == liaison.agency.pk
    assert entry.outcome == "success"
    assert entry.request_id == response["X-Request-ID"]
    assert entry.at.utcoffset() == dt.timedelta(0)


def test_refused_sign_in(client, liaison):
    client.post(reverse("login"), {"username": liaison.email, "password": "not it at all"})
    entry = last(Action.LOGIN_FAILED)
    assert entry.actor == liaison.email and entry.outcome == "failure"
    assert entry.agency_id == liaison.agency.pk
    assert "not it at all" not in str(vars(entry))


def test_sign_out(client, liaison):
    client.force_login(liaison)
    client.post(reverse("logout"))
    assert last(Action.LOGOUT).actor == liaison.email


def test_staff_added(agency_admin, agency, unit):
    make_staff(agency, "practitioner", unit, email="new.one@example.org")
    entry = last(Action.STAFF_ADDED)
    assert "new.one@example.org" in entry.detail and entry.agency_id == agency.pk


def test_role_change(client, agency_admin, liaison):
    client.force_login(agency_admin)
    membership = liaison.membership
    client.post(
        reverse("liaison:staff_edit", args=[membership.pk]),
        {
            "role": "executive",
            "unit": membership.unit_id or "",
            "title": membership.title,
            "liaison_hours_per_week": membership.liaison_hours_per_week or 0,
            "job_description": "",
            "is_active": "on",
        },
    )
    entry = last(Action.ROLE_CHANGED)
    assert "role: liaison → executive" in entry.detail
    assert entry.actor == agency_admin.email


def test_deactivation_is_a_role_change(agency_admin, liaison):
    staff_update(membership=liaison.membership, by=agency_admin, is_active=False)
    assert "is_active: True → False" in last(Action.ROLE_CHANGED).detail


def test_leadership_started_and_ended(group):
    user = make_user(email="new.leader@example.org")
    leadership = GroupLeadership.objects.create(user=user, group=group)
    assert "new.leader@example.org" in last(Action.LEADERSHIP_STARTED).detail
    leadership.ended_at = timezone.now()
    leadership.save()
    assert group.name in last(Action.LEADERSHIP_ENDED).detail


def test_viewing_identity(client, practitioner, record):
    client.force_login(practitioner)
    response = client.get(reverse("referrals:client", args=[record.pk]))
    assert b"Blake" in response.content
    entry = last(Action.IDENTITY_VIEWED)
    assert entry.client_pseudonym == "record A-77"
    assert entry.actor == practitioner.email and entry.role == "practitioner"


def test_a_page_without_identity_is_not_an_identity_view(client, liaison, record):
    client.force_login(liaison)
    client.get(reverse("referrals:client", args=[record.pk]))
    assert not AuditEvent.objects.filter(action=Action.IDENTITY_VIEWED).exists()


def test_printing_identity(client, practitioner, record, volunteer):
    consent = make_consent(record, volunteer)
    client.force_login(practitioner)
    response = client.get(reverse("referrals:consent", args=[consent.pk]) + "?print=1")
    assert b"data-autoprint" in response.content
    assert last(Action.IDENTITY_PRINTED).object_id == str(consent.pk)


def test_printing_the_accounting(client, practitioner, record):
    client.force_login(practitioner)
    client.get(reverse("referrals:accounting", args=[record.pk]) + "?print=1")
    assert last(Action.IDENTITY_PRINTED).client_pseudonym == "record A-77"


def test_exporting_identity(client, practitioner, record):
    client.force_login(practitioner)
    client.get(reverse("referrals:client_export", args=[record.pk]))
    assert last(Action.IDENTITY_EXPORTED).client_pseudonym == "record A-77"


def test_a_volunteer_seeing_what_was_disclosed_to_them(
    client, leader, intensive, record, volunteer
):
    make_consent(record, volunteer)
    disclose(referral=intensive, by=intensive.made_by)
    response = client.get(volunteer.get_absolute_url())
    assert b"Jordan" in response.content
    entry = last(Action.IDENTITY_VIEWED)
    assert entry.actor == f"peer volunteer {volunteer.pk}" and entry.actor_id is None
    assert entry.agency_id == record.agency_id
    assert entry.client_pseudonym == record.pseudonym
    # The leader's page shows no identity, so it is no identity view.
    client.force_login(leader)
    before = AuditEvent.objects.filter(action=Action.IDENTITY_VIEWED).count()
    assert b"Jordan" not in client.get(reverse("portal:referrals")).content
    assert AuditEvent.objects.filter(action=Action.IDENTITY_VIEWED).count() == before


def test_consent_recorded(client, practitioner, record, volunteer):
    client.force_login(practitioner)
    client.post(
        reverse("referrals:consent_add", args=[record.pk]),
        {
            "discloser": "Riverside",
            "share_first_name": "on",
            "recipient": f"volunteer:{volunteer.pk}",
            "purpose": "To introduce the client to the group.",
            "expires_on": str(TODAY + dt.timedelta(days=90)),
        },
    )
    assert last(Action.CONSENT_RECORDED).client_pseudonym == "record A-77"
    consent = record.consents.get()
    client.post(
        reverse("referrals:consent_sign", args=[consent.pk]),
        {"signed_on": str(TODAY), "signed_how": "paper"},
    )
    entry = last(Action.CONSENT_SIGNED)
    assert entry.client_pseudonym == "record A-77" and entry.object_id == str(consent.pk)


def test_consent_revoked(practitioner, record, volunteer):
    consent = make_consent(record, volunteer)
    consent_revoke(consent=consent, by=practitioner)
    entry = last(Action.CONSENT_REVOKED)
    assert entry.object_id == str(consent.pk) and entry.actor == practitioner.email


def test_disclosure(practitioner, intensive, record, volunteer):
    make_consent(record, volunteer)
    disclose(referral=intensive, by=practitioner)
    entry = last(Action.DISCLOSURE)
    assert entry.client_pseudonym == "record A-77"
    assert "first name" in entry.detail and "Sam" in entry.detail


def test_refused_with_403(client, liaison):
    client.force_login(liaison)
    assert client.get(reverse("pages:dashboard")).status_code == 403
    entry = last(Action.ACCESS_DENIED)
    assert entry.outcome == "denied" and entry.path == "/dashboard/"
    assert entry.actor == liaison.email


def test_refused_with_404_on_another_agencys_object(client, other_staff, record):
    client.force_login(other_staff)
    assert client.get(reverse("referrals:client", args=[record.pk])).status_code == 404
    entry = last(Action.ACCESS_DENIED)
    assert entry.actor == other_staff.email and "404" in entry.detail
    assert entry.client_pseudonym == ""  # nothing about the record leaks into the trail


def test_the_agency_whose_record_was_sought_sees_the_attempt_in_its_own_trail(
    client, other_staff, record, agency, intensive
):
    client.force_login(other_staff)
    client.get(reverse("referrals:client", args=[record.pk]))
    client.get(reverse("referrals:followup", args=[intensive.follow_ups.first().pk]))
    theirs = AuditEvent.objects.for_agency(agency).filter(action=Action.ACCESS_DENIED)
    assert theirs.count() == 2
    assert all(e.actor == other_staff.email for e in theirs)
    assert all("outside this agency" in e.detail and e.client_pseudonym == "" for e in theirs)
    # The refusing agency's own trail page shows it to its admin.
    mine = AuditEvent.objects.for_agency(other_staff.agency).filter(action=Action.ACCESS_DENIED)
    assert mine.count() == 2


def test_client_deleted_restored_and_referral_deleted(
    client, practitioner, agency_admin, intensive
):
    client.force_login(practitioner)
    client.post(reverse("referrals:referral_delete", args=[intensive.pk]))
    assert last(Action.REFERRAL_DELETED).client_pseudonym == "record A-77"
    client.post(reverse("referrals:client_delete", args=[intensive.client_id]))
    assert last(Action.CLIENT_DELETED).actor == practitioner.email
    client.force_login(agency_admin)
    client.post(reverse("referrals:client_restore", args=[intensive.client_id]))
    assert last(Action.CLIENT_RESTORED).actor == agency_admin.email


def test_audit_export_is_itself_recorded(client, agency_admin):
    client.force_login(agency_admin)
    b"".join(client.get(reverse("audit:export")).streaming_content)
    assert last(Action.AUDIT_EXPORTED).actor == agency_admin.email


# --- no identity, ever -----


def test_no_entry_carries_identity(client, practitioner, leader, intensive, record, volunteer):
    """A whole identity journey: add, view, consent, disclose, print, export, delete."""
    client.force_login(practitioner)
    client.post(
        reverse("referrals:client_add"),
        {
            "record_number": "Z-9",
            "initials": "QX",
            "unit": practitioner.membership.unit.pk,
            "first_name": "Quentin",
            "last_name": "Xavier-Smythe",
            "phone": "555-9876",
            "email": "quentin@example.org",
        },
    )
    make_consent(record, volunteer)
    disclose(referral=intensive, by=practitioner)
    for name in ("referrals:client", "referrals:accounting", "referrals:client_export"):
        client.get(reverse(name, args=[record.pk]))
    client.get(reverse("referrals:accounting", args=[record.pk]) + "?print=1")
    client.force_login(leader)
    client.get(reverse("portal:referrals"))
    client.logout()
    client.get(volunteer.get_absolute_url())
    client.force_login(practitioner)
    client.post(reverse("referrals:client_delete", args=[record.pk]))
    assert AuditEvent.objects.count() >= 8
    secrets = (*IDENTITY, "Quentin", "Xavier-Smythe", "555-9876", "quentin@example.org", "JB", "QX")
    for entry in AuditEvent.objects.all():
        text = " ".join(str(getattr(entry, field.attname)) for field in entry._meta.fields)
        for secret in secrets:
            assert secret not in text, f"{secret!r} in {entry.action}: {text}"


# --- append-only -----


def test_the_application_cannot_change_or_delete_an_entry(liaison, client):
    client.force_login(liaison)
    entry = AuditEvent.objects.create(action=Action.LOGIN, actor="x@example.org")
    entry.detail = "changed"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        AuditEvent.objects.filter(pk=entry.pk).update(detail="changed")
    with pytest.raises(ValidationError):
        AuditEvent.objects.filter(pk=entry.pk).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_of_audit_rows(db):
    entry = AuditEvent.objects.create(action=Action.LOGIN, actor="x@example.org")
    for statement in (
        "UPDATE audit_auditevent SET detail = 'changed' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    assert AuditEvent.objects.get(pk=entry.pk).detail == ""


# --- the agency admin's search and export -----


@pytest.fixture
def trail(agency, other_agency):
    AuditEvent.objects.create(action=Action.LOGIN, actor="a@example.org", agency_id=agency.pk)
    AuditEvent.objects.create(
        action=Action.IDENTITY_VIEWED,
        actor="b@example.org",
        agency_id=agency.pk,
        client_pseudonym="record A-77",
    )
    AuditEvent.objects.create(
        action=Action.LOGIN, actor="elsewhere@example.org", agency_id=other_agency.pk
    )


def test_the_admin_searches_their_agencys_trail_only(client, agency_admin, trail):
    client.force_login(agency_admin)
    page = client.get(reverse("audit:list")).content.decode()
    assert "b@example.org" in page and "elsewhere@example.org" not in page
    found = client.get(reverse("audit:list"), {"client": "A-77"}).context["page"]
    assert [event.actor for event in found] == ["b@example.org"]
    found = client.get(reverse("audit:list"), {"action": "login", "actor": "a@"}).context["page"]
    assert [event.actor for event in found] == ["a@example.org"]


def test_bad_search_dates_are_explained(client, agency_admin, trail):
    client.force_login(agency_admin)
    response = client.get(reverse("audit:list"), {"since": "2026-05-01", "until": "2026-04-01"})
    assert response.status_code == 200
    assert "before the start date" in response.content.decode()
    response = client.get(reverse("audit:list"), {"since": "not a date"})
    assert response.status_code == 200 and "valid date" in response.content.decode()


def test_the_admin_exports_the_trail(client, agency_admin, trail):
    client.force_login(agency_admin)
    response = client.get(reverse("audit:export"), {"action": "identity_viewed"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["time_utc", "actor", "role", "action"]
    assert [row[1] for row in rows[1:]] == ["b@example.org"]
    assert rows[1][0].endswith("Z")


def test_a_large_export_is_written_in_the_background_for_its_requester_alone(
    client_of, agency_admin, agency, trail, monkeypatch, django_capture_on_commit_callbacks
):
    from audit import views
    from audit.models import AuditExport
    from tests.factory import make_staff

    monkeypatch.setattr(views, "EXPORT_AT_ONCE", 1)
    client = client_of(agency_admin)
    response = client.get(reverse("audit:export"))
    export = AuditExport.objects.get()
    assert response["Location"] == reverse("audit:export_status", args=[export.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Download the CSV" in page
    download = client.get(reverse("audit:export_download", args=[export.pk]))
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][:2] == ["time_utc", "actor"] and len(rows) == 1 + export.rows >= 3
    assert "no-store" in download["Cache-Control"]
    # Another admin of the same agency does not get it.
    colleague = make_staff(agency, "agency_admin", email="second.admin@example.org")
    other = client_of(colleague)
    assert other.get(reverse("audit:export_download", args=[export.pk])).status_code == 404
    assert other.get(reverse("audit:export_status", args=[export.pk])).status_code == 404


def test_the_trail_page_has_a_fixed_number_of_queries(
    client, agency_admin, agency, django_assert_max_num_queries
):
    client.force_login(agency_admin)
    AuditEvent.objects.bulk_create(
        AuditEvent(action=Action.LOGIN, actor=f"p{n}@example.org", agency_id=agency.pk)
        for n in range(120)
    )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("audit:list")).status_code == 200


def test_membership_role_values_are_the_roles(liaison):
    assert StaffMembership.objects.get(user=liaison).role == "liaison"


def test_a_superuser_opening_a_client_in_django_admin(client, superuser, record):
    client.force_login(superuser)
    response = client.get(reverse("admin:referrals_client_change", args=[record.pk]))
    assert response.status_code == 200
    entry = last(Action.IDENTITY_VIEWED)
    assert entry.actor == superuser.email and entry.role == "superuser"
    assert entry.detail == "Django admin, change page" and entry.client_pseudonym == "record A-77"


def test_django_admins_delete_page_is_an_identity_view_and_deletes_softly(
    client, superuser, record, intensive
):
    client.force_login(superuser)
    url = reverse("admin:referrals_client_delete", args=[record.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Blake" not in page.content and b"Jordan" not in page.content
    entry = last(Action.IDENTITY_VIEWED)
    assert entry.detail == "Django admin, delete confirmation" and entry.actor == superuser.email
    assert client.post(url, {"post": "yes"}).status_code == 302
    record.refresh_from_db()
    assert record.deleted_at is not None and record.deleted_by == superuser
    intensive.refresh_from_db()
    assert intensive.deleted_at is not None
    assert last(Action.CLIENT_DELETED).actor == superuser.email
    # Restorable until the purge, like a deletion made in the app.
    assert hasattr(record, "identity")


def test_refused_with_404_on_another_groups_listing(client, leader, other_group):
    client.force_login(leader)
    assert client.get(reverse("groups:edit", args=[other_group.slug])).status_code == 404
    entry = last(Action.ACCESS_DENIED)
    assert entry.actor == leader.email and entry.detail.startswith("404 GET /groups/")


def test_refused_with_404_on_another_groups_volunteer(client, leader, other_group):
    volunteer = make_volunteer(other_group)
    client.force_login(leader)
    assert client.get(reverse("portal:volunteer", args=[volunteer.pk])).status_code == 404
    assert last(Action.ACCESS_DENIED).detail == f"404 GET /portal/volunteers/{volunteer.pk}/"


def test_a_refusal_is_written_once(client, other_staff, record):
    """Once in each agency's trail: the refused user's, and the one whose record it was."""
    client.force_login(other_staff)
    client.get(reverse("referrals:client", args=[record.pk]))
    refusals = AuditEvent.objects.filter(action=Action.ACCESS_DENIED)
    assert sorted(e.agency_id for e in refusals) == sorted(
        [other_staff.agency.pk, record.agency_id]
    )


def test_a_mistyped_public_address_is_not_a_refusal(client, liaison):
    client.force_login(liaison)
    assert client.get("/groups/no-such-group/").status_code == 404
    assert not AuditEvent.objects.filter(action=Action.ACCESS_DENIED).exists()


def test_django_admin_reads_the_trail_and_the_ledger_but_cannot_change_them(
    client, superuser, practitioner, intensive, record, volunteer
):
    make_consent(record, volunteer)
    disclosure = disclose(referral=intensive, by=practitioner)
    entry = last(Action.DISCLOSURE)
    client.force_login(superuser)
    for model, obj in (("audit_auditevent", entry), ("referrals_disclosure", disclosure)):
        assert client.get(reverse(f"admin:{model}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:{model}_change", args=[obj.pk]))
        assert page.status_code == 200 and b'name="_save"' not in page.content
        assert client.get(reverse(f"admin:{model}_add")).status_code == 403
        assert client.post(reverse(f"admin:{model}_delete", args=[obj.pk])).status_code == 403
    assert AuditEvent.objects.filter(pk=entry.pk).exists()


def test_the_trail_pages_keep_the_search(client, agency_admin, agency):
    AuditEvent.objects.bulk_create(
        AuditEvent(action=Action.LOGIN, actor=f"p{n}@example.org", agency_id=agency.pk)
        for n in range(60)
    )
    client.force_login(agency_admin)
    page = client.get(reverse("audit:list"), {"action": "login"}).content.decode()
    assert 'href="?action=login&amp;page=2"' in page
