"""The directory given out in the Meeting Guide formats: `/meetings.json` for apps and other sites,
and the CSV table for staff."""

import json

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_safe

from groups.directory import page_cache
from groups.languages import in_english
from groups.meeting_guide import feed
from liaison import csvio
from liaison.db_router import reads_from_replica
from liaison.permissions import staff_required

FEED_CACHE_SECONDS = 60 * 60


def _records(request, monthly=True):
    return feed.feed_records(request.build_absolute_uri, monthly=monthly)


@in_english
@require_safe  # HEAD too: a CDN or a meeting app asks whether the feed changed
def meetings_json(request):
    """Every public, active meeting. Answers 304 to a client that has the current version, and
    keeps the serialized feed in the cache until a listed meeting or group changes."""
    # The feed's fingerprint reads every listed meeting: kept with the public pages' version,
    # which every change to a listing raises (groups/directory/page_cache.py).
    state_key = f"meetings.json:state:{page_cache.version()}"
    state = cache.get(state_key)
    if state is None:
        state = feed.feed_state()
        cache.set(state_key, state, FEED_CACHE_SECONDS)
    last_modified, count = state
    stamp = int(last_modified.timestamp() * 1_000_000) if last_modified else 0
    etag = f'"mg-{count}-{stamp}"'
    last_modified_seconds = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified_seconds)
    if response is None:
        key = f"meetings.json:{request.get_host()}:{etag}"
        body = cache.get(key)
        if body is None:
            records = _records(request, monthly=False)
            body = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
            cache.set(key, body, FEED_CACHE_SECONDS)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if last_modified_seconds:
        response["Last-Modified"] = http_date(last_modified_seconds)
    response["Cache-Control"] = "public, max-age=300"
    # The same body for every visitor, whatever their cookies or language.
    response.vary_only = ()
    # Other meeting-list sites and apps read the feed from their own pages.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@in_english
@staff_required
@require_GET
@reads_from_replica
def export_csv(request):
    """The directory as a Meeting Guide table, for staff: opens in a spreadsheet, imports back."""
    rows = [feed.CSV_HEADERS]
    rows += [feed.csv_row(record) for record in _records(request)]
    return csvio.response("meetings.csv", rows, bom=True)
