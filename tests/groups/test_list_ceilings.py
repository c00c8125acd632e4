"""List pages of the leaders' side answer with the same number of queries for few and many rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.listing.changes import listing_save
from groups.models import NewGroupRequest, Suggestion
from tests.factory import make_group, make_leader, make_meeting


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_portal_home_has_a_fixed_query_ceiling(client_of, group, leader):
    client = client_of(leader)
    few = count(client, reverse("portal:home"))
    for _ in range(15):
        other = make_group()
        make_leader(other, user=leader)
        make_meeting(other)
        Suggestion.objects.create(group=other, source="public", note="x")
    many = count(client, reverse("portal:home"))
    assert few == many <= 9


def test_the_listings_queue_has_a_fixed_query_ceiling(client_of, liaison):
    client = client_of(liaison)
    make_group(verified_at=None)
    # One request, so that the check for possible duplicates runs with few rows too.
    NewGroupRequest.objects.create(
        group=make_group(status="pending"), contact_name="C", contact_email="c@example.org"
    )
    few = count(client, reverse("groups_office:listings"))
    for n in range(80):  # more than a page of listings due
        group = make_group(verified_at=None)
        Suggestion.objects.create(group=group, source="public", note="x")
        NewGroupRequest.objects.create(
            group=make_group(status="pending"), contact_name=f"C{n}", contact_email="c@example.org"
        )
    many = count(client, reverse("groups_office:listings"))
    assert few == many <= 13


def test_the_history_page_has_a_fixed_query_ceiling(client_of, group, leader):
    client = client_of(leader)
    url = reverse("groups:history", args=[group.slug])
    listing_save(
        group, values={"who_attends": "first"}, expected_version=None, by=leader, source="leader"
    )
    few = count(client, url)
    for n in range(40):
        group.refresh_from_db()
        listing_save(
            group,
            values={"who_attends": f"v{n}"},
            expected_version=None,
            by=leader,
            source="leader",
        )
    many = count(client, url)
    assert few == many <= 9


def test_the_manage_page_has_a_fixed_query_ceiling(client_of, group, leader):
    client = client_of(leader)
    url = reverse("groups:manage", args=[group.slug])
    few = count(client, url)
    for _ in range(12):
        make_meeting(group)
        Suggestion.objects.create(group=group, source="public", note="x")
    many = count(client, url)
    # (13: the page also names the people invited to keep the listing, in one query.)
    assert few == many <= 13
