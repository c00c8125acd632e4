"""The filters people ask for: the kind of meeting (any of several), wheelchair access, starting
in the next two hours and today; the chips that say what was chosen and take it away."""

import datetime as dt
import html
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Location
from tests.factory import make_group, make_location, make_meeting

URL = reverse("groups:directory")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def names(response):
    return sorted(group.name for group in response.context["page"].object_list)


def at(monkeypatch, *args):
    """The clock at a local time in New York (the installation's zone)."""
    moment = dt.datetime(*args, tzinfo=NEW_YORK)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


@pytest.fixture
def kinds(db):
    make_meeting(make_group(name="Speakers"), type_codes=["SP"])
    make_meeting(make_group(name="Steps"), type_codes=["ST", "D"])
    make_meeting(make_group(name="Big Book"), type_codes=["B"])
    make_meeting(make_group(name="Newcomers"), type_codes=["BE"])


def test_kinds_of_meeting_are_any_of_those_chosen(client, kinds):
    assert names(client.get(URL, {"type": "SP"})) == ["Speakers"]
    assert names(client.get(URL, {"type": ["SP", "ST"]})) == ["Speakers", "Steps"]
    # "B" (Big Book) is its own code, not the start of "BE".
    assert names(client.get(URL, {"type": "B"})) == ["Big Book"]


def test_an_unknown_kind_gets_an_error_and_no_500(client, kinds):
    response = client.get(URL, {"type": "NOPE"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_type-error"' in body and "NOPE is not one of the available choices" in body


def test_wheelchair_access_is_a_step_free_place_or_a_meeting_marked_accessible(client, db):
    make_meeting(make_group(name="Step free"), location=make_location(step_free=True))
    make_meeting(make_group(name="Marked"), type_codes=["X"])
    make_meeting(make_group(name="Stairs"), location=make_location(step_free=False))
    assert names(client.get(URL, {"wheelchair": "true"})) == ["Marked", "Step free"]


def test_today_and_starting_soon(client, db, monkeypatch):
    at(monkeypatch, 2026, 12, 1, 17, 30)  # a Tuesday, 5:30 pm
    make_meeting(make_group(name="Tuesday 6 pm"), days=(2,), start_time=dt.time(18), end_time=None)
    make_meeting(make_group(name="Tuesday 9 pm"), days=(2,), start_time=dt.time(21), end_time=None)
    make_meeting(make_group(name="Tuesday 8 am"), days=(2,), start_time=dt.time(8), end_time=None)
    make_meeting(
        make_group(name="Wednesday 6 pm"), days=(3,), start_time=dt.time(18), end_time=None
    )
    assert names(client.get(URL, {"when": "today"})) == [
        "Tuesday 6 pm",
        "Tuesday 8 am",
        "Tuesday 9 pm",
    ]
    assert names(client.get(URL, {"when": "soon"})) == ["Tuesday 6 pm"]


def test_starting_soon_runs_past_midnight(client, db, monkeypatch):
    at(monkeypatch, 2026, 12, 1, 23, 15)  # Tuesday night
    make_meeting(make_group(name="Midnight"), days=(3,), start_time=dt.time(0, 30), end_time=None)
    make_meeting(make_group(name="Late"), days=(2,), start_time=dt.time(23, 45), end_time=None)
    make_meeting(make_group(name="Morning"), days=(3,), start_time=dt.time(7), end_time=None)
    assert names(client.get(URL, {"when": "soon"})) == ["Late", "Midnight"]


def test_each_choice_is_a_chip_that_takes_it_away(client, kinds):
    response = client.get(URL, {"type": ["SP", "ST"], "day": "tuesday", "q": "s"})
    chips = {chip["label"]: chip["href"] for chip in response.context["chips"]}
    assert set(chips) == {"Speaker", "Step Study", "Day: Tuesday", "Search: s"}
    assert chips["Speaker"] == "?type=ST&day=tuesday&q=s"
    assert chips["Day: Tuesday"] == "?type=SP&type=ST&q=s"
    body = response.content.decode()
    # Each chip is a link to the search without it, named for what it takes away.
    links = {
        html.unescape(href): " ".join(re.sub(r"<[^>]+>", " ", text).split())
        for href, text in re.findall(
            r'<a class="[^"]*\bchip\b[^"]*" href="([^"]+)">(.*?)</a>', body
        )
    }
    assert links["?type=SP&type=ST&q=s"] == "Remove filter: Day: Tuesday ×"
    assert links["?type=ST&day=tuesday&q=s"] == "Remove filter: Speaker ×"
    assert 'href="#search-form"' in body


def test_a_place_chip_takes_the_radius_away_too(client, db):
    response = client.get(URL, {"near": "12584", "within": "25", "day": "monday"})
    chips = {chip["label"]: chip["href"] for chip in response.context["chips"]}
    assert chips["Within 25 miles of 12584"] == "?day=monday"


def test_without_a_search_there_are_no_chips(client, kinds):
    assert client.get(URL).context["chips"] == []
    assert Location.objects.exists()
