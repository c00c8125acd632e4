"""The dashboard's figures kept between views (`pages.dashboard.picture`): a view within
`DASHBOARD_KEEP_SECONDS` reads them from the cache and says when they were counted; "count them
again" and the scheduled job count them afresh; each reader still gets links of their own, and
one agency never reads another's figures."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.schedule import job
from pages.dashboard import Period, _picture_key, picture
from tests.factory import make_group
from tests.liaison.test_dashboard import figures, referral

pytestmark = pytest.mark.dashboard_kept


def _referrals_made(response):
    return figures(response.context["sections"])[("practitioner", "Referrals made")]


def _made(response):
    return _referrals_made(response).value


def _last_12_months():
    return Period.last_12_months(timezone.localdate())


def test_a_second_view_reads_the_kept_figures_and_says_when_they_were_counted(
    client_of, agency, unit, practitioner, executive
):
    group = make_group()
    referral(agency, unit, practitioner, group, timezone.localdate())
    browser = client_of(executive)
    first = browser.get("/dashboard/")
    assert _made(first) == 1
    with CaptureQueriesContext(connection) as counted:
        browser.get("/dashboard/")
    with CaptureQueriesContext(connection) as kept:
        second = browser.get("/dashboard/")
    assert _made(second) == 1
    # Only the session and the reader: no figure is counted again.
    assert len(kept) < len(counted) or len(kept) <= 8
    assert not any("referrals_referral" in q["sql"] for q in kept.captured_queries)
    text = second.content.decode()
    assert "Counted " in text
    assert "kept for 10 minutes" in text
    assert "again=1" in text


def test_count_them_again_shows_a_record_made_since(
    client_of, agency, unit, practitioner, executive
):
    group = make_group()
    browser = client_of(executive)
    assert _made(browser.get("/dashboard/")) == 0
    referral(agency, unit, practitioner, group, timezone.localdate())
    # Kept: the figure is the one counted before, and the page says when that was.
    assert _made(browser.get("/dashboard/")) == 0
    period = _last_12_months()
    again = browser.get(f"/dashboard/?from={period.start}&to={period.end}&again=1")
    assert again.status_code == 200
    assert _made(again) == 1
    # Counted again, it is kept: the next view shows it too.
    assert _made(browser.get("/dashboard/")) == 1


def test_the_scheduled_job_counts_each_agency_again(
    agency, other_agency, unit, practitioner, executive, client_of
):
    assert job("dashboard_figures").every == dt.timedelta(minutes=5)
    group = make_group()
    browser = client_of(executive)
    assert _made(browser.get("/dashboard/")) == 0
    referral(agency, unit, practitioner, group, timezone.localdate())
    result = job("dashboard_figures").function()
    assert result["agencies counted"] >= 2
    assert _made(browser.get("/dashboard/")) == 1


def test_one_agency_never_reads_anothers_kept_figures(
    client_of, agency, unit, practitioner, executive, other_agency
):
    from liaison.models import StaffMembership
    from tests.factory import make_staff

    group = make_group()
    for _ in range(3):
        referral(agency, unit, practitioner, group, timezone.localdate())
    assert _made(client_of(executive).get("/dashboard/")) == 3
    other_executive = make_staff(
        other_agency, StaffMembership.Role.EXECUTIVE, email="lee@example.org"
    )
    assert _made(client_of(other_executive).get("/dashboard/")) == 0
    assert _picture_key(agency, _last_12_months()) != _picture_key(other_agency, _last_12_months())


def test_each_reader_gets_links_of_their_own_from_the_kept_figures(
    client_of, agency, executive, liaison
):
    """The liaison may open the list of referrals, the executive only their counts: the kept
    figures do not carry one reader's links to the other."""

    as_executive = _referrals_made(client_of(executive).get("/dashboard/")).link
    assert as_executive.startswith("/dashboard/referrals/")
    kept = picture(agency, _last_12_months())
    assert not any(
        figure.link.startswith("/dashboard/referrals/?")
        for section in kept.sections
        for figure in section.figures
    )


def test_a_kept_picture_the_cache_cannot_give_back_is_counted_again(agency):
    period = _last_12_months()
    cache.set(_picture_key(agency, period), "not a picture", 600)
    made = picture(agency, period)
    assert made.period == period
    assert made.sections


def test_kept_off_counts_every_view(settings, client_of, agency, unit, practitioner, executive):
    settings.DASHBOARD_KEEP_SECONDS = 0
    browser = client_of(executive)
    assert _made(browser.get("/dashboard/")) == 0
    referral(agency, unit, practitioner, make_group(), timezone.localdate())
    response = browser.get("/dashboard/")
    assert _made(response) == 1
    assert "kept for" not in response.content.decode()
