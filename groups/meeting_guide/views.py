"""The directory given out in the Meeting Guide formats: `/meetings.json` for apps and other sites,
and the CSV table for staff."""

import gzip

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.views.decorators.http import require_GET, require_safe

from groups.languages import in_english
from groups.meeting_guide import feed, published
from liaison import csvio
from liaison.db_router import reads_from_replica
from liaison.permissions import staff_required

CONTENT_TYPE = "application/json; charset=utf-8"


def _records(request, monthly=True):
    return feed.feed_records(request.build_absolute_uri, monthly=monthly)


def accepts_gzip(request) -> bool:
    """Whether the client takes a gzip-coded body (`Accept-Encoding`, with its q-values: `gzip;q=0`
    refuses it, `*` takes it unless gzip is named)."""
    weights = {}
    for part in request.headers.get("Accept-Encoding", "").split(","):
        coding, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if coding:
            weights[coding.lower()] = weight
    for coding in ("gzip", "x-gzip", "*"):
        if coding in weights:
            return weights[coding] > 0
    return False


def _etags(meta) -> tuple[str, str]:
    # One tag per representation (the same bytes compressed or not), either of which a client
    # may hold; both name the same feed.
    return f'"mg-{meta["digest"]}"', f'"mg-{meta["digest"]}-gzip"'


def _not_modified(request, meta) -> bool:
    tags = request.headers.get("If-None-Match")
    if tags is not None:
        held = {tag.removeprefix("W/") for tag in parse_etags(tags)}
        return "*" in held or bool(held & set(_etags(meta)))
    since = request.headers.get("If-Modified-Since")
    if since is not None:
        since = parse_http_date_safe(since)
        return since is not None and meta["last_modified"] <= since
    return False


@in_english
@require_safe  # HEAD too: a CDN or a meeting app asks whether the feed changed
def meetings_json(request):
    """Every public, active meeting, as made by a task once per change of the listings and kept
    compressed (groups/meeting_guide/published.py). Sent gzipped to clients that take it; 304 to
    a client that has the current feed, from the cache alone."""
    meta = published.current()
    gzipped = accepts_gzip(request)
    if _not_modified(request, meta):
        response = HttpResponseNotModified()
    elif request.method == "HEAD":
        # What a GET would send, without reading the body.
        response = HttpResponse(content_type=CONTENT_TYPE)
        response["Content-Length"] = meta["gzip_size"] if gzipped else meta["size"]
    else:
        meta, body = published.compressed_body(meta)
        response = HttpResponse(
            body if gzipped else gzip.decompress(body), content_type=CONTENT_TYPE
        )
    if gzipped and response.status_code == 200:
        response["Content-Encoding"] = "gzip"
    identity, compressed = _etags(meta)
    response["ETag"] = compressed if gzipped else identity
    response["Last-Modified"] = http_date(meta["last_modified"])
    response["Cache-Control"] = "public, max-age=300"
    # The same body for every visitor, whatever their cookies or language; compressed or not.
    response.vary_only = ("Accept-Encoding",)
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
