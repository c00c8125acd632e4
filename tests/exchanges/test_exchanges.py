"""The agency's exchanges with groups: the closed-meeting guard, the time allowance, renewal
flags, the autonomy watch, who knows a group, and every record kept within its agency."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchanges.knowledge import autonomy_watch, liaison_hours, who_knows
from exchanges.models import Activity, BoardSeat, FormalTie, Support, TrainingSession, Visit
from liaison.models import StaffMembership
from tests.factory import make_group, make_meeting, make_staff

TODAY = timezone.localdate()


def visit_data(group, meeting=None, **overrides):
    data = {
        "group": group.pk,
        "kind": "open_meeting",
        "meeting": meeting.pk if meeting else "",
        "planned_on": str(TODAY + dt.timedelta(days=3)),
        "status": "planned",
        "hours": "0",
        "introduced_as_staff": "on",
    }
    data.update(overrides)
    return data


# --- visits and the closed-meeting guard ---------------------------------------------------------


def test_a_visit_to_a_closed_meeting_cannot_be_an_observation(client_of, practitioner, group):
    closed = make_meeting(group, access="closed")
    response = client_of(practitioner).post(
        reverse("exchanges:visits_add"), visit_data(group, closed, notes="First visit")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This meeting is closed: it is for members only" in body
    assert "meet the contact person instead" in body
    assert "First visit" in body
    assert not Visit.objects.exists()


def test_a_visit_to_meet_the_contact_person_of_a_closed_group_is_fine(
    client_of, practitioner, group
):
    make_meeting(group, access="closed")
    response = client_of(practitioner).post(
        reverse("exchanges:visits_add"), visit_data(group, kind="contact")
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.staff, visit.agency, visit.kind) == (practitioner, practitioner.agency, "contact")


def test_the_meeting_must_belong_to_the_visited_group(client_of, practitioner, group, other_group):
    other_meeting = make_meeting(other_group)
    response = client_of(practitioner).post(
        reverse("exchanges:visits_add"), visit_data(group, other_meeting)
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Visit.objects.exists()


def test_planning_a_visit_asks_no_hours_and_offers_listed_groups_with_labelled_meetings(
    client_of, practitioner, group
):
    from django.utils.html import escape

    from groups.models import SelfHelpGroup

    meeting = make_meeting(group)
    pending = make_group(name="Pending Group", status=SelfHelpGroup.Status.PENDING)
    client = client_of(practitioner)
    page = client.get(reverse("exchanges:visits_add"), {"group": group.slug})
    assert pending.name not in page.content.decode()
    assert escape(f"{group.name}: {meeting.schedule_text}") in page.content.decode()
    data = visit_data(group, meeting)
    data.pop("hours")
    assert client.post(reverse("exchanges:visits_add"), data).status_code == 302
    assert Visit.objects.get().hours == 0


def test_recording_a_visit_as_done_needs_its_date_and_hours(client_of, practitioner, group):
    meeting = make_meeting(group)
    client = client_of(practitioner)
    client.post(reverse("exchanges:visits_add"), visit_data(group, meeting))
    visit = Visit.objects.get()
    url = reverse("exchanges:visits_edit", args=[visit.pk])
    response = client.post(url, visit_data(group, meeting, status="done"))
    assert "Say when the visit took place." in response.content.decode()
    future = client.post(
        url,
        visit_data(group, meeting, status="done", done_on=str(TODAY + dt.timedelta(1)), hours="2"),
    )
    assert "cannot be done in the future" in future.content.decode()
    done = client.post(
        url,
        visit_data(
            group,
            meeting,
            status="done",
            done_on=str(TODAY),
            hours="1.5",
            contact_person="Jamie",
            learned_culture="Warm, lots of laughter",
        ),
    )
    assert done.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.hours, visit.contact_person) == ("done", Decimal("1.5"), "Jamie")


def test_staff_edit_only_their_own_visits(client_of, practitioner, liaison, group):
    visit = Visit.objects.create(
        agency=practitioner.agency,
        staff=practitioner,
        group=group,
        kind="contact",
        planned_on=TODAY,
    )
    response = client_of(liaison).get(reverse("exchanges:visits_edit", args=[visit.pk]))
    assert response.status_code == 404


# --- who knows this group -----


def test_who_knows_a_group_counts_the_last_12_months_of_visits_and_training(
    agency, practitioner, liaison, executive, group
):
    Visit.objects.create(
        agency=agency,
        staff=practitioner,
        group=group,
        kind="contact",
        status="done",
        planned_on=TODAY - dt.timedelta(days=100),
        done_on=TODAY - dt.timedelta(days=100),
        hours=1,
        contact_person="Jamie R.",
    )
    Visit.objects.create(  # too long ago
        agency=agency,
        staff=executive,
        group=group,
        kind="contact",
        status="done",
        planned_on=TODAY - dt.timedelta(days=400),
        done_on=TODAY - dt.timedelta(days=400),
        hours=1,
    )
    Visit.objects.create(  # only planned
        agency=agency,
        staff=executive,
        group=group,
        kind="contact",
        planned_on=TODAY,
    )
    training = TrainingSession.objects.create(
        agency=agency, kind="panel", title="Panel", held_on=TODAY - dt.timedelta(days=364), hours=2
    )
    training.groups.add(group)
    training.attendees.add(liaison)
    people, contacts = who_knows(group, agency, TODAY)
    assert {entry["user"] for entry in people} == {practitioner, liaison}
    assert contacts == ["Jamie R."]
    people, _ = who_knows(group, agency, TODAY + dt.timedelta(days=2))
    assert {entry["user"] for entry in people} == {practitioner}


def test_the_group_page_shows_staff_who_knows_it_but_not_to_others(
    client_of, agency, practitioner, other_staff, group, leader
):
    Visit.objects.create(
        agency=agency,
        staff=practitioner,
        group=group,
        kind="contact",
        status="done",
        planned_on=TODAY,
        done_on=TODAY,
        hours=1,
        contact_person="Jamie R.",
    )
    url = group.get_absolute_url()
    assert "Contact persons met: Jamie R." in client_of(practitioner).get(url).content.decode()
    for viewer in (None, leader, other_staff):
        body = client_of(viewer).get(url).content.decode()
        assert "Jamie R." not in body
        assert "Priya" not in body


# --- the time allowance -----


def test_liaison_hours_are_weighed_against_the_weekly_allowance(agency, liaison, group):
    StaffMembership.objects.filter(user=liaison).update(liaison_hours_per_week=5)
    start, end = TODAY - dt.timedelta(days=27), TODAY  # four weeks: 20 hours allowed
    for days_ago, hours in [(3, "2.5"), (10, "1.5"), (40, "9")]:
        Visit.objects.create(
            agency=agency,
            staff=liaison,
            group=group,
            kind="contact",
            status="done",
            planned_on=TODAY - dt.timedelta(days=days_ago),
            done_on=TODAY - dt.timedelta(days=days_ago),
            hours=Decimal(hours),
        )
    training = TrainingSession.objects.create(
        agency=agency, kind="simulation", title="Simulated meeting", held_on=TODAY, hours=3
    )
    training.attendees.add(liaison)
    [row] = liaison_hours(agency, start, end)
    assert (row["allowed"], row["visits"], row["training"], row["used"], row["left"]) == (
        Decimal("20.0"),
        Decimal("4.0"),
        Decimal("3.0"),
        Decimal("7.0"),
        Decimal("13.0"),
    )


# --- formal ties -----


@pytest.mark.parametrize(
    ("status", "renews_in", "due"),
    [
        ("active", 59, True),
        ("active", 60, True),
        ("active", 61, False),
        ("active", -5, True),
        ("proposed", 10, False),
        ("ended", 10, False),
    ],
)
def test_a_tie_is_due_for_renewal_within_60_days(agency, group, status, renews_in, due):
    tie = FormalTie(
        agency=agency,
        kind="referral",
        group=group,
        status=status,
        signed_on=TODAY - dt.timedelta(days=300),
        renews_on=TODAY + dt.timedelta(days=renews_in),
    )
    assert tie.renewal_due(TODAY) is due


def test_a_tie_needs_a_partner_and_sensible_dates(client_of, liaison):
    response = client_of(liaison).post(
        reverse("exchanges:ties_add"),
        {"kind": "referral", "status": "active", "renews_on": "2026-01-01", "notes": "Draft"},
    )
    body = response.content.decode()
    assert "Choose the group or the organization" in body
    assert "Draft" in body
    assert not FormalTie.objects.exists()


# --- the autonomy watch -----


def test_the_autonomy_watch_flags_support_space_and_facilitation(agency, group, settings):
    settings.AUTONOMY_WATCH_VALUE = 1000
    assert autonomy_watch(group, agency, TODAY) == ([], 0)
    Support.objects.create(
        agency=agency, group=group, kind="newsletter", given_on=TODAY, amount=600
    )
    Support.objects.create(
        agency=agency,
        group=group,
        kind="printing",
        given_on=TODAY - dt.timedelta(days=400),
        amount=5000,
    )
    assert autonomy_watch(group, agency, TODAY)[0] == []
    Support.objects.create(
        agency=agency, group=group, kind="space", given_on=TODAY, in_kind_value=400
    )
    reasons, value = autonomy_watch(group, agency, TODAY)
    assert value == 1000
    assert reasons == [
        "Support worth $1,000 in the last 12 months (watch from $1,000).",
        "Meets in space the agency provides.",
    ]
    group.autonomy = "facilitated"
    assert "Facilitated by professionals." in autonomy_watch(group, agency, TODAY)[0]


def test_another_agencys_support_does_not_count(agency, other_agency, group):
    Support.objects.create(
        agency=other_agency, group=group, kind="space", given_on=TODAY, amount=5000
    )
    assert autonomy_watch(group, agency, TODAY) == ([], 0)


def test_support_needs_a_value(client_of, liaison, group):
    response = client_of(liaison).post(
        reverse("exchanges:support_add"),
        {"group": group.pk, "kind": "printing", "given_on": str(TODAY)},
    )
    assert "Give the money given or the value in kind" in response.content.decode()


# --- board seats -----


def test_a_leaders_seat_names_the_group_they_are_identified_with(client_of, executive, group):
    client = client_of(executive)
    response = client.post(
        reverse("exchanges:board_add"),
        {
            "holder_name": "Rosa Diaz",
            "title": "Board member",
            "is_self_help_leader": "on",
            "term_start": "2026-01-01",
        },
    )
    assert "Say which group or organization" in response.content.decode()
    response = client.post(
        reverse("exchanges:board_add"),
        {
            "holder_name": "Rosa Diaz",
            "title": "Board member",
            "is_self_help_leader": "on",
            "group": group.pk,
            "term_start": "2026-01-01",
            "term_end": "2025-01-01",
        },
    )
    assert "The term must end after it starts." in response.content.decode()


# --- agency isolation for every model -----


@pytest.fixture
def elsewhere(other_agency):
    """Staff of the other agency holding every role that keeps records."""
    Role = StaffMembership.Role
    return {
        role: make_staff(other_agency, role, email=f"{role}@elsewhere.example")
        for role in (Role.LIAISON, Role.EXECUTIVE, Role.PRACTITIONER, Role.AGENCY_ADMIN)
    }


def _records_of(agency, staff, group):
    return {
        "visits": Visit.objects.create(
            agency=agency, staff=staff, group=group, kind="contact", planned_on=TODAY
        ),
        "training": TrainingSession.objects.create(
            agency=agency, kind="panel", title="Panel", held_on=TODAY, hours=1
        ),
        "board": BoardSeat.objects.create(agency=agency, holder_name="Ann", term_start=TODAY),
        "ties": FormalTie.objects.create(agency=agency, kind="liaison", group=group),
        "support": Support.objects.create(
            agency=agency, group=group, kind="printing", given_on=TODAY, amount=10
        ),
        "activities": Activity.objects.create(
            agency=agency, kind="panel", level="board", happened_on=TODAY, summary="Panel"
        ),
    }


@pytest.mark.parametrize("kind", ["visits", "training", "board", "ties", "support", "activities"])
def test_another_agencys_records_are_404_and_out_of_every_list(
    client_of, agency, practitioner, group, elsewhere, kind
):
    record = _records_of(agency, practitioner, group)[kind]
    for user in elsewhere.values():
        client = client_of(user)
        edit = client.get(reverse(f"exchanges:{kind}_edit", args=[record.pk]))
        assert edit.status_code in (403, 404)
        if edit.status_code == 403:
            continue  # that role may not keep this kind at all
        assert edit.status_code == 404
        posted = client.post(reverse(f"exchanges:{kind}_edit", args=[record.pk]), {})
        assert posted.status_code == 404
    viewer = elsewhere[StaffMembership.Role.LIAISON]
    listing = client_of(viewer).get(reverse(f"exchanges:{kind}"))
    if listing.status_code == 200:
        assert listing.context["page"].paginator.count == 0


# --- list pages -----


@pytest.mark.parametrize("period", ["", "?from=2000-01-01&to=2199-12-31"])
@pytest.mark.parametrize("kind", ["visits", "training", "board", "ties", "support", "activities"])
def test_every_list_page_has_a_fixed_query_ceiling(
    client_of, agency, executive, group, kind, period
):
    client = client_of(executive)
    url = reverse(f"exchanges:{kind}") + period

    def count():
        # The visits of a period are those done in it: let them all be, to be listed.
        Visit.objects.filter(agency=agency).update(status="done", done_on=TODAY)
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            assert response.status_code == 200
        if kind == "visits":
            assert len(response.context["rows"]) == Visit.objects.filter(agency=agency).count()
        return len(ctx)

    _records_of(agency, executive, group)
    few = count()
    for _ in range(15):
        other = make_group()
        records = _records_of(agency, executive, other)
        records["training"].groups.add(other)
        records["training"].attendees.add(executive)
        records["activities"].groups.add(other)
    assert count() == few <= 8


def test_the_designated_staff_and_my_record_pages_have_fixed_query_ceilings(
    client_of, agency, liaison, group
):
    client = client_of(liaison)

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    urls = [reverse("exchanges:designated_staff"), reverse("exchanges:my_record")]
    _records_of(agency, liaison, group)["training"].attendees.add(liaison)
    few = [count(url) for url in urls]
    for _ in range(12):
        make_staff(agency, StaffMembership.Role.LIAISON, liaison_hours_per_week=4)
        records = _records_of(agency, liaison, make_group())
        records["training"].attendees.add(liaison)
    assert [count(url) for url in urls] == few
    assert max(few) <= 8


def test_a_leader_sees_an_announced_visit_to_their_group_and_nothing_else(
    client_of, agency, practitioner, group, leader
):
    meeting = make_meeting(group)
    Visit.objects.create(
        agency=agency,
        staff=practitioner,
        group=group,
        meeting=meeting,
        planned_on=TODAY + dt.timedelta(days=2),
        announce_to_group=True,
    )
    Visit.objects.create(
        agency=agency,
        staff=practitioner,
        group=group,
        kind="contact",
        planned_on=TODAY + dt.timedelta(days=5),
        notes="Private note",
    )
    body = client_of(leader).get(reverse("portal:home")).content.decode()
    assert "Priya" in body
    assert body.count("Priya") == 1
    assert "Private note" not in body
