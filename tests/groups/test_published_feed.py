"""`/meetings.json` made by a task once per change of the listings and kept compressed: served
gzipped or plain as the client takes it, 304 from the cache alone, HEAD without the body, the
previous body while a worker makes the next, never an error or an empty feed."""

import datetime as dt
import gzip
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import signals as task_signals
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from groups.meeting_guide import published
from groups.meeting_guide.views import accepts_gzip
from groups.models import Contact, Meeting, PublishedFeed
from tests.factory import make_group, make_meeting

URL = reverse("meetings_json")
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def listed(db):
    group = make_group(name="Riverside AA", slug="riverside-aa")
    make_meeting(group, slug="riverside-tuesday", days=[2], mode="online", notes="Bring a mug.")
    make_meeting(group, slug="riverside-friday", days=[5])
    return group


@pytest.fixture
def builds():
    """The names of the tasks that ran, in order."""
    ran = []

    def record(sender, task_result, **kwargs):
        ran.append(task_result.task.name)

    task_signals.task_finished.connect(record, dispatch_uid="test:builds")
    yield ran
    task_signals.task_finished.disconnect(dispatch_uid="test:builds")


def slugs(body: bytes) -> list[str]:
    return sorted(meeting["slug"] for meeting in json.loads(body))


def notes(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("header", "takes"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8, *;q=0.1", True),
        ("GZIP", True),
        ("x-gzip", True),
        ("*", True),
        ("", False),
        ("identity", False),
        ("deflate, br", False),
        ("gzip;q=0", False),
        ("gzip;q=0, *", False),
        ("*;q=0", False),
        ("gzip;q=nonsense", False),
    ],
)
def test_a_client_takes_gzip_as_its_accept_encoding_says(header, takes):
    request = RequestFactory().get(URL, HTTP_ACCEPT_ENCODING=header)
    assert accepts_gzip(request) is takes


def test_it_is_sent_gzipped_to_a_client_that_takes_it_and_plain_to_one_that_does_not(
    client, listed
):
    plain = client.get(URL)
    assert plain.status_code == 200 and "Content-Encoding" not in plain
    zipped = client.get(URL, **GZIP)
    assert zipped.status_code == 200 and zipped["Content-Encoding"] == "gzip"
    assert zipped["Content-Type"] == plain["Content-Type"] == "application/json; charset=utf-8"
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content)
    assert int(zipped["Content-Length"]) == len(zipped.content)
    assert int(plain["Content-Length"]) == len(plain.content)
    # The same feed, two representations: a tag each.
    assert zipped["ETag"] != plain["ETag"]
    assert zipped["Last-Modified"] == plain["Last-Modified"]
    for response in (plain, zipped):
        assert response["Vary"] == "Accept-Encoding"
        assert response["Cache-Control"] == "public, max-age=300"
        assert response["Access-Control-Allow-Origin"] == "*"


def test_a_client_with_the_current_feed_gets_304_without_a_query(client, listed):
    zipped = client.get(URL, **GZIP)
    plain = client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        answers = [
            client.get(URL, HTTP_IF_NONE_MATCH=zipped["ETag"], **GZIP),
            client.get(URL, HTTP_IF_NONE_MATCH=plain["ETag"]),
            # Either tag names the feed, whichever coding the client asks for now.
            client.get(URL, HTTP_IF_NONE_MATCH=plain["ETag"], **GZIP),
            client.get(URL, HTTP_IF_NONE_MATCH=f'"other", W/{zipped["ETag"]}'),
            client.get(URL, HTTP_IF_MODIFIED_SINCE=plain["Last-Modified"]),
            client.head(URL, HTTP_IF_NONE_MATCH=zipped["ETag"], **GZIP),
        ]
    assert [answer.status_code for answer in answers] == [304] * 6
    assert len(queries) == 0
    assert answers[0]["ETag"] == zipped["ETag"] and answers[1]["ETag"] == plain["ETag"]
    assert answers[0]["Vary"] == "Accept-Encoding"
    assert answers[0]["Cache-Control"] == "public, max-age=300"
    assert answers[0].content == b""
    assert client.get(URL, HTTP_IF_NONE_MATCH='"mg-something-else"').status_code == 200


def test_a_head_request_says_what_a_get_would_send_without_reading_the_body(client, listed):
    zipped = client.get(URL, **GZIP)
    plain = client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        head_zipped = client.head(URL, **GZIP)
        head_plain = client.head(URL)
    assert len(queries) == 0
    assert head_zipped.status_code == head_plain.status_code == 200
    assert head_zipped.content == head_plain.content == b""
    assert head_zipped["Content-Encoding"] == "gzip" and "Content-Encoding" not in head_plain
    assert int(head_zipped["Content-Length"]) == len(zipped.content)
    assert int(head_plain["Content-Length"]) == len(plain.content)
    assert (head_zipped["ETag"], head_plain["ETag"]) == (zipped["ETag"], plain["ETag"])
    assert head_plain["Vary"] == "Accept-Encoding"


def test_the_body_is_made_by_the_task_once_and_kept_compressed(client, listed, builds):
    first = client.get(URL)
    assert builds == ["meetings_feed_build"]
    stored = PublishedFeed.objects.get(name="meetings.json")
    assert gzip.decompress(bytes(stored.gzip)) == first.content
    assert (stored.size, stored.items) == (len(first.content), 2)
    client.get(URL)
    client.get(URL, **GZIP)
    assert builds == ["meetings_feed_build"]  # served as kept


def test_a_change_to_a_meeting_makes_a_new_body_with_new_validators(client, listed, builds):
    before = client.get(URL)
    meeting = Meeting.objects.get(slug="riverside-tuesday")
    meeting.notes = "Moved to the library."
    meeting.save()
    after = client.get(URL, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Moved to the library." in notes(after) and "Bring a mug." not in notes(after)
    assert builds == ["meetings_feed_build", "meetings_feed_build"]
    stored = PublishedFeed.objects.get(name="meetings.json")
    assert gzip.decompress(bytes(stored.gzip)) == after.content


def test_a_change_that_leaves_the_feed_as_it_was_keeps_its_validators(client, listed, builds):
    before = client.get(URL)
    # A contact the public does not see: the listings' version goes up, the feed stays the same.
    Contact.objects.create(group=listed, first_name="Private", last_name="Person", is_public=False)
    again = client.get(URL, HTTP_IF_NONE_MATCH=before["ETag"])
    assert builds == ["meetings_feed_build", "meetings_feed_build"]
    assert again.status_code == 304
    assert client.get(URL)["Last-Modified"] == before["Last-Modified"]


def test_the_body_is_the_same_whatever_address_it_is_asked_on(client, listed, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    settings.SITE_URL = "https://directory.example.org"
    ours = client.get(URL)
    theirs = client.get(URL, HTTP_HOST="mirror.example.org")
    assert ours.content == theirs.content
    assert json.loads(ours.content)[0]["url"].startswith("https://directory.example.org/groups/")


def test_while_the_queued_build_waits_the_previous_body_is_served(client, listed, settings):
    """With a queue that a worker empties later, a reader never waits for the feed to be made
    and never gets an error or an empty feed: the first body is made by the first reader (there
    is nothing else to give), later ones are served the body made before until the new one is
    stored."""
    settings.TASKS = DUMMY
    queued = task_backends["default"].results
    queued.clear()
    first = client.get(URL)
    assert first.status_code == 200 and slugs(first.content) == [
        "riverside-friday",
        "riverside-tuesday",
    ]
    make_meeting(listed, slug="riverside-sunday", days=[0])
    Meeting.objects.filter(slug="riverside-friday").update(status="paused")
    make_meeting(listed, slug="riverside-monday", days=[1])
    for _ in range(3):
        meanwhile = client.get(URL)
        assert meanwhile.status_code == 200 and meanwhile.content == first.content
        assert meanwhile["ETag"] == first["ETag"]
    # One build queued, however many changes and readers.
    assert [result.task.name for result in queued] == ["meetings_feed_build"]
    published.build()  # what the worker does
    fresh = client.get(URL)
    assert slugs(fresh.content) == ["riverside-monday", "riverside-sunday", "riverside-tuesday"]


def test_a_feed_without_its_cache_is_served_from_the_stored_body(client, listed, settings):
    settings.TASKS = DUMMY
    first = client.get(URL, **GZIP)
    cache.clear()  # a restarted cache: the version and the kept body are gone
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL, **GZIP)
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"]
    # Its description, then its bytes; no build in the request.
    assert len(queries) == 2


@pytest.mark.django_db(transaction=True)
def test_with_workers_a_change_queues_one_build_and_a_worker_makes_the_new_body(client, settings):
    settings.TASKS = DATABASE
    cache.clear()
    group = make_group(name="Riverside AA", slug="riverside-aa")
    meeting = make_meeting(group, slug="riverside-tuesday", days=[2], notes="Bring a mug.")
    first = client.get(URL)
    assert "Bring a mug." in notes(first)
    DBTaskResult.objects.all().delete()
    cache.delete(published.PENDING_KEY)

    for text in ["Moved upstairs.", "Moved to the library."]:
        meeting.notes = text
        meeting.save()
    # Each change queued the build as it committed; one is waiting, whatever the number.
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "groups.meeting_guide.published.meetings_feed_build"
    meanwhile = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert meanwhile.status_code == 304  # the previous feed, until the worker has made the next
    assert DBTaskResult.objects.count() == 1

    call_command("worker", "--batch", "--no-schedule")
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    fresh = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
    assert fresh.status_code == 200 and fresh["Content-Encoding"] == "gzip"
    assert "Moved to the library." in gzip.decompress(fresh.content).decode()


def test_a_gzip_middleware_does_not_compress_it_again(client, listed, settings):
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        settings.MIDDLEWARE[1],
        "django.middleware.gzip.GZipMiddleware",
        *settings.MIDDLEWARE[2:],
    ]
    zipped = client.get(URL, **GZIP)
    assert zipped["Content-Encoding"] == "gzip"
    assert slugs(gzip.decompress(zipped.content)) == ["riverside-friday", "riverside-tuesday"]
    assert zipped["Vary"] == "Accept-Encoding"
    plain = client.get(URL)
    assert slugs(plain.content) == ["riverside-friday", "riverside-tuesday"]


def test_a_build_that_began_earlier_never_replaces_a_newer_body(client, listed):
    newer = published.build()
    stored = PublishedFeed.objects.get(name="meetings.json")
    earlier = stored.started_at - dt.timedelta(seconds=5)
    kept = published._store(earlier, "0" * 32, b"[]", gzip.compress(b"[]"), 0)
    assert kept.digest == newer["digest"]
    stored.refresh_from_db()
    assert (stored.digest, stored.items) == (newer["digest"], 2)
    assert slugs(client.get(URL).content) == ["riverside-friday", "riverside-tuesday"]
