"""The lists the dashboard's figures link to, narrowed to a period (`?from=…&to=…`): read as
the dashboard reads its period, a bad date explained beside the filter with the list shown
whole, dates at the ends of the calendar brought into range, the period in words with the way
back to the whole list, and the list's own filters and pages kept with it."""

import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from events.models import JointEvent
from exchanges.models import Support, TrainingSession, Visit
from liaison.periods import list_period
from referrals.models import Referral, StorySession
from tests.factory import make_client, make_event, make_visit

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
INSIDE, OUTSIDE = (START, END), (START - dt.timedelta(days=1), END + dt.timedelta(days=1))

# Each list: its reader, how many rows it shows, and its records in words.
LISTS = {
    "exchanges:visits": ("executive", "Visits done"),
    "exchanges:training": ("executive", "Training sessions held"),
    "exchanges:support": ("executive", "Support given"),
    "events:office_events": ("executive", "Joint events, not cancelled, starting"),
    "referrals:list": ("liaison", "Referrals made"),
    "referrals:stories": ("liaison", "Story sessions held"),
}


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def _rows(name, response):
    if name == "referrals:stories":
        return len(response.context["sessions"])
    return response.context["page"].paginator.count


@pytest.fixture
def dated(agency, unit, practitioner, group):
    """Two records of each list on the period's first and last days, and two either side."""
    local = timezone.get_current_timezone()
    for day in INSIDE + OUTSIDE:
        make_visit(agency, practitioner, group, day)
        TrainingSession.objects.create(
            agency=agency, kind="panel", title=f"Panel {day}", held_on=day, hours=1
        )
        Support.objects.create(agency=agency, group=group, kind="printing", given_on=day, amount=10)
        make_event(
            agency,
            starts_at=dt.datetime.combine(day, dt.time(12), tzinfo=local),
            status="held",
        )
        Referral.objects.create(
            agency=agency,
            client=make_client(agency, unit),
            group=group,
            kind="standard",
            made_by=practitioner,
            made_on=day,
        )
        StorySession.objects.create(
            agency=agency,
            held_on=day,
            clients_reached=1,
            storyteller=make_client(agency, unit),
            storyteller_consented=True,
        )
    return agency


@pytest.fixture
def reader(client_of, executive, liaison):
    return lambda role: client_of({"executive": executive, "liaison": liaison}[role])


@pytest.mark.parametrize("name", LISTS)
def test_a_list_shows_its_period_in_words_and_the_way_back_to_all(reader, dated, name):
    role, what = LISTS[name]
    browser = reader(role)
    whole = browser.get(reverse(name))
    assert _rows(name, whole) == 4
    assert "Show all" not in _text(whole)
    narrowed = browser.get(reverse(name), {"from": "2026-01-01", "to": "2026-06-30"})
    assert _rows(name, narrowed) == 2
    assert f"{what} from Jan 1, 2026 to Jun 30, 2026 · Show all" in _text(narrowed)
    assert f'<a href="{reverse(name)}">Show all</a>' in narrowed.content.decode()
    # The filter gives the dates back.
    assert 'value="2026-01-01"' in narrowed.content.decode()
    # One end alone: from a day on, or up to a day.
    since = browser.get(reverse(name), {"from": "2026-01-01"})
    assert _rows(name, since) == 3
    assert f"{what} from Jan 1, 2026 on" in _text(since)
    until = browser.get(reverse(name), {"to": "2026-06-30"})
    assert _rows(name, until) == 3
    assert f"{what} up to Jun 30, 2026" in _text(until)


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-13-45", "to": "2026-06-30"}, "“2026-13-45” is not a date"),
        ({"from": "yesterday"}, "“yesterday” is not a date"),
        ({"from": "2026-06-30", "to": "2026-01-01"}, "The period must start before it ends."),
        ({"from": "<b>x</b>", "to": "' OR 1=1 --"}, "is not a date"),
    ],
)
def test_a_bad_date_is_explained_beside_the_filter_and_the_list_shown_whole(
    reader, dated, name, params, message
):
    response = reader(LISTS[name][0]).get(reverse(name), params)
    assert response.status_code == 200
    body = response.content.decode()
    error = re.search(
        r'<div class="invalid-feedback d-block" id="period-error"[^>]*>(.*?)</div>', body
    )
    assert error, body
    assert message.replace("“", "&ldquo;") in error.group(1) or message in error.group(1)
    assert "The list is shown whole, not for a period." in error.group(1)
    assert 'aria-describedby="period-error"' in body
    assert "<b>x</b>" not in body
    assert _rows(name, response) == 4
    assert "Show all" not in _text(response)


@pytest.mark.parametrize("name", LISTS)
def test_dates_at_the_ends_of_the_calendar_are_brought_into_range(reader, dated, name):
    browser = reader(LISTS[name][0])
    for params, rows, words in [
        ({"from": "0001-01-01", "to": "9999-12-31"}, 4, "from Jan 1, 1900 to Dec 31, 2199"),
        ({"from": "9999-12-31"}, 0, "from Dec 31, 2199 on"),
        ({"to": "0001-01-01"}, 0, "up to Jan 1, 1900"),
        ({"from": "1900-01-01", "to": "1900-01-01"}, 0, "from Jan 1, 1900 to Jan 1, 1900"),
    ]:
        response = browser.get(reverse(name), params)
        assert response.status_code == 200, params
        assert _rows(name, response) == rows, params
        assert words in _text(response), params


def test_empty_dates_are_no_period(reader, dated):
    response = reader("executive").get(reverse("exchanges:training"), {"from": "", "to": " "})
    assert response.status_code == 200
    assert _rows("exchanges:training", response) == 4
    assert "period-error" not in response.content.decode()


def test_the_visits_of_a_period_are_those_done_in_it(reader, dated, agency, practitioner, group):
    # Planned for the period, or cancelled in it: not visits done in it.
    Visit.objects.create(
        agency=agency, staff=practitioner, group=group, kind="contact", planned_on=START
    )
    Visit.objects.create(
        agency=agency,
        staff=practitioner,
        group=group,
        kind="contact",
        planned_on=END,
        done_on=END,
        status="cancelled",
    )
    browser = reader("executive")
    assert _rows("exchanges:visits", browser.get(reverse("exchanges:visits"))) == 6
    narrowed = browser.get(reverse("exchanges:visits"), {"from": START, "to": END})
    assert _rows("exchanges:visits", narrowed) == 2


def test_the_joint_events_of_a_period_start_in_it_here_and_are_not_cancelled(reader, dated, agency):
    local = timezone.get_current_timezone()
    make_event(agency, starts_at=dt.datetime.combine(END, dt.time(23, 30), tzinfo=local))
    make_event(
        agency,
        starts_at=dt.datetime.combine(END + dt.timedelta(days=1), dt.time(0, 30), tzinfo=local),
    )
    make_event(
        agency,
        starts_at=dt.datetime.combine(START, dt.time(12), tzinfo=local),
        status=JointEvent.Status.CANCELLED,
    )
    narrowed = reader("executive").get(reverse("events:office_events"), {"from": START, "to": END})
    assert _rows("events:office_events", narrowed) == 3


def test_the_pages_of_a_list_keep_its_period(reader, dated, agency):
    for n in range(55):
        TrainingSession.objects.create(
            agency=agency,
            kind="panel",
            title=f"Session {n}",
            held_on=START + dt.timedelta(days=n),
            hours=1,
        )
    browser = reader("executive")
    first = browser.get(reverse("exchanges:training"), {"from": START, "to": END})
    assert first.context["page"].paginator.count == 57
    assert 'href="?from=2026-01-01&amp;to=2026-06-30&amp;page=2"' in first.content.decode()
    second = browser.get(reverse("exchanges:training"), {"from": START, "to": END, "page": 2})
    assert len(second.context["page"].object_list) == 7
    assert "Training sessions held from Jan 1, 2026 to Jun 30, 2026" in _text(second)
    # A bad date is not carried from page to page.
    bad = browser.get(reverse("exchanges:training"), {"from": "nope"})
    assert 'href="?page=2"' in bad.content.decode()


def test_the_referrals_filters_and_pages_work_with_the_period(reader, dated, agency):
    first = Referral.objects.filter(made_on=START).get()
    first.status = "attended"
    first.save()
    browser = reader("liaison")
    both = browser.get(
        reverse("referrals:list"), {"status": "attended", "from": "2026-01-01", "to": "2026-06-30"}
    )
    assert [r.pk for r in both.context["page"]] == [first.pk]
    # Show all keeps the other filters; so do the pages.
    assert f'<a href="{reverse("referrals:list")}?status=attended">Show all</a>' in (
        both.content.decode()
    )
    assert both.context["query"] == "status=attended&from=2026-01-01&to=2026-06-30"
    number = browser.get(
        reverse("referrals:list"),
        {"number": first.client.record_number, "from": "2026-01-02", "to": "2026-06-30"},
    )
    assert number.context["page"].paginator.count == 0
    assert "No referrals match." in number.content.decode()


def test_a_practitioner_sees_their_own_referrals_of_the_period(
    client_of, dated, practitioner, agency, unit, group
):
    from tests.factory import make_staff

    colleague = make_staff(agency, "practitioner", unit)
    Referral.objects.create(
        agency=agency,
        client=make_client(agency, unit),
        group=group,
        kind="standard",
        made_by=colleague,
        made_on=START,
    )
    response = client_of(practitioner).get(
        reverse("referrals:list"), {"from": "2026-01-01", "to": "2026-06-30"}
    )
    assert response.context["page"].paginator.count == 2


def test_the_story_form_posts_beside_the_period(client_of, practitioner, dated, agency, unit):
    storyteller = make_client(agency, unit)
    url = reverse("referrals:stories") + "?from=2026-01-01&to=2026-06-30"
    response = client_of(practitioner).post(
        url,
        {
            "held_on": "2026-03-03",
            "storyteller": storyteller.pk,
            "storyteller_consented": "on",
            "clients_reached": "4",
        },
    )
    assert response.status_code == 302
    assert StorySession.objects.filter(held_on=dt.date(2026, 3, 3)).exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, (None, None, ())),
        ({"from": "2026-01-01", "to": "2026-06-30"}, (START, END, ())),
        ({"from": "2026-01-01"}, (START, None, ())),
        ({"to": "2026-06-30"}, (None, END, ())),
        ({"from": "0001-01-01"}, (dt.date(1900, 1, 1), None, ())),
        ({"to": "9999-12-31"}, (None, dt.date(2199, 12, 31), ())),
        ({"from": "x"}, (None, None, ("“x” is not a date (use YYYY-MM-DD).",))),
        (
            {"from": "2026-06-30", "to": "2026-01-01"},
            (None, None, ("The period must start before it ends.",)),
        ),
    ],
)
def test_list_period_reads_the_dates_as_the_dashboard_does(query, expected):
    period = list_period(RequestFactory().get("/office/visits/", {**query, "page": "2"}))
    assert (period.start, period.end, period.errors) == expected
    assert period.applied == (expected[0] is not None or expected[1] is not None)
    assert "page" not in period.query
    assert ("from" in period.query) == ("from" in query and not expected[2])
