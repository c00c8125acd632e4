"""The pages behind the dashboard's figures (referrals, follow-ups, story sessions): each count
against hand-counted records, at the edges of the period, for one agency only, with no client
named, in a fixed number of queries, and as CSV."""

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

from liaison import limits
from pages.dashboard import NO_DATA, Figure, Period, dashboard
from pages.figures import follow_ups, referrals, stories
from pages.views import figure_link
from referrals.models import Client, FollowUp, Referral, StorySession
from tests.factory import make_client, make_group, make_staff
from tests.liaison.test_dashboard import referral

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
PERIOD = Period(START, END)
PARAMS = {"from": "2026-01-01", "to": "2026-06-30"}
PAGES = ("pages:dashboard_referrals", "pages:dashboard_follow_ups", "pages:dashboard_stories")


def figures(page):
    return {f.label: f for s in page.sections for f in s.figures}


def table(page, caption):
    return next(rows for s in page.sections for c, _h, rows in s.tables if c == caption)


def follow_up(referral, due, done=None, discussed=None):
    return FollowUp.objects.create(
        referral=referral, offset_days=7, due_on=due, done_on=done, discussed_in_session=discussed
    )


def story(agency, unit, day, reached):
    return StorySession.objects.create(
        agency=agency,
        held_on=day,
        clients_reached=reached,
        storyteller=make_client(agency, unit),
        storyteller_consented=True,
    )


@pytest.fixture
def records(agency, unit, other_agency, other_unit, practitioner, group, other_group):
    # Referrals: the first and the last day count, the day before and a deleted one do not.
    first = referral(agency, unit, practitioner, group, START, "standard", ["attended"])
    referral(agency, unit, practitioner, group, dt.date(2026, 2, 1), at_discharge=True)
    intensive = referral(
        agency,
        unit,
        practitioner,
        other_group,
        dt.date(2026, 3, 1),
        "intensive",
        ["volunteer_contacted", "attended", "engaged"],
    )
    referral(
        agency,
        unit,
        practitioner,
        other_group,
        END,
        "intensive",
        ["volunteer_contacted"],
        at_discharge=True,
    )
    referral(agency, unit, practitioner, group, START - dt.timedelta(days=1), "intensive")
    deleted = referral(agency, unit, practitioner, group, dt.date(2026, 3, 15))
    Referral.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    # Follow-ups: done early, on the due day and 7 days after are on time; 8 days after is
    # late; one not done. One due after the period, one of the deleted referral.
    follow_up(first, START, dt.date(2025, 12, 30), discussed=True)
    follow_up(intensive, dt.date(2026, 3, 8), dt.date(2026, 3, 8), discussed=True)
    follow_up(intensive, dt.date(2026, 3, 10), dt.date(2026, 3, 17))
    follow_up(intensive, dt.date(2026, 4, 1), dt.date(2026, 4, 9), discussed=False)
    follow_up(intensive, dt.date(2026, 5, 1))
    follow_up(intensive, dt.date(2026, 7, 1))
    follow_up(deleted, dt.date(2026, 3, 20))
    # Story sessions: two in February, one on the last day, one before the period.
    for day, reached in [
        (dt.date(2026, 2, 2), 5),
        (dt.date(2026, 2, 20), 3),
        (END, 7),
        (dt.date(2025, 12, 1), 9),
    ]:
        story(agency, unit, day, reached)
    # The other agency's records must never count here.
    stranger = make_staff(other_agency, "practitioner", other_unit)
    theirs = referral(
        other_agency,
        other_unit,
        stranger,
        group,
        dt.date(2026, 3, 3),
        "intensive",
        ["volunteer_contacted", "attended"],
    )
    follow_up(theirs, dt.date(2026, 3, 5))
    story(other_agency, other_unit, dt.date(2026, 3, 1), 40)
    return agency


# --- the counts -------------------------------------------------------------------------------


def test_referrals_by_month_kind_discharge_stage_and_group_match_the_hand_count(
    records, group, other_group
):
    page = referrals(records, PERIOD)
    found = figures(page)
    assert found["Referrals made"].value == 4
    assert found["Standard referrals"].value == 2
    assert found["Intensive referrals"].value == 2
    discharge = found["Referrals made at discharge"]
    assert (discharge.value, discharge.detail, discharge.unit) == (Decimal("50.0"), "2 of 4", "%")
    # A month with none between two that have some reads 0.
    assert table(page, "Referrals by month") == [
        ["Jan 2026", 1, 0, 1, 0],
        ["Feb 2026", 1, 0, 1, 1],
        ["Mar 2026", 0, 1, 1, 0],
        ["Apr 2026", 0, 0, 0, 0],
        ["May 2026", 0, 0, 0, 0],
        ["Jun 2026", 0, 1, 1, 1],
    ]
    assert table(page, "Referrals made at discharge, by kind") == [
        ["Standard", 2, 1, Decimal("50.0")],
        ["Intensive", 2, 1, Decimal("50.0")],
        ["All", 4, 2, Decimal("50.0")],
    ]
    assert table(page, "The furthest stage each referral reached") == [
        ["Made", 2, Decimal("100.0"), 2, Decimal("100.0")],
        ["Contacted", 1, Decimal("50.0"), 2, Decimal("100.0")],
        ["Attended", 1, Decimal("50.0"), 1, Decimal("50.0")],
        ["Engaged", 0, Decimal("0.0"), 1, Decimal("50.0")],
    ]
    assert sorted(table(page, "The 10 groups most referred to")) == sorted(
        [[group.name, 2, 0, 2], [other_group.name, 0, 2, 2]]
    )


def test_follow_ups_by_month_due_on_time_late_not_done_and_talked_about_match_the_hand_count(
    records,
):
    page = follow_ups(records, PERIOD)
    found = figures(page)
    assert found["Follow-ups due"].value == 5
    on_time = found["Follow-ups done on time (within 7 days of due)"]
    assert (on_time.value, on_time.detail) == (Decimal("60.0"), "3 of 5")
    assert found["Done late"].value == 1
    assert found["Not done"].value == 1
    talked = found["Follow-ups where the group was talked about in session"]
    assert (talked.value, talked.detail) == (Decimal("66.7"), "2 of 3")
    assert table(page, "Follow-ups by the month they were due") == [
        ["Jan 2026", 1, 1, 0, 0],
        ["Feb 2026", 0, 0, 0, 0],
        ["Mar 2026", 2, 2, 0, 0],
        ["Apr 2026", 1, 0, 1, 0],
        ["May 2026", 1, 0, 0, 1],
    ]
    assert table(
        page, "Was the group talked about in session? By the month the follow-up was due"
    ) == [
        ["Jan 2026", 1, 1, Decimal("100.0")],
        ["Feb 2026", 0, 0, NO_DATA],
        ["Mar 2026", 1, 1, Decimal("100.0")],
        ["Apr 2026", 1, 0, Decimal("0.0")],
        ["May 2026", 0, 0, NO_DATA],
    ]


def test_story_sessions_by_month_match_the_hand_count(records):
    page = stories(records, PERIOD)
    found = figures(page)
    assert (found["Story sessions held"].value, found["Clients reached"].value) == (3, 15)
    assert table(page, "Story sessions by month") == [
        ["Feb 2026", 2, 8],
        ["Mar 2026", 0, 0],
        ["Apr 2026", 0, 0],
        ["May 2026", 0, 0],
        ["Jun 2026", 1, 7],
    ]


def test_the_pages_give_the_dashboards_numbers(records):
    on_dashboard = {f.label: f for s in dashboard(records, PERIOD) for f in s.figures}
    shown = {
        **figures(referrals(records, PERIOD)),
        **figures(follow_ups(records, PERIOD)),
        **figures(stories(records, PERIOD)),
    }
    for label in (
        "Referrals made",
        "Referrals made at discharge",
        "Standard referrals that reached a first meeting",
        "Intensive referrals that reached a first meeting",
        "Story sessions held",
        "Clients reached",
    ):
        assert (shown[label].value, shown[label].detail) == (
            on_dashboard[label].value,
            on_dashboard[label].detail,
        ), label


def test_the_follow_ups_page_gives_the_dashboards_numbers(records):
    on_dashboard = {f.label: f for s in dashboard(records, PERIOD) for f in s.figures}
    shown = figures(follow_ups(records, PERIOD))
    for label in (
        "Follow-ups done on time (within 7 days of due)",
        "Follow-ups where the group was talked about in session",
    ):
        assert (shown[label].value, shown[label].detail) == (
            on_dashboard[label].value,
            on_dashboard[label].detail,
        ), label


def test_an_empty_period_has_no_rows_and_never_divides_by_zero(records):
    empty = Period(dt.date(2001, 1, 1), dt.date(2001, 12, 31))
    for page in (referrals(records, empty), follow_ups(records, empty), stories(records, empty)):
        for section in page.sections:
            for caption, _headers, rows in section.tables:
                if "by kind" not in caption and "furthest stage" not in caption:
                    assert rows == [], caption
            for figure in section.figures:
                assert figure.value in (0, NO_DATA), figure.label
    found = figures(follow_ups(records, empty))
    on_time = found["Follow-ups done on time (within 7 days of due)"]
    assert (on_time.value, on_time.detail, on_time.unit) == (NO_DATA, "none in this period", "")


# --- the pages --------------------------------------------------------------------------------


def test_each_page_names_the_agency_and_the_period_in_words_and_links_back(
    client_of, executive, records
):
    browser = client_of(executive)
    for name, title in zip(PAGES, ("Referrals", "Follow-ups", "Story sessions"), strict=True):
        response = browser.get(reverse(name), PARAMS)
        assert response.status_code == 200
        body = response.content.decode()
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1)
        assert heading == (
            f"{title} at Riverside Test Agency, from January 1, 2026 to June 30, 2026"
        )
        back = reverse("pages:dashboard") + "?from=2026-01-01&amp;to=2026-06-30"
        assert f'href="{back}"' in body
        for section in response.context["sections"]:
            for caption, _headers, _rows in section.tables:
                assert f"<caption>{caption}" in body
        assert not re.search(r"<t[dh][^>]*>20\d\d-\d\d</t[dh]>", body)
        assert "{#" not in body and "{%" not in body


def test_no_client_and_no_practitioner_is_named(client_of, executive, agency_admin, records):
    pseudonyms = [c.pseudonym for c in Client.objects.all()]
    numbers = list(Client.objects.values_list("record_number", flat=True))
    for reader in (executive, agency_admin):
        browser = client_of(reader)
        for name in PAGES:
            for url in (reverse(name), reverse(f"{name}_csv")):
                body = browser.get(url, PARAMS).content.decode()
                for word in ("Jordan", "Blake", "555-0166", "Priya", "priya@", *numbers):
                    assert word not in body, (url, word)
                for pseudonym in pseudonyms:
                    assert pseudonym not in body, (url, pseudonym)
                assert not re.search(r"\bJB\b", body), url


def test_an_executive_of_another_agency_sees_only_that_agencys_counts(
    client_of, records, other_agency
):
    theirs = client_of(make_staff(other_agency, "executive"))
    page = theirs.get(reverse("pages:dashboard_referrals"), PARAMS).context["page"]
    assert figures(page)["Referrals made"].value == 1
    assert table(page, "Referrals by month") == [["Mar 2026", 0, 1, 1, 0]]
    page = theirs.get(reverse("pages:dashboard_follow_ups"), PARAMS).context["page"]
    assert figures(page)["Follow-ups due"].value == 1
    assert figures(page)["Not done"].value == 1
    page = theirs.get(reverse("pages:dashboard_stories"), PARAMS).context["page"]
    assert (figures(page)["Story sessions held"].value, figures(page)["Clients reached"].value) == (
        1,
        40,
    )
    rows = list(
        csv.reader(
            io.StringIO(
                theirs.get(
                    reverse("pages:dashboard_stories_csv"),
                    {**PARAMS, "section": "stories", "table": "0"},
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert rows == [["Month", "Sessions held", "Clients reached"], ["Mar 2026", "1", "40"]]


@pytest.mark.parametrize("name", PAGES)
def test_only_the_dashboards_readers_open_them(client_of, practitioner, liaison, name):
    for user in (practitioner, liaison):
        assert client_of(user).get(reverse(name)).status_code == 403
        assert client_of(user).get(reverse(f"{name}_csv")).status_code == 403
    response = client_of(None).get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.fixture
def raising(client):
    client.raise_request_exception = True
    return client


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("0001-01-01", "0001-01-05"),
        ("9999-12-01", "9999-12-31"),
        ("0001-01-01", "9999-12-31"),
        ("2026-13-45", "2026-01-01"),
        ("2026-06-30", "2026-01-01"),
    ],
)
def test_any_period_is_a_page_never_a_500(raising, client_of, executive, records, start, end):
    client_of(executive)
    for name in PAGES:
        page = raising.get(reverse(name), {"from": start, "to": end})
        assert page.status_code == 200
        shown = page.context["period"]
        assert limits.EARLIEST_DATE <= shown.start <= shown.end <= limits.LATEST_DATE
        if page.context["errors"]:
            assert "Showing the last 12 months." in page.content.decode()
            # A file of another period than the one asked for would be read as that one.
            response = raising.get(reverse(f"{name}_csv"), {"from": start, "to": end})
            assert response.status_code == 400
            assert "not a date" in response.content.decode() or "before it ends" in (
                response.content.decode()
            )
        else:
            assert (
                raising.get(reverse(f"{name}_csv"), {"from": start, "to": end}).status_code == 200
            )


def test_the_whole_calendar_lists_the_months_with_records_and_those_between(
    client_of, executive, records
):
    response = client_of(executive).get(
        reverse("pages:dashboard_stories"), {"from": "0001-01-01", "to": "9999-12-31"}
    )
    rows = table(response.context["page"], "Story sessions by month")
    assert rows[0] == ["Dec 2025", 1, 9] and rows[-1] == ["Jun 2026", 1, 7] and len(rows) == 7


def test_each_page_has_a_fixed_query_count(
    client_of, records, executive, agency, unit, practitioner
):
    browser = client_of(executive)
    params = {"from": "2025-01-01", "to": "2026-12-31"}

    def count(name):
        with CaptureQueriesContext(connection) as ctx:
            assert browser.get(reverse(name), params).status_code == 200
        return len(ctx)

    few = {name: count(name) for name in PAGES}
    for n in range(20):
        day = dt.date(2025, n % 12 + 1, n % 28 + 1)
        made = referral(
            agency, unit, practitioner, make_group(), day, "intensive", ["volunteer_contacted"]
        )
        follow_up(made, day + dt.timedelta(days=30), day + dt.timedelta(days=30 + n))
        story(agency, unit, day, n + 1)
    for name in PAGES:
        assert count(name) == few[name], name
        assert few[name] <= 10, name


# --- CSV --------------------------------------------------------------------------------------


def test_each_table_is_a_csv_file_of_its_own_and_the_page_one_file(client_of, executive, records):
    browser = client_of(executive)
    for name in PAGES:
        sections = browser.get(reverse(name), PARAMS).context["sections"]
        for section in sections:
            for index, (_caption, headers, rows) in enumerate(section.tables):
                response = browser.get(
                    reverse(f"{name}_csv"), {**PARAMS, "section": section.key, "table": index}
                )
                assert response.status_code == 200
                assert response["Content-Type"].startswith("text/csv")
                lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
                assert lines == [[str(h) for h in headers], *[[str(c) for c in r] for r in rows]]
        whole = browser.get(reverse(f"{name}_csv"), PARAMS)
        assert whole.status_code == 200
        text = whole.content.decode()
        for section in sections:
            for figure in section.figures:
                assert f"{section.title},{figure.label},{figure.value}" in text
        for bad in (
            {"section": "nope"},
            {"table": "0"},
            {"section": sections[0].key, "table": "99"},
            {"section": sections[0].key, "table": "x"},
        ):
            assert browser.get(reverse(f"{name}_csv"), {**PARAMS, **bad}).status_code == 400


# --- where the dashboard's figures link -------------------------------------------------------


def test_a_figure_links_to_its_list_for_whoever_may_open_it_else_to_its_counts_for_the_period(
    liaison, executive, agency_admin, practitioner
):
    figure = Figure(
        "Referrals made",
        1,
        link=reverse("referrals:list"),
        fallback=reverse("pages:dashboard_referrals"),
    )
    assert figure_link(liaison, figure, PERIOD) == reverse("referrals:list")
    for user in (executive, agency_admin):
        assert figure_link(user, figure, PERIOD) == (
            reverse("pages:dashboard_referrals") + "?from=2026-01-01&to=2026-06-30"
        )
    # A practitioner's list is of their own referrals, not the agency's the figure counts.
    assert figure_link(practitioner, figure, PERIOD) == ""
    # A figure of the period's records links to its list for the period.
    of_period = Figure("Referrals made", 1, link=reverse("referrals:list"), period_link=True)
    assert figure_link(liaison, of_period, PERIOD) == (
        reverse("referrals:list") + "?from=2026-01-01&to=2026-06-30"
    )
    filtered = Figure("Visits", 1, link=reverse("exchanges:visits") + "?x=1", period_link=True)
    assert figure_link(executive, filtered, PERIOD) == (
        reverse("exchanges:visits") + "?x=1&from=2026-01-01&to=2026-06-30"
    )
    # Nor does one link to the visits of the one reader when it counts everyone's.
    assert figure_link(agency_admin, filtered, PERIOD) == ""
    # A figure with no fallback links nowhere for a reader who may not open its page.
    survey = Figure("Clients satisfied", 1, link=reverse("surveys:results", args=[1]))
    assert figure_link(agency_admin, survey, PERIOD) == ""
    assert figure_link(executive, survey, PERIOD) == survey.link
    # Nor does a fallback its reader may not open.
    odd = Figure("Odd", 1, link=reverse("referrals:list"), fallback=reverse("referrals:stories"))
    assert figure_link(executive, odd, PERIOD) == ""


def test_the_dashboards_figures_open_their_counts_for_the_same_period(
    client_of, executive, records
):
    browser = client_of(executive)
    response = browser.get(reverse("pages:dashboard"), PARAMS)
    links = {f.label: f.link for s in response.context["sections"] for f in s.figures}
    expected = {
        "Referrals made": "pages:dashboard_referrals",
        "Follow-ups done on time (within 7 days of due)": "pages:dashboard_follow_ups",
        "Story sessions held": "pages:dashboard_stories",
    }
    body = response.content.decode()
    for label, name in expected.items():
        assert links[label] == reverse(name) + "?from=2026-01-01&to=2026-06-30"
        assert f'href="{reverse(name)}?from=2026-01-01&amp;to=2026-06-30"' in body
        opened = browser.get(links[label])
        assert opened.status_code == 200
        assert opened.context["period"] == PERIOD
        assert label in figures(opened.context["page"])
    # The headline row links the same way.
    top = {item.figure.label: item.figure.link for item in response.context["headline"]}
    assert top["Referrals made"] == links["Referrals made"]
    assert top["Story sessions held"] == links["Story sessions held"]
