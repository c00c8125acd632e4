"""Periodic jobs are scheduled by the task system: each slot is queued once whoever ticks, each
run is recorded with its outcome and counts, and the agency admin sees the last runs."""

import dataclasses
import datetime as dt
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jobs import schedule
from jobs.models import JobRun
from tests.factory import make_group, make_leader

ZONE = zoneinfo.ZoneInfo("America/New_York")


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=ZONE)


def test_a_daily_job_is_due_at_its_time_and_an_hourly_job_each_hour():
    daily = schedule.job("verification_reminders")  # 06:00
    assert daily.latest_slot(at(2026, 12, 1, 5, 59)) == at(2026, 11, 30, 6)
    assert daily.latest_slot(at(2026, 12, 1, 6, 0)) == at(2026, 12, 1, 6)
    assert daily.next_slot(at(2026, 12, 1, 6, 1)) == at(2026, 12, 2, 6)
    hourly = schedule.job("forget_unconfirmed_registrations")
    assert hourly.latest_slot(at(2026, 12, 1, 13, 59)) == at(2026, 12, 1, 13)


def test_every_periodic_job_is_on_the_schedule():
    assert {job.name for job in schedule.jobs()} >= {
        "verification_reminders",
        "followups_due",
        "purge_clients",
        "backup",
        "forget_unconfirmed_registrations",
        "prune_task_records",
    }


def test_ticking_twice_queues_each_slot_once(db, monkeypatch):
    ran = []
    monkeypatch.setattr(schedule, "later", lambda task, run_id: ran.append(run_id))
    now = at(2026, 12, 1, 8)
    first = schedule.tick(now)
    second = schedule.tick(now)
    assert len(first) == len(schedule.jobs()) and second == []
    assert len(ran) == len(schedule.jobs())
    # Two schedulers racing past the first check meet the database's unique constraint.
    with pytest.raises(IntegrityError), transaction.atomic():
        JobRun.objects.create(
            job="followups_due", slot=schedule.job("followups_due").latest_slot(now)
        )
    # The next slot is queued when it comes.
    frequent = {
        job.name for job in schedule.jobs() if job.every and job.every <= dt.timedelta(hours=1)
    }
    assert "forget_unconfirmed_registrations" in frequent
    assert {run.job for run in schedule.tick(now + dt.timedelta(hours=1))} == frequent


def test_a_run_is_recorded_with_its_outcome_and_counts(db, django_capture_on_commit_callbacks):
    group = make_group(verified_at=timezone.now() - dt.timedelta(days=360))
    make_leader(group)
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule.run_now("verification_reminders")
    run.refresh_from_db()
    assert run.outcome == JobRun.Outcome.DONE and run.by_hand
    assert run.counts == {"listings": 1, "emails": 1, "skipped": 0}
    assert run.started_at <= run.finished_at


def test_a_failing_run_is_recorded_as_failed(db, monkeypatch, django_capture_on_commit_callbacks):
    def broken():
        raise RuntimeError("the mail server is down")

    job = schedule.job("followups_due")
    monkeypatch.setitem(schedule._JOBS, "followups_due", dataclasses.replace(job, function=broken))
    with django_capture_on_commit_callbacks(execute=True):
        run = schedule.run_now("followups_due")
    run.refresh_from_db()
    assert run.outcome == JobRun.Outcome.FAILED
    assert run.error == "RuntimeError: the mail server is down"


def test_run_job_lists_the_jobs_and_runs_one(db, capsys, django_capture_on_commit_callbacks):
    call_command("run_job")
    assert "purge_clients" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_job", "purge_clients")
    assert JobRun.objects.get(job="purge_clients").outcome == JobRun.Outcome.DONE


def test_the_agency_admin_sees_each_jobs_last_run(client_of, agency_admin):
    JobRun.objects.create(
        job="followups_due",
        slot=timezone.now(),
        outcome=JobRun.Outcome.DONE,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        counts={"follow_ups": 4, "practitioners": 2},
    )
    JobRun.objects.create(
        job="backup", slot=timezone.now(), outcome=JobRun.Outcome.FAILED, error="BackupError: disk"
    )
    body = client_of(agency_admin).get(reverse("liaison:jobs_status")).content.decode()
    assert "follow_ups: 4, practitioners: 2" in body
    assert "BackupError: disk" in body
    assert "verification_reminders" in body  # never run yet: listed too
