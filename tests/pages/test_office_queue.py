"""The office home opens on the work waiting for the person who reads it: each kind a count, its
first few items and a link to the whole list; only the kinds their role may do, only their own
agency's records, and a practitioner's follow-ups only of the referrals they made. The links to
every other page come after. The queue costs the same queries with few rows or many."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchanges.models import FormalTie
from groups.models import KeepRequest, NewGroupRequest, Suggestion
from liaison.models import StaffMembership
from referrals.models import FollowUp, Referral, ReferralEvent
from referrals.services import referral_create
from tests.factory import make_client, make_group, make_leader, make_staff, make_volunteer

TODAY = timezone.localdate()
Role = StaffMembership.Role


def office(client_of, user) -> str:
    response = client_of(user).get(reverse("pages:office"))
    assert response.status_code == 200
    return response.content.decode()


def queue_of(body: str) -> str:
    """The "Waiting for you" section, without the links to everything else."""
    return body.split('id="todo-title"')[1].split('id="map-title"')[0]


def _tie(agency, renews_in, **kw):
    kw.setdefault("group", make_group(name=f"Tied group {agency.slug} {renews_in}"))
    return FormalTie.objects.create(
        agency=agency,
        kind="liaison",
        status="active",
        signed_on=TODAY - dt.timedelta(days=300),
        renews_on=TODAY + dt.timedelta(days=renews_in),
        **kw,
    )


def _listing_work():
    fresh = {"verified_at": timezone.now()}
    NewGroupRequest.objects.create(
        group=make_group(name="Millbrook Hearing Voices", status="pending", **fresh),
        contact_name="Ann",
        contact_email="a@example.org",
    )
    leaderless = make_group(name="Leaderless", **fresh)
    led = make_group(name="Led Group", **fresh)
    make_leader(led)
    Suggestion.objects.create(group=leaderless, note="Moved", source="public")
    Suggestion.objects.create(group=leaderless, note="New time", source="public")
    # A led group's suggestions are its leaders' to answer.
    Suggestion.objects.create(group=led, note="Led", source="public", submitter_name="Lee")
    make_group(name="Never Checked", verified_at=None)
    KeepRequest.objects.create(group=leaderless, name="Sam", email="sam@example.org")
    return leaderless


def _referral(practitioner, *, record_number, overdue=True, **kw):
    """A referral by `practitioner` of a new client of their agency and unit, its 7-day
    follow-up overdue (or due in three days)."""
    membership = practitioner.membership
    client = make_client(membership.agency, membership.unit, record_number=record_number)
    referral, _ = referral_create(
        client=client, group=kw.pop("group", None) or make_group(), kind="standard", by=practitioner
    )
    days = -2 if overdue else 3
    FollowUp.objects.filter(referral=referral, offset_days=7).update(
        due_on=TODAY + dt.timedelta(days=days)
    )
    return referral


# --- the liaison ------------------------------------------------------------------------------


def test_the_liaisons_queue_counts_shows_and_links_the_listing_work_and_ties(
    client_of, liaison, agency, other_agency
):
    leaderless = _listing_work()
    ours = _tie(agency, 30, group=make_group(name="Our Tie Group"))
    _tie(agency, 400, group=make_group(name="Far Off Tie Group"))
    _tie(other_agency, 10, group=make_group(name="Their Tie Group"))
    body = office(client_of, liaison)
    queue = queue_of(body)
    listings = reverse("groups_office:listings")
    for said, link in (
        ("<strong>1</strong> new group waiting for review", f"{listings}#new-title"),
        ("<strong>1</strong> request to keep a listing", f"{listings}#keep-title"),
        ("<strong>2</strong> suggestions to review", f"{listings}#sugg-title"),
        ("<strong>1</strong> listing check due", f"{listings}#due-title"),
        ("<strong>1</strong> tie to renew", reverse("exchanges:ties")),
    ):
        assert said in queue, said
        assert f'href="{link}"' in queue, link
    # The items themselves, each leading to its own page.
    request = NewGroupRequest.objects.get()
    assert f'href="{reverse("groups_office:new_group", args=[request.pk])}"' in queue
    assert "Millbrook Hearing Voices" in queue and "Sam asks to keep Leaderless" in queue
    suggestion = Suggestion.objects.filter(group=leaderless).first()
    assert f'href="{reverse("groups:suggestion", args=[leaderless.slug, suggestion.pk])}"' in queue
    assert "Never Checked" in queue and "never checked" in queue
    assert f'href="{reverse("exchanges:ties_edit", args=[ours.pk])}"' in queue
    assert "Our Tie Group" in queue
    # Not due, a led group's, another agency's: none of them.
    for absent in ("Far Off Tie Group", "Their Tie Group", "Led Group", "Lee"):
        assert absent not in queue, absent
    # No client work: a liaison records no follow-ups.
    assert "follow-up" not in queue
    # The queue first, the links to everything else after.
    assert body.index('id="todo-title"') < body.index('id="map-title"')
    assert "Listings to look after" in body.split('id="map-title"')[1]


def test_the_queue_shows_the_first_few_and_says_how_many_more(client_of, liaison):
    for n in range(5):
        Suggestion.objects.create(
            group=make_group(name=f"Quiet Group {n}", verified_at=timezone.now()),
            note="x",
            source="public",
        )
    queue = queue_of(office(client_of, liaison))
    assert "<strong>5</strong> suggestions to review" in queue
    shown = [n for n in range(5) if f"Quiet Group {n}<" in queue]
    assert shown == [0, 1, 2]
    assert "and 2 more" in queue


def test_with_nothing_due_the_liaison_reads_so(client_of, liaison):
    queue = queue_of(office(client_of, liaison))
    assert "Nothing due — you are up to date." in queue
    assert 'class="empty-state"' in queue and "<strong>" not in queue


def test_a_check_long_overdue_and_an_expired_tie_are_marked(client_of, liaison, agency):
    make_group(name="Old Listing", verified_at=timezone.now() - dt.timedelta(days=500))
    _tie(agency, -5, group=make_group(name="Lapsed Tie Group"))
    queue = queue_of(office(client_of, liaison))
    old = queue.split("Old Listing")[1].split("</li>")[0]
    lapsed = queue.split("Lapsed Tie Group")[1].split("</li>")[0]
    assert "badge-stale" in old and "last checked" in old
    assert "badge-stale" in lapsed and "expired" in lapsed


# --- the practitioner -------------------------------------------------------------------------


def test_the_practitioners_queue_is_their_own_follow_ups_and_nothing_else(
    client_of, practitioner, agency, unit, other_agency, other_unit
):
    _listing_work()
    _tie(agency, 30)
    mine = _referral(practitioner, record_number="MINE-1")
    soon = _referral(practitioner, record_number="MINE-2", overdue=False)
    # A colleague of the same unit, and a practitioner of another agency: theirs stay theirs.
    colleague = make_staff(agency, Role.PRACTITIONER, unit, email="colleague@example.org")
    _referral(colleague, record_number="COLLEAGUE-1")
    stranger = make_staff(other_agency, Role.PRACTITIONER, other_unit, email="x@example.org")
    _referral(stranger, record_number="STRANGER-1")
    # Done, declined or deleted: nothing to record.
    done = _referral(practitioner, record_number="DONE-1")
    FollowUp.objects.filter(referral=done).update(done_on=TODAY)
    declined = _referral(practitioner, record_number="DECLINED-1")
    Referral.objects.filter(pk=declined.pk).update(status=Referral.Status.DECLINED)
    deleted = _referral(practitioner, record_number="DELETED-1")
    Referral.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())

    queue = queue_of(office(client_of, practitioner))
    assert "<strong>2</strong> follow-ups to record" in queue
    assert f'href="{reverse("referrals:list")}?due=1"' in queue
    own = mine.follow_ups.get(offset_days=7)
    assert f'href="{reverse("referrals:followup", args=[own.pk])}"' in queue
    assert "MINE-1" in queue and "MINE-2" in queue
    assert "overdue since" in queue and "due " in queue.split("MINE-2")[1]
    for absent in ("COLLEAGUE-1", "STRANGER-1", "DONE-1", "DECLINED-1", "DELETED-1"):
        assert absent not in queue, absent
    # Nor the listing work or the ties, which are not a practitioner's.
    for absent in ("new group", "suggestion", "listing check", "tie to renew", "Leaderless"):
        assert absent not in queue, absent
    assert soon.pk  # due in three days: shown as due, not overdue
    assert "overdue since" not in queue.split("MINE-2")[1].split("</li>")[0]


def test_a_practitioners_referral_kept_in_another_agency_never_shows(
    client_of, practitioner, other_agency, other_unit, group
):
    """An attack from the data's side: a referral the practitioner made, recorded in another
    agency (as when a person moves between agencies), and a volunteer's report on it."""
    stranger_client = make_client(other_agency, other_unit, record_number="ELSEWHERE-1")
    referral = Referral.objects.create(
        agency=other_agency, client=stranger_client, group=group, made_by=practitioner
    )
    FollowUp.objects.create(referral=referral, offset_days=7, due_on=TODAY - dt.timedelta(days=3))
    ReferralEvent.objects.create(
        referral=referral, status="met_volunteer", volunteer=make_volunteer(group)
    )
    body = office(client_of, practitioner)
    assert "ELSEWHERE-1" not in body
    assert "Nothing due — you are up to date." in queue_of(body)
    assert "News from peer volunteers" not in body


def test_the_follow_ups_link_lists_the_practitioners_referrals_with_one_due(
    client_of, practitioner, liaison, agency, unit
):
    _referral(practitioner, record_number="MINE-1")
    colleague = make_staff(agency, Role.PRACTITIONER, unit, email="colleague@example.org")
    _referral(colleague, record_number="COLLEAGUE-1")
    later = _referral(practitioner, record_number="LATER-1")
    FollowUp.objects.filter(referral=later).update(due_on=TODAY + dt.timedelta(days=40))
    url = reverse("referrals:list") + "?due=1"
    body = client_of(practitioner).get(url).content.decode()
    assert "MINE-1" in body and "overdue since" in body
    assert "COLLEAGUE-1" not in body and "LATER-1" not in body
    assert 'name="due" value="1" id="id_due" checked' in body
    # Nothing due: said so, with the way to every referral.
    FollowUp.objects.update(done_on=TODAY)
    body = client_of(practitioner).get(url).content.decode()
    assert "Nothing due — every follow-up of your referrals is recorded." in body
    # A liaison records no follow-ups: the filter is not theirs, and changes nothing.
    body = client_of(liaison).get(url).content.decode()
    assert 'id="id_due"' not in body
    assert "MINE-1" in body and "COLLEAGUE-1" in body


# --- the executive and the agency admin ------------------------------------------------------


def test_the_executives_queue_is_their_agencys_ties_to_renew(
    client_of, executive, practitioner, agency, other_agency
):
    _listing_work()
    _referral(practitioner, record_number="MINE-1")
    _tie(agency, 30, group=make_group(name="Our Tie Group"))
    _tie(other_agency, 10, group=make_group(name="Their Tie Group"))
    queue = queue_of(office(client_of, executive))
    assert "<strong>1</strong> tie to renew" in queue and "Our Tie Group" in queue
    for absent in ("Their Tie Group", "MINE-1", "follow-up", "new group", "Leaderless"):
        assert absent not in queue, absent


def test_the_agency_admin_has_no_queue_and_sees_nobodys_work(
    client_of, agency_admin, practitioner, agency
):
    _listing_work()
    _referral(practitioner, record_number="MINE-1")
    _tie(agency, 30, group=make_group(name="Our Tie Group"))
    body = office(client_of, agency_admin)
    assert 'id="todo-title"' not in body
    for absent in ("MINE-1", "Our Tie Group", "Leaderless", "Millbrook Hearing Voices"):
        assert absent not in body, absent
    assert "Manage staff" in body


# --- the cost ---------------------------------------------------------------------------------


def _queries(browser) -> int:
    browser.get(reverse("pages:office"))
    with CaptureQueriesContext(connection) as ctx:
        assert browser.get(reverse("pages:office")).status_code == 200
    return len(ctx)


# The session, the user and their membership; then one query for each kind of work the role
# does (`pages.todo`), and for a practitioner one for the peer volunteers' news.
CEILING = {"liaison": 9, "practitioner": 6, "executive": 5, "agency_admin": 4}


@pytest.mark.parametrize("role", CEILING)
def test_the_office_home_costs_the_same_queries_with_few_rows_or_many(
    request, client_of, role, agency, other_agency
):
    user = request.getfixturevalue(role)
    practitioner = request.getfixturevalue("practitioner")
    browser = client_of(user)

    def more_work(n):
        for i in range(n):
            _listing_work()
            _tie(agency, 20 + i)
            _tie(other_agency, 20 + i)
            _referral(practitioner, record_number=f"R-{n}-{i}")

    more_work(1)
    few = _queries(browser)
    more_work(12)
    many = _queries(browser)
    assert few == many <= CEILING[role], (role, few, many)
