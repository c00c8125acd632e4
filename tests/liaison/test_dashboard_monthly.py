"""The dashboard's kept daily counts (`referrals.monthly`): read from the kept rows or counted
from the records, every figure is the same; every way a count changes marks its day stale;
and the headline's trend lines against hand-counted months."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.schedule import job
from pages.dashboard import Counted, Period, dashboard, headline, trend_window
from referrals import monthly, services
from referrals.models import DailyCount, FollowUp, ReferralEvent
from tests.factory import make_group
from tests.liaison.test_dashboard import figures, referral, visit

TODAY = dt.date(2026, 12, 2)
YEAR = Period(dt.date(2025, 12, 3), TODAY)


def everything(agency, period, *, kept):
    """Every figure and table of the dashboard, counted with or without the kept rows."""
    if kept:
        counted = Counted.count(agency, period)
    else:
        counted = Counted(
            *(
                monthly.counts_by_month(agency, family, p.start, p.end, kept=False)
                for family, p in [
                    ("referrals", period),
                    ("referrals", period.previous()),
                    ("followups", period),
                    ("followups", period.previous()),
                    ("referrals", trend_window(period)),
                ]
            )
        )
    sections = dashboard(agency, period, counted)
    values = {key: (f.value, f.detail, f.previous) for key, f in figures(sections).items()}
    tables = {s.key: s.tables for s in sections}
    return values, tables


@pytest.fixture
def year_of_referrals(agency, unit, practitioner):
    group = make_group()
    made = []
    for day, kind, statuses in [
        (dt.date(2025, 12, 3), "standard", ["attended"]),  # the period's first day
        (dt.date(2025, 12, 2), "standard", []),  # the day before: not counted
        (dt.date(2026, 2, 14), "intensive", ["volunteer_contacted", "attended"]),
        (dt.date(2026, 2, 28), "standard", []),
        (dt.date(2026, 6, 1), "standard", ["attended", "engaged"]),
        (dt.date(2026, 11, 30), "intensive", ["volunteer_contacted"]),
        (dt.date(2026, 12, 2), "standard", []),  # the period's last day
    ]:
        made.append(referral(agency, unit, practitioner, group, day, kind, statuses))
    for one in made:
        for days, done in [(7, 7), (30, 45), (90, None)]:
            FollowUp.objects.create(
                referral=one,
                offset_days=days,
                due_on=one.made_on + dt.timedelta(days=days),
                done_on=one.made_on + dt.timedelta(days=done) if done else None,
                discussed_in_session=True if done == 7 else None,
            )
    return made


def test_kept_rows_and_the_records_give_the_same_figures(
    agency, year_of_referrals, practitioner, liaison
):
    # Every day of the 25 months to today (Dec 1, 2024 to Dec 2, 2026), for both families.
    assert monthly.refresh(today=TODAY)["days counted"] == 2 * 732
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)
    counted = Counted.count(agency, YEAR)
    # Every day of the period is read from the kept rows, the edge months' days included.
    assert counted.referrals.counted_now == []
    assert counted.kept_as_of is not None
    found = figures(dashboard(agency, YEAR, counted))
    assert found[("practitioner", "Referrals made")].value == 6
    assert found[("outcomes", "Standard referrals that reached a first meeting")].detail == (
        "2 of 4"
    )

    # Each way a count changes marks its day stale, and the figures stay right.
    first = year_of_referrals[3]  # made Feb 28, not attended yet
    ReferralEvent.objects.create(referral=first, status="attended", on=dt.date(2026, 3, 1))
    assert DailyCount.objects.get(agency=agency, family="referrals", day="2026-02-28").stale
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)
    assert Counted.count(agency, YEAR).referrals.counted_now == [dt.date(2026, 2, 28)]
    follow_up = FollowUp.objects.filter(referral=first, done_on__isnull=True).get()
    follow_up.done_on = follow_up.due_on
    follow_up.save()
    assert DailyCount.objects.get(agency=agency, family="followups", day=follow_up.due_on).stale
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)

    services.client_delete(client=year_of_referrals[4].client, by=liaison)
    assert DailyCount.objects.get(agency=agency, family="referrals", day="2026-06-01").stale
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)
    services.client_restore(client=year_of_referrals[4].client, by=liaison)
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)

    moved = year_of_referrals[2]
    moved.made_on = dt.date(2026, 4, 2)
    moved.save()
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)
    moved.delete()
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)

    # The job counts the stale days again, and only those.
    stale = DailyCount.objects.filter(stale=True).count()
    assert stale
    assert monthly.refresh(today=TODAY)["days counted"] == stale
    assert not DailyCount.objects.filter(stale=True).exists()
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)


def test_a_change_while_a_month_is_counted_is_counted_next_time(
    agency, year_of_referrals, monkeypatch
):
    """A row is marked current before it is counted: a change in between marks it stale."""
    real = monthly._count_from_records
    late = year_of_referrals[5]  # Nov 30, intensive, contacted

    def counted_then_changed(family, agency_id, ranges):
        found = real(family, agency_id, ranges)
        if family.name == "referrals":
            ReferralEvent.objects.create(referral=late, status="attended", on=TODAY)
        return found

    monkeypatch.setattr(monthly, "_count_from_records", counted_then_changed)
    monthly.refresh(today=TODAY)
    monkeypatch.setattr(monthly, "_count_from_records", real)
    assert DailyCount.objects.get(agency=agency, family="referrals", day="2026-11-30").stale
    assert everything(agency, YEAR, kept=True) == everything(agency, YEAR, kept=False)


def test_a_kept_month_of_another_agency_is_never_read(agency, other_agency, year_of_referrals):
    monthly.refresh(today=TODAY)
    assert Counted.count(other_agency, YEAR).referrals.total("made_standard") == 0
    assert DailyCount.objects.filter(agency=other_agency).count() == 2 * 732


def test_the_monthly_counts_are_a_scheduled_job():
    assert job("monthly_counts").every == dt.timedelta(minutes=10)


def test_the_dashboard_reads_a_fixed_number_of_queries_with_kept_rows(
    agency, year_of_referrals, executive, client_of
):
    """Every day kept, each series is one query (the months added up by the database); none
    kept, one more (the records); some kept, one more again (the kept days of the months not
    wholly kept). Kept or not, the number does not grow with the rows."""
    browser = client_of(executive)
    browser.get("/dashboard/")
    with CaptureQueriesContext(connection) as nothing_kept:
        browser.get("/dashboard/")
    monthly.refresh()
    with CaptureQueriesContext(connection) as all_kept:
        browser.get("/dashboard/")
    for one in year_of_referrals:
        one.pk = None
        one.submission = None
        one.made_on = dt.date.today()
        one.save()
    with CaptureQueriesContext(connection) as some_kept:
        browser.get("/dashboard/")
    assert len(all_kept) <= len(nothing_kept) <= len(some_kept)
    assert len(nothing_kept) - len(all_kept) <= 5
    assert len(some_kept) - len(nothing_kept) <= 5


def test_the_headline_trends_match_the_hand_count(
    agency, unit, practitioner, liaison, year_of_referrals
):
    group = make_group()
    visit(agency, practitioner, group, dt.date(2026, 3, 10), "1")
    monthly.refresh(today=TODAY)
    counted = Counted.count(agency, YEAR)
    row = {
        item.figure.label: item
        for item in headline(agency, YEAR, dashboard(agency, YEAR, counted), counted)
    }
    referrals = dict(row["Referrals made"].trend)
    assert len(referrals) == 12
    # The 12 whole months to the period's end: December 2026 is under way, so not drawn, and
    # December 2025 is drawn whole (Dec 2 and Dec 3), whatever day the period starts on.
    assert min(referrals) == dt.date(2025, 12, 1) and max(referrals) == dt.date(2026, 11, 1)
    assert referrals[dt.date(2025, 12, 1)] == 2
    assert referrals[dt.date(2026, 2, 1)] == 2
    assert referrals[dt.date(2026, 3, 1)] == 0
    assert referrals[dt.date(2026, 11, 1)] == 1
    reached = dict(row["Standard referrals that reached a first meeting"].trend)
    assert reached[dt.date(2026, 2, 1)] == 0.0  # 0 of 1
    assert reached[dt.date(2026, 6, 1)] == 100.0  # 1 of 1
    assert reached[dt.date(2026, 3, 1)] is None  # none made: no rate, a gap in the line
    know = row["Practitioners who know a group (visited one in the 12 months to the period's end)"]
    assert dict(know.trend)[dt.date(2026, 2, 1)] == 0.0
    assert dict(know.trend)[dt.date(2026, 3, 1)] == 100.0  # the one practitioner visited
    assert know.figure.value == 100 and know.previous == 0
    assert know.change == "up 100 points on the period before"
    made = row["Referrals made"]
    assert made.drawn and "2 in Dec 2025, 1 in Nov 2026" in made.trend_text
    listings = row["Listings checked in the last 12 months"]
    assert listings.change.startswith("no figure for the period before") and not listings.drawn
