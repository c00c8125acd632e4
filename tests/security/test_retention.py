"""Deletion and retention: soft delete, the admin's undo, the purge after the retention period
with its tombstone, and the client's own copy of everything held."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from referrals.models import Client, ClientIdentity, Disclosure, Referral
from referrals.services import client_delete, disclose, referral_create
from tests.factory import make_client, make_consent, make_volunteer


@pytest.fixture
def record(agency, unit):
    return make_client(agency, unit, record_number="K-12")


@pytest.fixture
def referral(record, group, practitioner):
    volunteer = make_volunteer(group)
    made, _ = referral_create(
        client=record,
        group=group,
        kind="intensive",
        volunteer=volunteer,
        by=practitioner,
        notes="Prefers evening meetings; lives with her sister Ana.",
    )
    make_consent(record, volunteer)
    disclose(referral=made, by=practitioner)
    return made


def test_deleting_asks_first_then_takes_the_client_out_of_every_list(
    client, practitioner, record, referral
):
    client.force_login(practitioner)
    ask = client.get(reverse("referrals:client_delete", args=[record.pk]))
    assert ask.status_code == 200 and b"Delete the client" in ask.content
    client.post(reverse("referrals:client_delete", args=[record.pk]))
    assert record.pk not in [c.pk for c in Client.objects.for_user(practitioner)]
    assert not Referral.objects.for_user(practitioner).exists()
    assert client.get(reverse("referrals:client", args=[record.pk])).status_code == 404
    assert b"K-12" not in client.get(reverse("referrals:clients")).content
    assert b"K-12" not in client.get(reverse("referrals:list")).content
    # Kept until the purge: identity, and the ledger.
    assert ClientIdentity.objects.filter(client=record).exists()
    assert Disclosure.objects.filter(client=record).exists()


def test_a_deleted_record_number_cannot_be_reused_by_mistake(client, practitioner, record):
    client_delete(client=record, by=practitioner)
    client.force_login(practitioner)
    response = client.post(
        reverse("referrals:client_add"),
        {
            "record_number": "K-12",
            "initials": "AB",
            "unit": practitioner.membership.unit.pk,
            "first_name": "Ann",
        },
    )
    assert response.status_code == 200
    # It says why, and who can bring the client back.
    assert "was deleted and can still be restored" in response.content.decode()
    assert "administrator to restore them" in response.content.decode()


def test_the_agency_admin_can_undo_a_deletion(client, practitioner, agency_admin, record, referral):
    client_delete(client=record, by=practitioner)
    client.force_login(agency_admin)
    page = client.get(reverse("referrals:deleted_clients"))
    assert b"K-12" in page.content
    assert b"Blake" not in page.content  # the admin sees no identity
    client.post(reverse("referrals:client_restore", args=[record.pk]))
    assert Client.objects.for_user(practitioner).filter(pk=record.pk).exists()
    assert Referral.objects.for_user(practitioner).filter(pk=referral.pk).exists()


def test_deleting_a_referral_made_in_error(client, practitioner, referral):
    client.force_login(practitioner)
    client.post(reverse("referrals:referral_delete", args=[referral.pk]))
    assert not Referral.objects.for_user(practitioner).exists()
    assert client.get(reverse("referrals:referral", args=[referral.pk])).status_code == 404


def test_the_purge_removes_identity_after_the_retention_period_only(
    practitioner, record, referral, settings
):
    settings.CLIENT_RETENTION_DAYS = 30
    client_delete(client=record, by=practitioner)
    call_command("purge_clients")
    assert ClientIdentity.objects.filter(client=record).exists()  # too early

    Client.objects.filter(pk=record.pk).update(deleted_at=timezone.now() - dt.timedelta(days=31))
    call_command("purge_clients")
    record.refresh_from_db()
    assert record.purged_at is not None and record.initials == ""
    assert not ClientIdentity.objects.filter(client=record).exists()
    assert Referral.objects.get(pk=referral.pk).notes == ""
    assert Disclosure.objects.filter(client=record).count() == 1  # the ledger stays
    tombstone = AuditEvent.objects.get(action="client_purged")
    assert tombstone.client_pseudonym == "record K-12"
    assert tombstone.actor == "purge_clients"

    call_command("purge_clients")  # again: nothing more to do
    assert AuditEvent.objects.filter(action="client_purged").count() == 1


def test_a_purged_client_cannot_be_restored(client, practitioner, agency_admin, record):
    client_delete(client=record, by=practitioner)
    Client.objects.filter(pk=record.pk).update(deleted_at=timezone.now() - dt.timedelta(days=99))
    call_command("purge_clients")
    client.force_login(agency_admin)
    response = client.post(reverse("referrals:client_restore", args=[record.pk]))
    assert response.status_code == 404


def test_the_dry_run_changes_nothing(practitioner, record, capsys):
    client_delete(client=record, by=practitioner)
    call_command("purge_clients", "--days", "0", "--dry-run")
    assert "Would purge record K-12" in capsys.readouterr().out
    assert ClientIdentity.objects.filter(client=record).exists()


def test_the_client_export_holds_everything(client, practitioner, record, referral):
    client.force_login(practitioner)
    response = client.get(reverse("referrals:client_export", args=[record.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="client-K-12.json"'
    data = json.loads(response.content)
    assert data["identity"]["last_name"] == "Blake"
    assert data["client"]["record_number"] == "K-12"
    assert data["consents"][0]["information"] == ["first name", "phone number"]
    assert data["referrals"][0]["notes"].startswith("Prefers evening")
    assert len(data["referrals"][0]["follow_ups"]) == 3
    assert data["disclosures"][0]["information"] == ["first name", "phone number"]
    assert [event["status"] for event in data["referrals"][0]["history"]]


def test_only_the_clients_own_unit_may_export(client, liaison, record):
    client.force_login(liaison)
    assert client.get(reverse("referrals:client_export", args=[record.pk])).status_code == 403
