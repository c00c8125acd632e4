"""Periodic jobs, scheduled by the task system itself.

Each app declares its jobs in `<app>/scheduled.py` with `@scheduled(...)`; a job is a function
that does its work through the app's services and returns what it did as counts. The worker
(`manage.py worker`) ticks the schedule every half minute: each job due gets a `JobRun` row for
its slot and a task that runs it. The row is unique per job and slot, so two workers ticking at
the same moment start it once. Only the latest missed slot is run (no burst of catch-up runs
after a pause). Cron remains an option: `manage.py run_job <name>` runs one at once, recorded
the same way.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.models import JobRun
from jobs.queue import background, later

_JOBS: dict[str, "Job"] = {}


@dataclass(frozen=True)
class Job:
    name: str
    function: object = field(compare=False)
    description: str
    at: dt.time | None = None  # daily, at this local time
    every: dt.timedelta | None = None  # or every so often, from midnight

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        """The most recent time at or before `now` when the job was due."""
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        local = now.astimezone(zone)
        midnight = dt.datetime.combine(local.date(), dt.time.min, tzinfo=zone)
        if self.at is not None:
            slot = dt.datetime.combine(local.date(), self.at, tzinfo=zone)
            if slot > local:
                slot -= dt.timedelta(days=1)
            return slot
        steps = (local - midnight) // self.every
        return midnight + steps * self.every

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        if self.at is not None:
            return self.latest_slot(now) + dt.timedelta(days=1)
        return self.latest_slot(now) + self.every


def scheduled(name, *, description, at=None, every_minutes=None):
    """Register a periodic job: daily `at` "HH:MM" (the installation's time zone), or every
    `every_minutes` minutes."""
    if (at is None) == (every_minutes is None):
        raise ValueError("Give a daily time or an interval, not both.")

    def decorator(function):
        _JOBS[name] = Job(
            name=name,
            function=function,
            description=description,
            at=dt.time.fromisoformat(at) if at else None,
            every=dt.timedelta(minutes=every_minutes) if every_minutes else None,
        )
        return function

    return decorator


def jobs() -> list[Job]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def job(name) -> Job:
    return _JOBS[name]


def tick(now=None) -> list[JobRun]:
    """Queue each job whose latest slot has no run yet. Safe to call from several processes."""
    now = now or timezone.now()
    queued = []
    for each in jobs():
        slot = each.latest_slot(now)
        if JobRun.objects.filter(job=each.name, slot=slot, by_hand=False).exists():
            continue
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=each.name, slot=slot)
                later(run_job, run.pk)
        except IntegrityError:
            continue  # another scheduler queued this slot first
        queued.append(run)
    return queued


def run_now(name) -> JobRun:
    """Queue a job at once (by hand, or from cron), recorded like a scheduled run."""
    job(name)
    with transaction.atomic():
        run = JobRun.objects.create(job=name, slot=timezone.now(), by_hand=True)
        later(run_job, run.pk)
    return run


@background(retries=2, retry_after=300)
def run_job(run_id: int) -> dict:
    run = JobRun.objects.get(pk=run_id)
    JobRun.objects.filter(pk=run.pk).update(
        outcome=JobRun.Outcome.RUNNING,
        started_at=timezone.now(),
        attempts=run.attempts + 1,
        error="",
    )
    try:
        counts = job(run.job).function() or {}
    except Exception as error:
        JobRun.objects.filter(pk=run.pk).update(
            outcome=JobRun.Outcome.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:500],
        )
        raise
    JobRun.objects.filter(pk=run.pk).update(
        outcome=JobRun.Outcome.DONE,
        finished_at=timezone.now(),
        counts={str(k): v for k, v in counts.items()},
    )
    return counts
