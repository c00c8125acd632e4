"""The worker: runs queued tasks and keeps the schedule.

    manage.py worker [--no-schedule] [--interval 1] [--batch]

Run as many as you like, on this machine or others sharing the database: each task is claimed
by one worker (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL), and each scheduled slot is
queued once whichever worker ticks first."""

import logging
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connections
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from jobs import schedule

logger = logging.getLogger("jobs")
TICK_SECONDS = 30


class Command(BaseCommand):
    help = "Run queued background tasks, and queue the scheduled jobs when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Run tasks only; leave the schedule to others.",
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued now, then stop."
        )
        parser.add_argument("--worker-id", default="", help="A name for this worker's log lines.")

    def handle(self, *args, interval, no_schedule, batch, worker_id, **options):
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError(
                "The task queue runs in-process (TASK_QUEUE=immediate): there is nothing for a "
                "worker to do. Set TASK_QUEUE=database to use workers."
            )
        stop = threading.Event()
        if not no_schedule:
            schedule.tick()
            if not batch:
                threading.Thread(target=self._keep_schedule, args=(stop,), daemon=True).start()
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=None,
            worker_id=worker_id or get_random_string(12),
            excluded_queue_names=[],
        )
        if not batch:
            worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()

    def _keep_schedule(self, stop):
        while not stop.wait(TICK_SECONDS):
            try:
                close_old_connections()
                for run in schedule.tick():
                    logger.info("Queued %s for %s", run.job, run.slot)
            except Exception:
                logger.exception("The schedule could not be ticked; trying again")
            finally:
                connections.close_all()
