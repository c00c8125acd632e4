"""Work outside the request, on Django's tasks API (the `django-tasks` backport; Django 6 has it
built in).

- `@background(retries=…)` makes a function a task whose failures are retried with growing
  delays; the last failure stays on the task as its failed state.
- `later(task, …)` enqueues it as part of the current transaction: with the database queue the
  task row commits (or rolls back) with the data it is about, and the worker sees it only once
  committed; with the in-process queue of `make run` and the tests, it runs right after the
  commit.
"""

import datetime as dt
import logging
from functools import wraps

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

logger = logging.getLogger("jobs")

DEFAULT_RETRIES = 5
DEFAULT_RETRY_AFTER = 60  # seconds; doubled at each attempt: 1, 2, 4, 8, 16 minutes


def background(function=None, *, retries=DEFAULT_RETRIES, retry_after=DEFAULT_RETRY_AFTER):
    """A task retried on failure: after `retry_after` seconds, then twice as long each time, at
    most `retries` times. Arguments must be JSON: pass ids, not objects."""

    def decorator(func):
        @wraps(func)
        def runner(*args, _attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                backend = this.get_backend()
                if _attempt <= retries and backend.supports_defer:
                    delay = retry_after * 2 ** (_attempt - 1)
                    this.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
                        *args, _attempt=_attempt + 1, **kwargs
                    )
                    logger.warning(
                        "%s failed (attempt %s of %s); retrying in %s s",
                        this.name,
                        _attempt,
                        retries + 1,
                        delay,
                    )
                else:
                    logger.exception("%s failed for good (attempt %s)", this.name, _attempt)
                raise

        this = task(runner)
        return this

    return decorator(function) if function is not None else decorator


def runs_in_process() -> bool:
    """True when tasks run in this process (development and tests), not on a worker."""
    return not task_backends["default"].supports_defer


def later(this, *args, **kwargs) -> None:
    """Enqueue `this` with the current transaction (see the module's docstring)."""
    if runs_in_process():
        transaction.on_commit(lambda: this.enqueue(*args, **kwargs), robust=True)
    else:
        this.enqueue(*args, **kwargs)
