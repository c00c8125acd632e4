"""`/meetings.json` made once per change of the listings, kept gzip-compressed, and served from
there to every reader.

At 25,000 meetings the feed is about 17 MB of JSON and takes seconds to make, so no reader's
request should make it. It is made by a task (`meetings_feed_build`, below), compressed (to
about a twentieth of its size), and stored in two places: a row of `PublishedFeed` in the
database, which every process and worker sees and which outlives a restart of the cache, and the
shared cache (Redis in production), from which requests serve it without asking the database.

Which body is current is said in the cache, beside the public pages' version number that every
change to a listing raises (`groups/directory/page_cache.py`): `built:<version>` names the body
made for that version. A request that finds it answers from the cache alone (a 304 needs no more
than that); one that does not:

- asks for a new body (one task at a time: a flag in the cache says one is queued);
- with the in-process task queue (development, tests) the task has run by then, and the request
  serves its body;
- with a worker queue it serves the body made before (the row, or the cache's copy of it) while
  the worker makes the new one: a reader may see the feed as it was a few seconds earlier, never
  an error or an empty feed;
- only when no body was ever made (a new installation) does the request make one itself.

With a worker queue, every change to a listing also queues a build as its transaction commits,
so that the new body is usually ready before the next reader asks. With the in-process queue it
does not: the build would run in the editor's request; the next reader's request builds instead.

A body is trusted for its version for `BUILT_SECONDS` at most, so that a change made without the
signals (a bulk update) is published within the hour, as before.

The body is the same whichever address it is asked on: its links to group pages start with
`SITE_URL`.
"""

import gzip
import hashlib
import json
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from groups.directory import page_cache
from groups.meeting_guide import feed
from groups.models import PublishedFeed
from jobs.queue import background, runs_in_process

logger = logging.getLogger("groups.meeting_guide")

NAME = "meetings.json"
# How long a body is trusted to be the one of its version (a change made without the signals is
# published within this time); the cache keeps the newest body's bytes as long.
BUILT_SECONDS = 60 * 60
# How long a process trusts its note of the latest stored body before it reads the row again.
LATEST_SECONDS = 60
# How long a queued build keeps others from being queued: if a worker never runs it, the next
# reader after this time queues another.
PENDING_SECONDS = 10 * 60
GZIP_LEVEL = 6

LATEST_KEY = f"feed:{NAME}:latest"
# The newest body's bytes and their description: one body in the cache at a time (about 0.8 MB
# at 25,000 meetings), however often the listings change.
BODY_KEY = f"feed:{NAME}:body"
PENDING_KEY = f"feed:{NAME}:pending"


def _built_key(version) -> str:
    return f"feed:{NAME}:built:{version}"


def site_absolute(path: str) -> str:
    """The address of a page of the site, as the feed gives it whoever asks for it."""
    return settings.SITE_URL.rstrip("/") + path


def _meta(row) -> dict:
    """What a request needs to know of a stored body without reading it (the 304, the headers)."""
    return {
        "digest": row.digest,
        "last_modified": int(row.last_modified.timestamp()),
        "size": row.size,
        "gzip_size": row.gzip_size,
        "items": row.items,
    }


# --- making a body --------------------------------------------------------------------------------


def build() -> dict:
    """Make the feed of the listings as they are now, store it, and return its description.

    The version is read before the listings, so that a change made while the feed is made raises
    the version past the one the body is kept for. A build that finds a newer one stored while it
    worked (two workers, or a worker and a new installation's first reader) keeps that one."""
    started = timezone.now()
    clock = time.perf_counter()
    version = page_cache.version()
    records = feed.feed_records(site_absolute, monthly=False)
    raw = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    digest = hashlib.sha256(raw).hexdigest()[:32]
    compressed = gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)
    row = _store(started, digest, raw, compressed, len(records))
    meta = _meta(row)
    if row.started_at == started:
        cache.set(BODY_KEY, {"meta": meta, "gzip": compressed}, BUILT_SECONDS)
        cache.set(LATEST_KEY, meta, LATEST_SECONDS)
        cache.set(_built_key(version), meta, BUILT_SECONDS)
    logger.info(
        "%s built: %s meetings, %s bytes, %s gzipped, %.0f ms",
        NAME,
        len(records),
        len(raw),
        len(compressed),
        (time.perf_counter() - clock) * 1000,
    )
    return meta


def _store(started, digest: str, raw: bytes, compressed: bytes, items: int) -> PublishedFeed:
    stored_rows = PublishedFeed.objects.filter(name=NAME).defer("gzip")
    previous = stored_rows.first()
    if previous is not None and previous.started_at > started:
        return previous  # a newer build stored its body while this one worked
    now = timezone.now()
    fields = {
        "digest": digest,
        "gzip": compressed,
        "size": len(raw),
        "gzip_size": len(compressed),
        "items": items,
        "started_at": started,
        "built_at": now,
        # When the published feed last changed (whole seconds, as HTTP dates): an unchanged body
        # keeps the time of the first build that made it.
        "last_modified": previous.last_modified
        if previous is not None and previous.digest == digest
        else now.replace(microsecond=0),
    }
    if previous is None:
        try:
            with transaction.atomic():
                return PublishedFeed.objects.create(name=NAME, **fields)
        except IntegrityError:
            pass  # another build stored the first body meanwhile: replace it if older
    stored = PublishedFeed.objects.filter(name=NAME, started_at__lte=started).update(**fields)
    if not stored:
        return stored_rows.get()
    return PublishedFeed(name=NAME, **fields)


@background(retries=2, retry_after=30)
def meetings_feed_build() -> dict:
    """The task: make the feed for the listings as they are now. A change after this moment
    queues another build."""
    cache.delete(PENDING_KEY)
    return build()


def request_build() -> None:
    """Queue a build unless one is queued already. Never fails the request that asks: a queue
    that cannot take it leaves the body as it was, and the next reader asks again."""
    if not cache.add(PENDING_KEY, True, PENDING_SECONDS):
        return
    try:
        meetings_feed_build.enqueue()
    except Exception:
        cache.delete(PENDING_KEY)
        logger.exception("Could not queue the build of %s", NAME)


def listings_changed(**kwargs) -> None:
    """A listing changed (`page_cache.listings_changed`): with workers, queue the new body as
    the change commits. With the in-process queue the next reader builds it instead."""
    if not runs_in_process():
        transaction.on_commit(request_build, robust=True)


def connect_signals() -> None:
    page_cache.listings_changed.connect(listings_changed, dispatch_uid="meetings.json:build")


# --- serving it -----------------------------------------------------------------------------------


def current() -> dict:
    """The description of the body to serve now (see the module's docstring)."""
    version = page_cache.version()
    meta = cache.get(_built_key(version))
    if meta is not None:
        return meta
    request_build()
    meta = cache.get(_built_key(version)) or _previous()
    if meta is not None:
        return meta
    return build()  # nothing was ever built: this request makes the first body


def _previous():
    meta = cache.get(LATEST_KEY)
    if meta is not None:
        return meta
    row = PublishedFeed.objects.filter(name=NAME).defer("gzip").first()
    if row is None:
        return None
    meta = _meta(row)
    cache.set(LATEST_KEY, meta, LATEST_SECONDS)
    return meta


def compressed_body(meta: dict) -> tuple[dict, bytes]:
    """The gzipped bytes of the body `meta` describes, from the cache, else from the row. When a
    newer body has replaced it by then, that one, with its own description."""
    kept = cache.get(BODY_KEY)
    if kept is None or kept["meta"]["digest"] != meta["digest"]:
        row = PublishedFeed.objects.filter(name=NAME).first()
        if row is None:  # the row is gone (a database restored from before it): make it again
            build()
            row = PublishedFeed.objects.get(name=NAME)
        kept = {"meta": _meta(row), "gzip": bytes(row.gzip)}
        cache.set(BODY_KEY, kept, BUILT_SECONDS)
    return kept["meta"], kept["gzip"]
