"""The exchange dashboard: each figure against hand-counted records, at the edges of the period,
in empty periods, the same in the page and the CSV, and for one agency only."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchanges.models import BoardSeat, Support
from groups.imports import importer as importers
from pages.dashboard import NO_DATA, Period, dashboard
from referrals.models import FollowUp, Referral, ReferralEvent, StorySession
from tests.factory import make_client, make_event, make_group, make_staff, make_visit
from tests.groups.test_importers import json_file, mg

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
PERIOD = Period(START, END)


def figures(sections):
    return {(s.key, f.label): f for s in sections for f in s.figures}


def visit(agency, staff, group, day, hours, status="done"):
    return make_visit(agency, staff, group, day, hours, status)


def referral(agency, unit, by, group, day, kind="standard", statuses=(), at_discharge=False):
    made = Referral.objects.create(
        agency=agency,
        client=make_client(agency, unit),
        group=group,
        kind=kind,
        made_by=by,
        made_on=day,
        at_discharge=at_discharge,
    )
    ReferralEvent.objects.create(referral=made, status="made", on=day)
    for status in statuses:
        ReferralEvent.objects.create(referral=made, status=status, on=day)
    return made


@pytest.fixture
def records(agency, unit, other_agency, other_unit, practitioner, liaison, group, other_group):
    # Board: four current seats, two held by self-help leaders; one seat ended before the end.
    for name, leader, end in [
        ("A", True, None),
        ("B", True, dt.date(2027, 1, 1)),
        ("C", False, None),
        ("D", False, None),
        ("E", True, dt.date(2026, 3, 1)),
    ]:
        BoardSeat.objects.create(
            agency=agency,
            holder_name=name,
            is_self_help_leader=leader,
            group=group if leader else None,
            term_start=dt.date(2025, 1, 1),
            term_end=end,
        )
    # Visits: on the first and the last day count; the day before and a planned one do not.
    visit(agency, practitioner, group, START, "1")
    visit(agency, liaison, group, END, "2")
    visit(agency, practitioner, other_group, dt.date(2026, 3, 3), "1.5")
    visit(agency, practitioner, group, START - dt.timedelta(days=1), "4")
    visit(agency, practitioner, group, dt.date(2026, 2, 2), "0", status="planned")
    # Referrals: two standard (one at discharge), two intensive; one before the period.
    referral(agency, unit, practitioner, group, START, "standard", ["attended"])
    referral(agency, unit, practitioner, group, dt.date(2026, 2, 1), "standard", at_discharge=True)
    intensive = referral(
        agency,
        unit,
        practitioner,
        other_group,
        dt.date(2026, 3, 1),
        "intensive",
        ["volunteer_contacted", "attended", "engaged"],
    )
    referral(agency, unit, practitioner, other_group, END, "intensive", ["volunteer_contacted"])
    referral(agency, unit, practitioner, group, START - dt.timedelta(days=1), "intensive")
    # Follow-ups due in the period: one on time, one late, one not done; one due after.
    # The group was talked about in session at one of the two asked about.
    for due, done, discussed in [
        (dt.date(2026, 3, 8), dt.date(2026, 3, 8), True),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 20), False),
        (dt.date(2026, 5, 1), None, None),
        (dt.date(2026, 7, 5), dt.date(2026, 7, 5), True),
    ]:
        FollowUp.objects.create(
            referral=intensive,
            offset_days=7,
            due_on=due,
            done_on=done,
            discussed_in_session=discussed,
        )
    # Story sessions: two now, one in the previous period.
    for day, reached in [
        (dt.date(2026, 2, 2), 5),
        (dt.date(2026, 6, 30), 7),
        (dt.date(2025, 12, 1), 9),
    ]:
        StorySession.objects.create(
            agency=agency,
            held_on=day,
            clients_reached=reached,
            storyteller=make_client(agency, unit),
            storyteller_consented=True,
        )
    # Events: one in September of the previous year is outside; one cancelled does not count.
    make_event(
        agency,
        starts_at=timezone.make_aware(dt.datetime(2026, 2, 10, 10)),
        status="held",
        actual_attendance=30,
    )
    make_event(
        agency,
        starts_at=timezone.make_aware(dt.datetime(2026, 5, 10, 10)),
        status="held",
        actual_attendance=20,
        kind="film",
    )
    make_event(
        agency,
        starts_at=timezone.make_aware(dt.datetime(2026, 4, 10, 10)),
        status="cancelled",
        actual_attendance=99,
    )
    # Support: $600 and $500 in kind to one group, which puts it on the watch.
    Support.objects.create(
        agency=agency, group=group, kind="newsletter", given_on=dt.date(2026, 2, 1), amount=600
    )
    Support.objects.create(
        agency=agency, group=group, kind="printing", given_on=dt.date(2026, 4, 1), in_kind_value=500
    )
    # The other agency's records must never count.
    stranger = make_staff(other_agency, "practitioner", other_unit)
    visit(other_agency, stranger, group, dt.date(2026, 3, 3), "9")
    referral(
        other_agency,
        other_unit,
        stranger,
        group,
        dt.date(2026, 3, 3),
        "intensive",
        ["volunteer_contacted", "attended"],
    )
    Support.objects.create(
        agency=other_agency,
        group=other_group,
        kind="space",
        given_on=dt.date(2026, 3, 3),
        amount=5000,
    )
    return agency


def test_each_figure_matches_the_hand_count(records):
    found = figures(dashboard(records, PERIOD))

    def value(section, label):
        return found[(section, label)].value

    assert value("board", "Board seats") == 4
    assert value("board", "Seats held by self-help leaders") == Decimal("50.0")
    assert found[("board", "Seats held by self-help leaders")].detail == "2 of 4"
    assert value("practitioner", "Staff visits to groups") == 3
    assert value("practitioner", "Visit hours") == Decimal("4.5")
    assert value("practitioner", "Staff who visited") == 2
    assert value("practitioner", "Referrals made") == 4
    assert found[("practitioner", "Referrals made at discharge")].detail == "1 of 4"
    assert found[("outcomes", "Standard referrals that reached a first meeting")].detail == "1 of 2"
    assert (
        found[("outcomes", "Intensive referrals that reached a first meeting")].detail == "1 of 2"
    )
    on_time = found[("outcomes", "Follow-ups done on time (within 7 days of due)")]
    assert (on_time.value, on_time.detail) == (Decimal("33.3"), "1 of 3")
    discussed = found[("outcomes", "Follow-ups where the group was talked about in session")]
    assert (discussed.value, discussed.detail) == (Decimal("50.0"), "1 of 2")
    assert value("client", "Story sessions held") == 2
    assert value("client", "Clients reached") == 12
    assert found[("client", "Story sessions held")].previous == 1
    assert value("institutional", "Joint events") == 2
    assert value("institutional", "People reached") == 50
    assert value("autonomy", "Support given (money and in kind)") == "$1,100"
    assert value("autonomy", "Groups flagged") == 1


def test_the_funnel_counts_each_stage_by_kind(records):
    outcomes = next(s for s in dashboard(records, PERIOD) if s.key == "outcomes")
    _caption, _headers, rows = outcomes.tables[0]
    assert rows == [
        ["Made", 2, Decimal("100.0"), 2, Decimal("100.0")],
        ["Contacted", 1, Decimal("50.0"), 2, Decimal("100.0")],
        ["Attended", 1, Decimal("50.0"), 1, Decimal("50.0")],
        ["Engaged", 0, Decimal("0.0"), 1, Decimal("50.0")],
    ]


def test_an_empty_period_shows_a_dash_with_the_reason_and_never_divides_by_zero(records):
    empty = Period(dt.date(2001, 1, 1), dt.date(2001, 12, 31))
    found = figures(dashboard(records, empty))
    for key in [
        ("practitioner", "Referrals made at discharge"),
        ("outcomes", "Intensive referrals that reached a first meeting"),
        ("outcomes", "Follow-ups done on time (within 7 days of due)"),
    ]:
        assert (found[key].value, found[key].detail) == (NO_DATA, "none in this period")
    assert found[("practitioner", "Referrals made at discharge")].value == NO_DATA
    assert found[("practitioner", "Referrals made")].value == 0


def test_the_page_and_the_csv_give_the_same_numbers(client_of, records, executive):
    client = client_of(executive)
    params = {"from": "2026-01-01", "to": "2026-06-30"}
    page = client.get(reverse("pages:dashboard"), params)
    shown = figures(page.context["sections"])
    response = client.get(reverse("pages:dashboard_csv"), {**params, "section": "practitioner"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    in_csv = {row[1]: row[2] for row in rows[1:] if len(row) > 2 and row[0] == "Practitioners"}
    for (section, label), figure in shown.items():
        if section == "practitioner":
            assert in_csv[label] == str(figure.value)
    body = page.content.decode()
    assert "1 of 4" in body


def test_an_unknown_csv_section_is_a_clear_400(client_of, executive):
    response = client_of(executive).get(reverse("pages:dashboard_csv"), {"section": "nope"})
    assert response.status_code == 400
    assert "Unknown section" in response.content.decode()


def test_a_bad_period_is_explained_and_the_last_12_months_shown(client_of, executive):
    response = client_of(executive).get(
        reverse("pages:dashboard"), {"from": "2026-13-45", "to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_the_dashboard_has_a_fixed_query_count(
    client_of, records, executive, agency, unit, practitioner
):
    client = client_of(executive)
    params = {"from": "2026-01-01", "to": "2026-06-30"}

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("pages:dashboard"), params).status_code == 200
        return len(ctx)

    few = count()
    for n in range(20):
        group = make_group()
        visit(agency, practitioner, group, dt.date(2026, 3, 1), "1")
        referral(
            agency,
            unit,
            practitioner,
            group,
            dt.date(2026, 3, n % 28 + 1),
            "intensive",
            ["volunteer_contacted"],
        )
        Support.objects.create(
            agency=agency, group=group, kind="space", given_on=dt.date(2026, 3, 1), amount=10
        )
        make_event(agency, starts_at=timezone.make_aware(dt.datetime(2026, 3, 1, 10)))
    assert count() == few
    assert few <= 60


def test_only_executives_and_agency_admins_see_it(client_of, practitioner, liaison):
    for user in (practitioner, liaison):
        assert client_of(user).get(reverse("pages:dashboard")).status_code == 403
        assert client_of(user).get(reverse("pages:dashboard_csv")).status_code == 403


def test_no_client_identity_enters_the_dashboard(client_of, records, executive):
    body = (
        client_of(executive)
        .get(reverse("pages:dashboard"), {"from": "2026-01-01", "to": "2026-06-30"})
        .content.decode()
    )
    assert "Jordan" not in body and "Blake" not in body and "R-0" not in body


def test_executive_community_directory_and_autonomy_figures_match_the_hand_count(
    agency, unit, practitioner, liaison, executive, group, other_group, settings
):
    from events.models import Partner
    from exchanges.models import FormalTie, TrainingSession
    from liaison.models import StaffMembership
    from tests.factory import make_leader

    settings.TIME_ZONE = "America/New_York"
    StaffMembership.objects.filter(user=liaison).update(liaison_hours_per_week=10)
    second = make_staff(agency, "practitioner", unit)
    training = TrainingSession.objects.create(
        agency=agency, kind="panel", title="Panel", held_on=dt.date(2026, 3, 1), hours=2
    )
    training.attendees.add(practitioner)
    TrainingSession.objects.create(
        agency=agency, kind="panel", title="Old", held_on=dt.date(2025, 3, 1), hours=5
    )
    FormalTie.objects.create(
        agency=agency,
        kind="space",
        group=group,
        status="active",
        signed_on=dt.date(2025, 1, 1),
        renews_on=dt.date(2026, 8, 1),
    )
    FormalTie.objects.create(
        agency=agency,
        kind="liaison",
        group=group,
        status="active",
        signed_on=dt.date(2025, 1, 1),
        renews_on=dt.date(2027, 1, 1),
    )
    # Recovery Month and the first full week of October 2026 (October 4 to 10).
    for day, kind in [
        (dt.datetime(2026, 9, 15, 10), "screening"),
        (dt.datetime(2026, 10, 5, 10), "panel"),
        (dt.datetime(2026, 10, 2, 10), "film"),
    ]:
        make_event(agency, starts_at=timezone.make_aware(day), kind=kind, actual_attendance=10)
    Partner.objects.create(agency=agency, name="Library", sector="education")
    Partner.objects.create(agency=agency, name="Health dept", sector="health")
    make_leader(group)
    group.verified_at = timezone.make_aware(dt.datetime(2026, 6, 1))
    group.save()
    other_group.verified_at = timezone.make_aware(dt.datetime(2024, 1, 1))
    other_group.save()

    found = figures(dashboard(agency, Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))))
    assert found[("executive", "Designated liaison staff")].value == 1
    assert found[("executive", "Liaison hours a week")].value == 10
    assert found[("executive", "Formal ties active")].value == 2
    assert found[("executive", "Ties due for renewal within 60 days")].value == 2
    trained = found[("executive", "Practitioners who took part in training")]
    assert trained.detail == "1 of 2" and second  # practitioner trained, second did not
    assert found[("executive", "Training sessions with self-help presenters")].value == 1
    assert found[("executive", "Training sessions with self-help presenters")].previous == 1
    assert found[("institutional", "Joint events")].value == 3
    assert found[("institutional", "People reached")].value == 30
    assert found[("institutional", "Events in National Recovery Month")].value == 1
    assert found[("institutional", "Events in Mental Illness Awareness Week")].value == 1
    assert found[("directory", "Active listings")].value == 2
    assert found[("directory", "Listings checked in the last 12 months")].detail == "1 of 2"
    assert found[("directory", "Kept by their own leader")].detail == "1 of 2"
    community = next(
        s
        for s in dashboard(agency, Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
        if s.key == "institutional"
    )
    quarters = dict(tuple(row) for row in community.tables[1][2])
    assert quarters == {"2026 Q3": 1, "2026 Q4": 2}


# The figures that count the records of the period: their links carry it.
OF_THE_PERIOD = {
    "Staff visits to groups",
    "Training sessions with self-help presenters",
    "Referrals made",
    "Follow-ups done on time (within 7 days of due)",
    "Story sessions held",
    "Joint events",
    "Support given (money and in kind)",
}


def _period_query(period):
    return f"from={period.start.isoformat()}&to={period.end.isoformat()}"


def _opens_for_its_period(browser, reader, label, link, period):
    """The link opens for its reader; a figure of the period's records opens for that period."""
    from liaison.permissions import may_open

    assert may_open(reader, link), (reader, link)
    opened = browser.get(link)
    assert opened.status_code == 200, (reader, link)
    if label in OF_THE_PERIOD or link.startswith(reverse("pages:dashboard")):
        assert link.endswith("?" + _period_query(period)), (reader, label, link)
        shown = opened.context["period"]
        assert (shown.start, shown.end) == (period.start, period.end), (reader, link)
    else:
        assert "from=" not in link, (reader, label, link)


def test_no_figure_links_to_a_page_its_reader_cannot_open(
    client_of, executive, agency_admin, liaison, records
):
    """Every link on the dashboard opens for its reader, for the period shown. The figures
    whose lists name clients (referrals, follow-ups, story sessions) link to the same records
    counted; the survey's figures to its results, for those who may see them, else nowhere.
    A figure that counts the period's records links to its list for the period, or to its
    counts; to nowhere rather than to a list of other records (an agency admin's own visits)."""
    from pages.dashboard import dashboard as dashboard_sections
    from pages.views import figure_link
    from surveys.services import survey_from_template, survey_open
    from tests.factory import make_survey_responses

    survey = survey_open(
        survey=survey_from_template(agency=records, template="clients", by=liaison), by=liaison
    )
    make_survey_responses(survey, [{"participation": "Yes", "satisfaction": "5"}] * 5)
    make_survey_responses(survey, [{"participation": "No", "satisfaction": "2"}] * 5)
    counted = {
        "Referrals made": "pages:dashboard_referrals",
        "Follow-ups done on time (within 7 days of due)": "pages:dashboard_follow_ups",
        "Story sessions held": "pages:dashboard_stories",
    }
    listed = {
        "Staff visits to groups": "exchanges:visits",
        "Training sessions with self-help presenters": "exchanges:training",
        "Joint events": "events:office_events",
        "Support given (money and in kind)": "exchanges:support",
    }
    surveyed = [
        "Clients in a self-help group, last 3 months (survey)",
        "Clients satisfied with their group, 4–5 of 5 (survey)",
    ]
    for reader, params in [
        (executive, {}),
        (agency_admin, {}),
        (executive, {"from": "2026-01-01", "to": "2026-06-30"}),
        (agency_admin, {"from": "2026-01-01", "to": "2026-06-30"}),
    ]:
        browser = client_of(reader)
        response = browser.get(reverse("pages:dashboard"), params)
        period = response.context["period"]
        links = {
            figure.label: figure.link
            for section in response.context["sections"]
            for figure in section.figures
            if figure.link
        }
        for label, name in counted.items():
            assert links[label] == f"{reverse(name)}?{_period_query(period)}", (reader, label)
        for label, name in listed.items():
            if reader == agency_admin and name == "exchanges:visits":
                # An agency admin's list of visits is of their own: not what the figure counts.
                assert label not in links
                continue
            assert links[label] == f"{reverse(name)}?{_period_query(period)}", (reader, label)
        results = reverse("surveys:results", args=[survey.pk])
        for label in surveyed:
            # Agency admins may not see survey results: the figure, with its counts, is all.
            # (The survey opened today: a period that ended before has none.)
            expected = results if reader == executive and not params else None
            assert links.get(label) == expected, (reader, label)
        # The headline row links as its figures do.
        for item in response.context["headline"]:
            assert item.figure.link == links.get(item.figure.label, ""), item.figure.label
        for label, link in links.items():
            _opens_for_its_period(browser, reader, label, link, period)

    # Liaison staff do not see the dashboard; where its figures would link for them, each
    # opens, for the period: the lists of referrals and story sessions themselves.
    browser = client_of(liaison)
    assert browser.get(reverse("pages:dashboard")).status_code == 403
    period = PERIOD
    links = {
        figure.label: figure_link(liaison, figure, period)
        for section in dashboard_sections(records, period)
        for figure in section.figures
    }
    links = {label: link for label, link in links.items() if link}
    assert links["Referrals made"] == f"{reverse('referrals:list')}?{_period_query(period)}"
    assert links["Story sessions held"] == (
        f"{reverse('referrals:stories')}?{_period_query(period)}"
    )
    for label, name in listed.items():
        assert links[label] == f"{reverse(name)}?{_period_query(period)}", label
    # The list of referrals cannot show the follow-ups due in the period; their counts are
    # for those who see the dashboard.
    assert "Follow-ups done on time (within 7 days of due)" not in links
    for label, link in links.items():
        _opens_for_its_period(browser, liaison, label, link, period)


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def test_each_list_a_figure_links_to_shows_the_records_it_counts_for_the_period(
    client_of, records, executive, liaison, practitioner, unit, group, other_agency
):
    """The list behind each figure of the period's records, opened from the dashboard, has as
    many rows as the figure counts — with the period's first and last days, without the days
    either side, and without what the figure leaves out (planned or cancelled visits,
    cancelled events, deleted referrals, another agency's records)."""
    from exchanges.models import TrainingSession

    agency = records
    before, after = START - dt.timedelta(days=1), END + dt.timedelta(days=1)
    for day in (START, END, before, after):
        TrainingSession.objects.create(
            agency=agency, kind="panel", title=f"Panel {day}", held_on=day, hours=2
        )
    TrainingSession.objects.create(
        agency=other_agency, kind="panel", title="Theirs", held_on=START, hours=2
    )
    visit(agency, practitioner, group, after, "1")
    make_visit(agency, practitioner, group, END, 1, "cancelled", done_on=END)
    local = timezone.get_current_timezone()

    def at(day, hour, minute):
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=local)

    # Joint events by their local first day: late on the last day counts, early the day
    # after does not, whatever the day in UTC.
    for moment in (at(START, 0, 30), at(END, 23, 30), at(before, 23, 30), at(after, 0, 30)):
        make_event(agency, starts_at=moment, status="held")
    make_event(agency, starts_at=at(END, 12, 0), status="cancelled")
    for day, amount in ((START, 10), (END, 20), (before, 1000), (after, 1000)):
        Support.objects.create(
            agency=agency, group=group, kind="printing", given_on=day, amount=amount
        )
    gone = referral(agency, unit, practitioner, group, START)
    Referral.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    StorySession.objects.create(
        agency=agency,
        held_on=START,
        clients_reached=3,
        storyteller=make_client(agency, unit),
        storyteller_consented=True,
    )

    params = {"from": START.isoformat(), "to": END.isoformat()}
    page = client_of(executive).get(reverse("pages:dashboard"), params)
    found = figures(page.context["sections"])
    expected = {
        ("practitioner", "Staff visits to groups"): (3, "Visits done"),
        ("executive", "Training sessions with self-help presenters"): (2, "Training sessions held"),
        ("institutional", "Joint events"): (4, "Joint events, not cancelled, starting"),
        ("autonomy", "Support given (money and in kind)"): ("$1,130", "Support given"),
    }
    words = "from Jan 1, 2026 to Jun 30, 2026 · Show all"
    browser = client_of(executive)
    for key, (value, what) in expected.items():
        figure = found[key]
        assert figure.value == value, key
        opened = browser.get(figure.link)
        shown = opened.context["page"]
        if key[0] == "autonomy":
            total = sum((s.amount or 0) + (s.in_kind_value or 0) for s in shown.object_list)
            assert f"${total:,.0f}" == value
            assert shown.paginator.count == 4
        else:
            assert shown.paginator.count == len(shown.object_list) == value, key
        assert f"{what} {words}" in _text(opened), key

    # Referrals and story sessions, as liaison staff open them.
    from pages.views import figure_link

    browser = client_of(liaison)
    unresolved = figures(dashboard(agency, PERIOD))
    for key, what in [
        (("practitioner", "Referrals made"), "Referrals made"),
        (("client", "Story sessions held"), "Story sessions held"),
    ]:
        figure = unresolved[key]
        link = figure_link(liaison, figure, PERIOD)
        assert link.endswith(f"?from={START}&to={END}")
        opened = browser.get(link)
        assert opened.status_code == 200
        if key[0] == "client":
            rows = len(opened.context["sessions"])
        else:
            rows = opened.context["page"].paginator.count
        assert rows == figure.value == {"Referrals made": 4, "Story sessions held": 3}[key[1]]
        assert f"{what} {words}" in _text(opened), key


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            dt.date(2026, 12, 2),
            {
                "This quarter": (dt.date(2026, 10, 1), dt.date(2026, 12, 2)),
                "Last quarter": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
                "This year": (dt.date(2026, 1, 1), dt.date(2026, 12, 2)),
            },
        ),
        (
            dt.date(2027, 2, 15),
            {
                "This quarter": (dt.date(2027, 1, 1), dt.date(2027, 2, 15)),
                "Last quarter": (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
                "This year": (dt.date(2027, 1, 1), dt.date(2027, 2, 15)),
            },
        ),
    ],
)
def test_the_period_presets_are_the_quarters_and_years_a_director_asks_for(today, expected):
    from pages.dashboard import Period

    presets = {label: (p.start, p.end) for label, p in Period.presets(today)}
    for label, span in expected.items():
        assert presets[label] == span, label
    assert presets["Last 12 months"][1] == today


def test_the_dashboard_offers_the_presets_and_says_months_in_words(client_of, executive, records):
    body = client_of(executive).get(reverse("pages:dashboard")).content.decode()
    assert "This quarter" in body and "Last 12 months" in body
    assert 'aria-current="page"' in body.split("dashboard-presets")[1].split("</ul>")[0]
    assert not re.search(r"<t[dh][^>]*>20\d\d-\d\d</t[dh]>", body)


def test_a_trend_of_one_month_is_not_drawn_as_a_line(agency, unit, practitioner):
    from pages.dashboard import Period, dashboard

    group = make_group()
    referral(agency, unit, practitioner, group, dt.date(2026, 3, 5), "standard", [])
    sections = dashboard(agency, Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    for section in sections:
        if section.chart and section.chart["type"] == "line":
            assert len(section.chart["labels"]) >= 2, section.key


def test_imported_groups_are_not_counted_as_checked_until_someone_checks_them(agency, liaison):
    now = timezone.now()
    make_group(name="Checked here", verified_at=now - dt.timedelta(days=10))
    # The file says the meeting changed today: that is no check.
    changed = mg(slug="a", group="Imported", updated=now.strftime("%Y-%m-%d %H:%M:%S"))
    importers.apply(json_file(changed), "mg-json", "Intergroup", by=liaison)
    today = timezone.localdate()
    found = figures(dashboard(agency, Period(today - dt.timedelta(days=30), today)))
    assert found[("directory", "Active listings")].value == 2
    assert found[("directory", "Listings checked in the last 12 months")].detail == "1 of 2"
    assert found[("directory", "Stale listings")].value == 1


def test_the_headline_row_gives_each_figure_with_its_change_and_never_a_blank(
    client_of, executive, agency, unit, practitioner
):
    from pages.dashboard import HEADLINE

    group = make_group()
    # Before: one standard referral; now: two, one of them intensive and attended.
    referral(agency, unit, practitioner, group, dt.date(2025, 9, 10), "standard", [])
    referral(agency, unit, practitioner, group, dt.date(2026, 3, 10), "standard", [])
    referral(
        agency,
        unit,
        practitioner,
        group,
        dt.date(2026, 3, 12),
        "intensive",
        ["volunteer_contacted", "met_volunteer", "attended"],
    )
    response = client_of(executive).get(
        reverse("pages:dashboard"), {"from": "2025-12-01", "to": "2026-05-31"}
    )
    row = {item.figure.label: item for item in response.context["headline"]}
    assert len(row) == len(HEADLINE)
    assert row["Referrals made"].figure.value == 2
    assert row["Referrals made"].change == "up 1 on the period before"
    assert row["Intensive referrals that reached a first meeting"].change == (
        "new: none the period before"
    )
    assert row["Joint events"].change == "the same as the period before"
    body = response.content.decode()
    headline = body.split('id="headline-title"')[1].split("</section>")[0]
    assert body.index('id="headline-title"') < body.index('id="section-board"')
    for item in row.values():
        assert item.change and item.change in headline


def test_each_table_of_the_dashboard_is_a_csv_file_of_its_own(client_of, executive, records):
    browser = client_of(executive)
    page = browser.get(reverse("pages:dashboard"), {"from": "2026-01-01", "to": "2026-06-30"})
    section = next(s for s in page.context["sections"] if s.tables)
    _caption, headers, table = section.tables[0]
    response = browser.get(
        reverse("pages:dashboard_csv"),
        {"section": section.key, "table": "0", "from": "2026-01-01", "to": "2026-06-30"},
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == [str(h) for h in headers] and len(lines) == 1 + len(table)
    for bad in (
        {"table": "0"},
        {"section": section.key, "table": "99"},
        {"section": section.key, "table": "x"},
    ):
        assert browser.get(reverse("pages:dashboard_csv"), bad).status_code == 400
