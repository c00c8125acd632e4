"""The public directory's pages come from the cache for visitors not signed in, until a listing
changes; nothing made for one person is ever kept, and every view is still counted."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from groups.models import DirectoryUsage, Meeting
from tests.factory import make_assessment, make_group, make_meeting

pytestmark = pytest.mark.page_cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_the_second_visitor_gets_the_kept_page_and_is_counted(client, group):
    url = group.get_absolute_url()
    first = client.get(url)
    second = client.get(url)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert DirectoryUsage.objects.get(kind="group_view", audience="public").count == 2


def test_a_change_to_a_listing_is_seen_at_once(client, group):
    url = group.get_absolute_url()
    client.get(url)
    group.who_attends = "Mostly mothers of young children"
    group.save()
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Mostly mothers of young children" in page.content.decode()
    make_meeting(group, notes="Bring a friend")
    assert "Bring a friend" in client.get(url).content.decode()
    Meeting.objects.all().delete()
    assert "Bring a friend" not in client.get(url).content.decode()


def test_each_language_has_its_own_page(client, group):
    url = reverse("groups:directory")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert spanish["X-Page-Cache"] == "miss"
    assert english.content != spanish.content
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="es")["X-Page-Cache"] == "hit"


def test_signed_in_people_never_get_or_leave_a_kept_page(group, practitioner, agency):
    from tests.conftest import CommittingClient

    make_assessment(agency, group, notes="Private to our agency")
    url = group.get_absolute_url()
    staff, public = CommittingClient(), CommittingClient()
    staff.force_login(practitioner)
    page = staff.get(url)
    assert "X-Page-Cache" not in page and "Private to our agency" in page.content.decode()
    first = public.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert "Private to our agency" not in first.content.decode()
    assert public.get(url)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in staff.get(url)


def test_a_kept_page_is_kept_a_minute_at_most(client, group, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    url = group.get_absolute_url()
    start = dt.datetime(2026, 12, 10, 18, 59, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: start)
    client.get(url)
    misses = []
    for second in range(1, 61):
        at = start + dt.timedelta(seconds=second)
        monkeypatch.setattr(timezone, "now", lambda at=at: at)
        if client.get(url)["X-Page-Cache"] == "miss":
            misses.append(second)
    assert len(misses) == 1  # made again once within the minute, at a moment of its own


def test_a_kept_page_carries_no_form_token_or_cookie(client, group):
    url = group.get_absolute_url()
    client.get(url)
    kept = client.get(url)
    assert kept["X-Page-Cache"] == "hit"
    assert not kept.cookies
    assert "csrfmiddlewaretoken" not in kept.content.decode()


def test_the_language_switch_works_without_a_token(client, group):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("set_language"), {"language": "es", "next": group.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"


def test_a_search_served_from_the_cache_is_counted(client, db):
    make_group(name="Hope on Tuesdays")
    url = reverse("groups:directory") + "?q=hope"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert DirectoryUsage.objects.get(kind="search", audience="public").count == 2


def test_usage_is_counted_in_the_cache_and_written_now_and_then(client, group, settings):
    from groups.services import usage_flush

    settings.DIRECTORY_USAGE_FLUSH_SECONDS = 30
    url = group.get_absolute_url()
    for _ in range(3):
        client.get(url)
    # The first view wrote at once; the next two wait in the cache until it is time.
    assert DirectoryUsage.objects.get(kind="group_view").count == 1
    assert usage_flush() == 2
    assert DirectoryUsage.objects.get(kind="group_view").count == 3
    assert usage_flush() == 0


def test_the_feed_answers_from_its_kept_fingerprint_until_a_listing_changes(client, group):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_meeting(group)
    first = client.get(reverse("meetings_json"))
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse("meetings_json"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and len(queries) == 0
    make_meeting(group, name="A new one")
    changed = client.get(reverse("meetings_json"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
