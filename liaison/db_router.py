"""Reads that may come from a replica: the dashboard and the exports, which read much and can
be a second or two behind. Everything else, and every write, goes to the primary."""

import contextvars
from contextlib import contextmanager
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_on_replica = contextvars.ContextVar("on_replica", default=False)


@contextmanager
def replica_reads():
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def reads_from_replica(view):
    """A view whose reads may come from the replica, when one is configured."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _on_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
