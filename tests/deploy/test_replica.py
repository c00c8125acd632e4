"""A read replica serves the dashboard, the exports and HSDS harvesting; everything else reads
the primary."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from liaison import db_router


def test_reads_go_to_the_replica_only_inside_replica_reads(monkeypatch):
    router = db_router.ReplicaRouter()
    configured = SimpleNamespace(DATABASES={"default": {}, "replica": {}})
    monkeypatch.setattr(db_router, "settings", configured)
    assert router.db_for_read(None) is None
    with db_router.replica_reads():
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) == "default"
    assert router.db_for_read(None) is None
    assert router.allow_migrate("replica", "liaison") is False


def test_without_a_replica_everything_reads_the_primary():
    with db_router.replica_reads():
        assert db_router.ReplicaRouter().db_for_read(None) is None


@pytest.fixture
def reads(monkeypatch):
    """Every read asked of the router: (the model's label, whether it was inside replica_reads)."""
    seen = []
    original = db_router.ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        seen.append((model._meta.label, db_router._on_replica.get()))
        return original(self, model, **hints)

    monkeypatch.setattr(db_router.ReplicaRouter, "db_for_read", spy)
    return seen


def on_replica(seen) -> bool:
    return any(inside for _label, inside in seen)


def test_the_dashboard_and_its_csv_read_from_the_replica(client_of, executive, reads):
    client = client_of(executive)
    for name in (
        "pages:dashboard",
        "pages:dashboard_csv",
        "pages:dashboard_referrals",
        "pages:dashboard_referrals_csv",
        "pages:dashboard_follow_ups",
        "pages:dashboard_follow_ups_csv",
        "pages:dashboard_stories",
        "pages:dashboard_stories_csv",
    ):
        reads.clear()
        assert client.get(reverse(name)).status_code == 200
        assert on_replica(reads), name


def test_the_meeting_table_and_the_audit_export_read_from_the_replica(
    client_of, liaison, agency, reads
):
    from audit.models import AuditExport
    from audit.tasks import audit_export_write

    assert client_of(liaison).get(reverse("meetings_csv")).status_code == 200
    assert on_replica(reads)
    reads.clear()
    export = AuditExport.objects.create(agency_id=agency.pk, requested_by=liaison, params={})
    audit_export_write.call(export.pk)
    # The trail from the replica; the export's own row from the primary, which just wrote it.
    assert ("audit.AuditExport", False) in reads
    export.refresh_from_db()
    assert export.state == AuditExport.State.DONE


def test_hsds_harvesting_reads_from_the_replica(client, db, reads):
    assert client.get("/api/hsds/services?page=1").status_code == 200
    assert on_replica(reads)
