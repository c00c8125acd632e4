import datetime as dt

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import JobRun
from jobs.schedule import scheduled

KEEP_TASKS_DAYS = 14
KEEP_RUNS_DAYS = 365


@scheduled(
    "prune_task_records",
    at="03:30",
    description=(
        f"Forget finished background tasks after {KEEP_TASKS_DAYS} days, and job runs after "
        f"{KEEP_RUNS_DAYS} days."
    ),
)
def prune_task_records():
    now = timezone.now()
    tasks, _ = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=now - dt.timedelta(days=KEEP_TASKS_DAYS))
        .delete()
    )
    runs, _ = JobRun.objects.filter(slot__lt=now - dt.timedelta(days=KEEP_RUNS_DAYS)).delete()
    return {"tasks": tasks, "runs": runs}
