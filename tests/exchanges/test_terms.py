"""Board seats and formal ties as the office reads them: days written as the rest of the site
writes them, a term or an agreement past its date marked expired in words, and a tie to renew
soon marked with the day to renew by."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from exchanges.models import BoardSeat, FormalTie
from tests.factory import make_group

TODAY = timezone.localdate()
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def day(value):
    """A day as the site writes it: "Mar 4, 2026"."""
    return f"{value:%b} {value.day}, {value.year}"


def row(page, text):
    """The table row of `page` that holds `text`."""
    rows = [r for r in re.findall(r"<tr>.*?</tr>", page, flags=re.S) if text in r]
    assert len(rows) == 1, f"one row with {text!r}"
    return rows[0]


def tie(agency, group, status="active", renews_in=None, **kw):
    return FormalTie.objects.create(
        agency=agency,
        kind="referral",
        group=group,
        status=status,
        signed_on=TODAY - dt.timedelta(days=300) if status != "proposed" else None,
        renews_on=None if renews_in is None else TODAY + dt.timedelta(days=renews_in),
        **kw,
    )


# --- what expired means -----


@pytest.mark.parametrize(
    ("ends_in", "expired"), [(-1, True), (0, False), (30, False), (None, False)]
)
def test_a_seat_has_expired_once_its_last_day_is_past(agency, ends_in, expired):
    seat = BoardSeat(
        agency=agency,
        holder_name="Rosa Diaz",
        term_start=TODAY - dt.timedelta(days=400),
        term_end=None if ends_in is None else TODAY + dt.timedelta(days=ends_in),
    )
    assert seat.has_expired(TODAY) is expired


@pytest.mark.parametrize(
    ("status", "renews_in", "expired"),
    [
        ("active", -1, True),
        ("active", 0, False),
        ("active", 30, False),
        ("active", None, False),
        ("ended", -10, False),
        ("proposed", -10, False),
    ],
)
def test_an_active_tie_has_expired_once_its_renewal_date_is_past(
    agency, group, status, renews_in, expired
):
    agreement = FormalTie(
        agency=agency,
        kind="referral",
        group=group,
        status=status,
        renews_on=None if renews_in is None else TODAY + dt.timedelta(days=renews_in),
    )
    assert agreement.has_expired(TODAY) is expired


# --- the board seats page -----


def test_the_board_page_marks_an_ended_term_expired_and_writes_days_as_the_site_does(
    client_of, executive, agency, group
):
    started = TODAY - dt.timedelta(days=800)
    ended = TODAY - dt.timedelta(days=10)
    BoardSeat.objects.create(
        agency=agency, holder_name="Ended Holder", term_start=started, term_end=ended
    )
    BoardSeat.objects.create(
        agency=agency,
        holder_name="Sitting Holder",
        term_start=started,
        term_end=TODAY + dt.timedelta(days=100),
        is_self_help_leader=True,
        group=group,
    )
    BoardSeat.objects.create(agency=agency, holder_name="Open Holder", term_start=started)
    page = client_of(executive).get(reverse("exchanges:board")).content.decode()

    ended_row = row(page, "Ended Holder")
    assert f"{day(started)} – {day(ended)}" in ended_row
    assert '<span class="badge text-bg-secondary">expired</span>' in ended_row
    sitting = row(page, "Sitting Holder")
    assert day(TODAY + dt.timedelta(days=100)) in sitting and "expired" not in sitting
    assert f"since {day(started)}" in row(page, "Open Holder")
    assert "Seats whose term has ended are marked expired." in page
    assert not ISO_DAY.search(page)


# --- the formal ties page -----


def test_the_ties_page_marks_expired_ties_and_those_to_renew_soon(client_of, liaison, agency):
    lapsed = tie(agency, make_group(name="Lapsed Partner"), renews_in=-3)
    soon = tie(agency, make_group(name="Soon Partner"), renews_in=FormalTie.RENEWAL_WARNING_DAYS)
    later = tie(
        agency, make_group(name="Later Partner"), renews_in=FormalTie.RENEWAL_WARNING_DAYS + 1
    )
    ended = tie(agency, make_group(name="Ended Partner"), status="ended", renews_in=-30)
    tie(agency, make_group(name="Undated Partner"), status="proposed")
    page = client_of(liaison).get(reverse("exchanges:ties")).content.decode()

    lapsed_row = row(page, "Lapsed Partner")
    assert f'{day(lapsed.renews_on)} <span class="badge text-bg-danger">expired</span>' in (
        lapsed_row
    )
    assert day(lapsed.signed_on) in lapsed_row
    assert f'<span class="badge text-bg-warning">renew by {day(soon.renews_on)}</span>' in row(
        page, "Soon Partner"
    )
    for partner, agreement in (("Later Partner", later), ("Ended Partner", ended)):
        plain = row(page, partner)
        assert day(agreement.renews_on) in plain
        assert "expired" not in plain and "renew by" not in plain
    assert "badge" not in row(page, "Undated Partner")
    assert f"renew within {FormalTie.RENEWAL_WARNING_DAYS} days" in page
    assert not ISO_DAY.search(page)


def test_the_renew_by_mark_agrees_with_what_the_office_counts_as_due(agency, group):
    """The page marks exactly the ties `renewal_due` counts (the dashboard and the office's
    to-do list use the same window), the expired ones apart."""
    for renews_in in (-1, 0, 1, FormalTie.RENEWAL_WARNING_DAYS, FormalTie.RENEWAL_WARNING_DAYS + 1):
        agreement = FormalTie(
            agency=agency,
            kind="referral",
            group=group,
            status="active",
            renews_on=TODAY + dt.timedelta(days=renews_in),
        )
        marked_to_renew = agreement.renewal_due(TODAY) and not agreement.has_expired(TODAY)
        assert marked_to_renew is (0 <= renews_in <= FormalTie.RENEWAL_WARNING_DAYS)
