"""Sources kept fresh: a published list fetched on a schedule with conditional requests, each
change planned like an upload, applied at once only when trusted and harmless, otherwise queued
for review; every fetch recorded. The network is a local HTTP server serving files."""

import hashlib
import http.server
import json
import threading

import pytest
from django.urls import reverse

from groups import scheduled
from groups.imports import sources
from groups.listing.changes import listing_save
from groups.models import ImportBatch, ImportRun, ImportSource, Meeting
from tests.groups.test_importers import mg


class Files(http.server.BaseHTTPRequestHandler):
    """Serves `files` ({path: bytes}) with an ETag, and 304 to a client that has it."""

    files: dict = {}
    asked: list = []

    def do_GET(self):
        type(self).asked.append(dict(self.headers))
        body = self.files.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    settings.IMPORT_FETCH_PRIVATE_ADDRESSES = True
    Files.files, Files.asked = {}, []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Files)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def publish(*records):
    Files.files["/meetings.json"] = json.dumps(list(records)).encode()


def source_at(server, liaison, trusted=True, path="/meetings.json"):
    return ImportSource.objects.create(
        agency=liaison.agency,
        name="Riverside Intergroup",
        url=server + path,
        format="mg-json",
        trusted=trusted,
        created_by=liaison,
    )


def test_a_trusted_source_is_applied_then_asked_only_for_changes(server, liaison):
    publish(mg(slug="a"), mg(slug="b", day=3))
    source = source_at(server, liaison)
    run = sources.source_refresh(source)
    assert run.outcome == "applied"
    assert run.counts["meetings"]["create"] == 2
    # The run counts what the import did, as the batch's page says it.
    run.batch.refresh_from_db()
    assert run.counts["groups"] == run.batch.summary["groups"]
    assert run.counts["meetings"] == run.batch.summary["meetings"]
    assert Meeting.objects.filter(import_source="Riverside Intergroup").count() == 2
    source.refresh_from_db()
    assert source.etag and source.checked_at
    again = sources.source_refresh(source)
    assert again.outcome == "not_modified"
    assert Files.asked[-1]["If-None-Match"] == source.etag


def test_an_untrusted_source_waits_for_review(server, liaison):
    publish(mg(slug="a"))
    run = sources.source_refresh(source_at(server, liaison, trusted=False))
    assert run.outcome == "review" and run.batch.applied_at is None
    assert not Meeting.objects.exists()


def test_a_dropped_meeting_waits_for_review_even_from_a_trusted_source(server, liaison):
    publish(mg(slug="a"), mg(slug="b", day=3))
    source = source_at(server, liaison)
    sources.source_refresh(source)
    publish(mg(slug="a"))
    run = sources.source_refresh(source)
    assert run.outcome == "review"
    assert run.counts["meetings"]["end"] == 1
    assert Meeting.objects.get(slug="b").status == "active"


def test_a_change_to_a_field_edited_here_waits_for_review(server, liaison):
    publish(mg(slug="a", notes="Old notes"))
    source = source_at(server, liaison)
    sources.source_refresh(source)
    meeting = Meeting.objects.get(slug="a")
    listing_save(
        meeting, values={"notes": "Edited here"}, expected_version=meeting.version,
        by=liaison, source="staff", fields=["notes"],
    )  # fmt: skip
    publish(mg(slug="a", notes="New notes"))
    assert sources.source_refresh(source).outcome == "review"
    assert Meeting.objects.get(slug="a").notes == "Edited here"


def test_an_unchanged_file_under_a_new_etag_changes_nothing_and_keeps_no_batch(server, liaison):
    publish(mg(slug="a"))
    source = source_at(server, liaison)
    sources.source_refresh(source)
    ImportSource.objects.filter(pk=source.pk).update(etag="")
    source.refresh_from_db()
    batches = ImportBatch.objects.count()
    assert sources.source_refresh(source).outcome == "unchanged"
    assert ImportBatch.objects.count() == batches


def test_a_file_with_problems_and_an_unreachable_list_are_recorded(server, liaison):
    publish(mg(slug="a", day=9))
    assert sources.source_refresh(source_at(server, liaison)).outcome == "problems"
    missing = ImportSource.objects.create(
        agency=liaison.agency, name="Gone", url=server + "/nothing.json", format="mg-json"
    )
    run = sources.source_refresh(missing)
    assert (run.outcome, run.message) == ("failed", "The server answered 404 Not Found.")


def test_an_address_inside_this_network_is_refused(server, liaison, settings):
    settings.IMPORT_FETCH_PRIVATE_ADDRESSES = False
    publish(mg(slug="a"))
    run = sources.source_refresh(source_at(server, liaison))
    assert run.outcome == "failed" and "inside this network" in run.message


def test_the_schedule_fetches_every_active_source(server, liaison):
    publish(mg(slug="a"))
    source_at(server, liaison)
    ImportSource.objects.create(
        agency=liaison.agency, name="Paused", url=server + "/x", format="mg-json", active=False
    )
    assert scheduled.refresh_import_sources() == {"applied": 1}
    assert ImportRun.objects.count() == 1


def test_staff_add_a_source_and_check_it_now(server, client_of, liaison):
    publish(mg(slug="a"))
    browser = client_of(liaison)
    page = browser.post(
        reverse("groups_office:import_sources"),
        {"name": "Riverside Intergroup", "url": server + "/meetings.json", "format": "mg-json"},
    )
    assert page.status_code == 302
    source = ImportSource.objects.get()
    assert source.runs.get().outcome == "review"  # not trusted: waits for a person
    listing = browser.get(reverse("groups_office:import_sources")).content.decode()
    assert "Waiting for review" in listing and "see the file" in listing
    checked = browser.post(reverse("groups_office:import_source_check", args=[source.pk]))
    assert checked.status_code == 302 and source.runs.count() == 2


def test_the_sources_page_has_a_fixed_query_count(
    server, client_of, liaison, django_assert_max_num_queries
):
    for n in range(8):
        ImportSource.objects.create(
            agency=liaison.agency, name=f"List {n}", url=f"{server}/{n}", format="mg-json"
        )
    browser = client_of(liaison)
    browser.get(reverse("groups_office:import_sources"))
    with django_assert_max_num_queries(12):
        browser.get(reverse("groups_office:import_sources"))
