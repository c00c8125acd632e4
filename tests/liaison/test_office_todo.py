"""The office home puts the liaison's to-do first, as counts that lead to the work."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchanges.models import FormalTie
from groups.models import KeepRequest, NewGroupRequest, Suggestion
from tests.factory import make_group, make_leader

TODAY = timezone.localdate()


def _work(agency, other_agency):
    fresh = {"verified_at": timezone.now()}
    NewGroupRequest.objects.create(
        group=make_group(status="pending", **fresh), contact_name="Ann", contact_email="a@x.org"
    )
    leaderless = make_group(name="Leaderless", **fresh)
    led = make_group(name="Led", **fresh)
    make_leader(led)
    for group in (leaderless, leaderless, led):
        Suggestion.objects.create(group=group, note="Moved", source="public")
    make_group(name="Unchecked", verified_at=None)
    KeepRequest.objects.create(group=leaderless, name="Sam", email="sam@example.org")
    for agency_, renews_in in ((agency, 30), (agency, 400), (other_agency, 10)):
        FormalTie.objects.create(
            agency=agency_,
            kind="liaison",
            group=leaderless,
            status="active",
            signed_on=TODAY - dt.timedelta(days=300),
            renews_on=TODAY + dt.timedelta(days=renews_in),
        )


def test_the_liaisons_office_home_says_what_needs_doing(client_of, liaison, agency, other_agency):
    _work(agency, other_agency)
    body = client_of(liaison).get(reverse("pages:office")).content.decode()
    todo = body.split('id="todo-title"')[1].split("</section>")[0]
    listings = reverse("groups_office:listings")
    # Led groups' suggestions are their leaders' to answer; another agency's tie is its own.
    for said in (
        "<strong>1</strong> new group",
        "<strong>1</strong> request to keep a listing",
        "<strong>2</strong> suggestions",
        "<strong>1</strong> check due",
        "<strong>1</strong> tie to renew",
    ):
        assert said in todo, said
    assert f'href="{listings}"' in todo and f'href="{reverse("exchanges:ties")}"' in todo


def test_a_practitioner_sees_no_listing_work_and_nothing_empty_is_listed(
    client_of, practitioner, liaison, agency, other_agency
):
    body = client_of(liaison).get(reverse("pages:office")).content.decode()
    assert 'id="todo-title"' not in body
    _work(agency, other_agency)
    body = client_of(practitioner).get(reverse("pages:office")).content.decode()
    assert 'id="todo-title"' not in body


def test_the_to_do_costs_the_same_queries_with_much_work(client_of, liaison, agency, other_agency):
    browser = client_of(liaison)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert browser.get(reverse("pages:office")).status_code == 200
        return len(ctx)

    _work(agency, other_agency)
    few = count()
    for _ in range(3):
        _work(agency, other_agency)
    assert count() == few
