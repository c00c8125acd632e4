"""Work outside the request: no request sends mail itself; a worker runs what requests queue,
retries what fails and leaves the last failure visible; no client details sit in the queue."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from liaison.models import StaffMembership
from referrals.services import disclose, referral_create
from tests.factory import make_client, make_consent, make_event, make_volunteer
from tests.jobs.sample_tasks import fails_then_works

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings):
    """Tasks are only queued (nothing runs): the list of what was queued."""
    settings.TASKS = DUMMY
    backend = task_backends["default"]
    backend.results.clear()
    return backend.results


def names(results):
    return [result.task.name for result in results]


def test_no_request_sends_a_mail_itself(
    queued, client_of, agency, agency_admin, liaison, leader, group
):
    event = make_event(agency, capacity=5)
    client = client_of(None)
    client.post(event.get_absolute_url(), {"name": "Ann", "email": "ann@example.org"})
    client.post(reverse("password_reset"), {"email": leader.email})
    client_of(agency_admin).post(
        reverse("liaison:staff_add"),
        {
            "full_name": "Kim",
            "email": "kim@example.org",
            "role": StaffMembership.Role.LIAISON,
            "unit": "",
            "title": "",
            "liaison_hours_per_week": "0",
        },
    )
    client_of(liaison).post(
        reverse("groups:leaders", args=[group.slug]),
        {"name": "Robin", "email": "robin@example.org", "note": "Chosen by the group"},
    )
    assert mail.outbox == []
    assert names(queued).count("send_email") == 4
    recipients = sorted(result.kwargs["to"][0] for result in queued)
    assert recipients == sorted(["ann@example.org", leader.email, "kim@example.org", leader.email])


def test_a_disclosure_queues_only_its_id(queued, agency, unit, practitioner, group):
    volunteer = make_volunteer(group)
    record = make_client(agency, unit, first_name="Jordan", phone="555-0166")
    make_consent(record, volunteer)
    referral, _ = referral_create(
        client=record, group=group, kind="intensive", volunteer=volunteer, by=practitioner
    )
    disclosure = disclose(referral=referral, by=practitioner)
    [result] = [r for r in queued if r.task.name == "volunteer_introduction_send"]
    assert result.args == [disclosure.pk] and result.kwargs == {}
    text = json.dumps([r.args for r in queued] + [r.kwargs for r in queued])
    assert "Jordan" not in text and "555-0166" not in text
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_what_a_request_queued(settings, client, agency):
    settings.TASKS = DATABASE
    event = make_event(agency, capacity=5, title="Film night")
    client.post(event.get_absolute_url(), {"name": "Ann", "email": "ann@example.org"})
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY" and queued.task_path == "jobs.mail.send_email"
    call_command("worker", "--batch", "--no-schedule")
    assert [m.subject for m in mail.outbox] == ["Please confirm: Film night"]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_retried_later_and_its_last_failure_stays_visible(settings):
    settings.TASKS = DATABASE
    cache.clear()
    fails_then_works.enqueue("always", 99)
    call_command("worker", "--batch", "--no-schedule")
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == "FAILED" and first.exception_class_path == "builtins.RuntimeError"
    # The retry waits (60 s, then 120 s): the worker leaves it for later.
    assert retry.status == "READY" and retry.run_after > timezone.now()
    for _ in range(2):
        DBTaskResult.objects.filter(status="READY").update(
            run_after=timezone.now() - dt.timedelta(seconds=1)
        )
        call_command("worker", "--batch", "--no-schedule")
    statuses = list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))
    assert statuses == ["FAILED", "FAILED", "FAILED"]  # three attempts, then it stays failed
    assert cache.get("always") == 3


@pytest.mark.django_db(transaction=True)
def test_a_task_that_fails_once_succeeds_on_its_retry(settings):
    settings.TASKS = DATABASE
    cache.clear()
    fails_then_works.enqueue("once", 1)
    call_command("worker", "--batch", "--no-schedule")
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    call_command("worker", "--batch", "--no-schedule")
    statuses = list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL"]


def test_the_worker_says_so_when_tasks_run_in_process(db):
    with pytest.raises(CommandError, match="in-process"):
        call_command("worker", "--batch")


def _upload(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from groups.models import ImportBatch
    from tests.groups.test_importers import GOOD, csv_file

    client.post(
        reverse("groups_office:imports"),
        {
            "file": SimpleUploadedFile("list.csv", csv_file(GOOD), content_type="text/csv"),
            "format": "mg-csv",
            "source": "Riverside Intergroup",
        },
    )
    return ImportBatch.objects.get()


def test_applying_an_import_only_queues_it(queued, client_of, liaison):
    from groups.models import Meeting

    client = client_of(liaison)
    batch = _upload(client)
    response = client.post(reverse("groups_office:import_apply", args=[batch.pk]))
    assert response.status_code == 302
    assert names(queued) == ["import_batch_apply"]
    assert not Meeting.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "The import is queued" in page and 'http-equiv="refresh"' in page
    # A second click while it waits queues nothing more.
    client.post(reverse("groups_office:import_apply", args=[batch.pk]))
    assert names(queued) == ["import_batch_apply"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_applies_a_queued_import_and_the_page_shows_it(settings, client_of, liaison):
    from groups.models import Meeting

    settings.TASKS = DATABASE
    client = client_of(liaison)
    batch = _upload(client)
    client.post(reverse("groups_office:import_apply", args=[batch.pk]))
    assert not Meeting.objects.exists()
    call_command("worker", "--batch", "--no-schedule")
    assert Meeting.objects.count() == 1
    progress = client.get(reverse("groups_office:import_progress", args=[batch.pk])).json()
    assert progress["state"] == "done" and progress["done"] == progress["total"] == 1
    assert (
        "Imported: 1 new group"
        in client.get(reverse("groups_office:import_preview", args=[batch.pk])).content.decode()
    )
