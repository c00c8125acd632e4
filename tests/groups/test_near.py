"""Find a meeting near me: a place from what a visitor types or from their browser, meetings
within a distance of it, nearest first; the position never kept."""

import datetime as dt
import logging
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.directory import near
from groups.models import DirectoryUsage, Meeting, SelfHelpGroup
from tests.factory import make_group, make_location, make_meeting

URL = reverse("groups:directory")
# The centre of ZIP code 12584 in the package's data.
VAILS_GATE = near.Point(41.4641, -74.0591)
MILE = 1 / near.MILES_PER_DEGREE  # a mile north, in degrees of latitude


def north(miles, **kw):
    """A place `miles` due north of the centre of 12584."""
    return make_location(
        latitude=round(VAILS_GATE.latitude + miles * MILE, 6),
        longitude=VAILS_GATE.longitude,
        **kw,
    )


def names(response):
    return [group.name for group in response.context["page"].object_list]


# --- from words to a point ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["12584", " 12584-1234 ", "40 Hill Road, Vails Gate, NY 12584", "Vails Gate 12584"],
)
def test_a_zip_code_alone_or_in_an_address_is_its_centre(db, text):
    point = near.find(text)
    assert (point.latitude, point.longitude) == (41.4641, -74.0591)


def test_a_town_with_its_state_is_the_centre_of_its_zip_codes(db):
    point = near.find("newburgh, ny")
    assert abs(point.latitude - 41.5) < 0.1 and abs(point.longitude + 74.03) < 0.1
    assert point.label == "newburgh, NY"


def test_a_town_our_places_are_in_is_the_centre_of_those_places(db):
    make_location(city="Riverside", latitude="41.000000", longitude="-74.000000")
    make_location(city="Riverside", latitude="41.200000", longitude="-74.200000")
    point = near.find("riverside")
    assert (round(point.latitude, 6), round(point.longitude, 6)) == (41.1, -74.1)


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "00000", "Springfield, ZZ", "x" * 5000])
def test_a_place_we_cannot_find_is_none_never_a_guess(db, text):
    assert near.find(text) is None


def test_distances_are_great_circle_miles():
    assert near.distance_miles(VAILS_GATE, VAILS_GATE.latitude, VAILS_GATE.longitude) == 0
    one_degree = near.distance_miles(near.Point(0, 0), 1, 0)
    assert round(one_degree, 1) == 69.1
    # New York City to Albany, about 136 miles as the crow flies.
    assert 130 < near.distance_miles(near.Point(40.7128, -74.0060), 42.6526, -73.7562) < 140


# --- the directory, by distance ------------------------------------------------------------------


@pytest.fixture
def around(db):
    """Groups whose nearest meeting is 0, 3, 9.9, 10.1 and 20 miles north of 12584, and one that
    meets online only."""
    groups = {}
    for name, miles in [("Here", 0), ("Three", 3), ("Almost ten", 9.9), ("Past ten", 10.1)]:
        groups[name] = make_group(name=name)
        make_meeting(groups[name], location=north(miles))
    groups["Twenty"] = make_group(name="Twenty")
    make_meeting(groups["Twenty"], location=north(20))
    # Its nearest place counts: a second meeting farther away changes nothing.
    make_meeting(groups["Three"], location=north(40))
    online = make_group(name="Online only")
    make_meeting(online, mode="online", conference_url="https://meet.example.org/x")
    return groups


def test_nearest_first_within_the_radius_with_the_distance_shown(client, around):
    response = client.get(URL, {"near": "12584", "within": "10"})
    assert names(response) == ["Here", "Three", "Almost ten"]
    body = response.content.decode()
    assert "0.0 miles away" in body and "3.0 miles away" in body and "9.9 miles away" in body
    assert "within 10 miles of 12584, nearest first" in body
    wider = client.get(URL, {"near": "12584", "within": "25"})
    assert names(wider) == ["Here", "Three", "Almost ten", "Past ten", "Twenty"]


def test_ten_miles_is_the_radius_when_none_is_chosen(client, around):
    assert names(client.get(URL, {"near": "12584"})) == ["Here", "Three", "Almost ten"]


def test_at_the_same_distance_the_group_meeting_sooner_comes_first(client, db):
    place = north(1)
    later = make_group(name="A later meeting")
    sooner = make_group(name="B sooner meeting")
    today = dt.date.today()
    make_meeting(later, location=place, days=[(today.isoweekday() + 3) % 7])
    make_meeting(sooner, location=place, days=[(today.isoweekday() + 1) % 7])
    assert names(client.get(URL, {"near": "12584"})) == ["B sooner meeting", "A later meeting"]


def test_the_other_filters_apply_to_the_meeting_that_is_near(client, around):
    # "Three" meets on Tuesdays near here; nothing near meets on Sunday.
    assert names(client.get(URL, {"near": "12584", "day": "sunday"})) == []
    assert "Three" in names(client.get(URL, {"near": "12584", "day": "tuesday"}))


def test_a_place_we_cannot_find_is_said_beside_the_box_and_kept(client, around):
    response = client.get(URL, {"near": "Atlantis", "q": "Here"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "We could not find “Atlantis”" in body
    assert 'id="id_near-error"' in body and 'value="Atlantis"' in body
    # The rest of the search still runs, not by distance.
    assert names(response) == ["Here"]


def test_the_browsers_position_is_used_and_never_kept(client, around, caplog, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    position = {"lat": "41.464", "lon": "-74.059"}
    with caplog.at_level(logging.DEBUG):
        response = client.get(URL, position)
        again = client.get(URL, position)
    assert names(response) == ["Here", "Three", "Almost ten"]
    assert "within 10 miles of your location" in response.content.decode()
    # Not kept in the page cache (even hashed), not in the usage counts, not in any log line.
    assert "X-Page-Cache" not in response and "X-Page-Cache" not in again
    assert "41.464" not in caplog.text and "74.059" not in caplog.text
    assert set(DirectoryUsage.objects.values_list("kind", flat=True)) == {"search"}


def test_a_typed_place_wins_over_an_earlier_position(client, around):
    response = client.get(URL, {"near": "Newburgh, NY", "lat": "0", "lon": "0"})
    assert "within 10 miles of Newburgh, NY" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"lat": "999", "lon": "0"}, {"lat": "nan", "lon": "1e400"}, {"near": "1" * 300}],
)
def test_a_position_out_of_range_gets_an_error_and_no_500(client, around, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()


def test_a_distance_search_has_a_fixed_query_ceiling_with_20_and_150_groups(client, db):
    def add(count):
        start = SelfHelpGroup.objects.count()
        for n in range(count):
            group = make_group(name=f"Near group {start + n:04d}")
            make_meeting(group, location=north((start + n) % 9))

    def queries():
        client.get(URL, {"near": "12584"})
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"near": "12584", "page": "2"}).status_code == 200
        return len(ctx)

    add(20)
    few = queries()
    add(130)
    assert queries() == few <= 16
    assert Meeting.objects.count() == 150


# --- HSDS: postcode and proximity -----------------------------------------------------------------

SERVICE_AT_LOCATIONS = "/api/hsds/service_at_locations"


def _services_near(client, **params):
    response = client.get(SERVICE_AT_LOCATIONS, {"per_page": 200, **params})
    assert response.status_code == 200, response.content
    return sorted(
        item["location"]["addresses"][0]["postal_code"] + ":" + item["location"]["name"]
        for item in response.json()["contents"]
    )


def test_hsds_postcode_alone_is_the_places_with_that_postcode(client, db):
    make_meeting(make_group(name="At 12584"), location=north(0, postal_code="12584", name="A"))
    make_meeting(make_group(name="At 12550"), location=north(5, postal_code="12550", name="B"))
    assert _services_near(client, postcode="12584") == ["12584:A"]


def test_hsds_proximity_is_meters_from_the_postcodes_centre(client, db):
    make_meeting(make_group(name="Near"), location=north(0, postal_code="12584", name="A"))
    make_meeting(make_group(name="Five"), location=north(5, postal_code="12550", name="B"))
    make_meeting(make_group(name="Far"), location=north(30, postal_code="12401", name="C"))
    assert _services_near(client, postcode="12584", proximity="1000") == ["12584:A"]
    assert _services_near(client, postcode="12584", proximity="10000") == ["12550:B", "12584:A"]
    assert len(_services_near(client, postcode="12584", proximity="100000")) == 3


@pytest.mark.parametrize(
    "params, message",
    [
        ({"proximity": "1000"}, "measured from a “postcode”"),
        ({"postcode": "12584", "proximity": "far"}, "a distance in meters"),
        ({"postcode": "12584", "proximity": "-1"}, "a distance in meters"),
        ({"postcode": "12584", "proximity": "nan"}, "a distance in meters"),
        ({"postcode": "SW1A 1AA", "proximity": "1000"}, "No centre is known"),
    ],
)
def test_hsds_proximity_it_cannot_answer_is_a_400_that_says_why(client, db, params, message):
    response = client.get(SERVICE_AT_LOCATIONS, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_access_log_leaves_out_query_strings():
    config = runpy.run_path(str(Path(django_settings.BASE_DIR) / "gunicorn.conf.py"))
    log_format = config["access_log_format"]
    assert "%(U)s" in log_format
    assert "%(r)s" not in log_format and "%(q)s" not in log_format


def test_every_directory_filter_is_a_group_a_meeting_or_a_distance_filter():
    # A distance search skips the group query when no group filter is chosen: a new filter must
    # say which kind it is, or a search near a place would ignore it.
    from groups.directory.filters import GROUP_FILTERS, MEETING_FILTERS, GroupFilter

    distance = {"near", "within", "lat", "lon"}
    assert set(GroupFilter.base_filters) == set(GROUP_FILTERS) | set(MEETING_FILTERS) | distance


def test_a_group_filter_narrows_a_distance_search(client, around):
    assert names(client.get(URL, {"near": "12584", "q": "Three"})) == ["Three"]
    around["Here"].status = SelfHelpGroup.Status.INACTIVE
    around["Here"].save()
    assert "Here" not in names(client.get(URL, {"near": "12584"}))


# --- the map beside the list ---------------------------------------------------------------------


def _map(response):
    return response.context["map_places"], response.context["map_cut"]


def test_the_map_has_each_in_person_place_with_the_groups_that_meet_there(client, around):
    places, cut = _map(client.get(URL, {"near": "12584", "within": "10"}))
    assert not cut
    by_name = {place["groups"][0]["name"]: place for place in places}
    assert set(by_name) == {"Here", "Three", "Almost ten"}
    assert by_name["Here"]["groups"] == [
        {"name": "Here", "url": "/groups/" + around["Here"].slug + "/"}
    ]
    body = client.get(URL).content.decode()
    assert 'id="map-places"' in body and "vendor/leaflet/leaflet.js" in body
    # The whole directory: every place with a position, the online-only group on none.
    everything, _ = _map(client.get(URL))
    assert not any(g["name"] == "Online only" for p in everything for g in p["groups"])


def test_a_place_without_a_position_is_not_on_the_map(client, db):
    make_meeting(make_group(name="Unplaced"), location=make_location())
    places, _ = _map(client.get(URL))
    assert places == []
    assert 'id="map-places"' not in client.get(URL).content.decode()


def test_the_map_says_when_it_shows_some_places_only(client, around, monkeypatch):
    from groups.directory import map as directory_map

    monkeypatch.setattr(directory_map, "LIMIT", 2)
    response = client.get(URL, {"near": "12584", "within": "50"})
    places, cut = _map(response)
    assert cut and sum(len(p["groups"]) for p in places) == 2
    assert "The map shows some of the places only" in response.content.decode()


@pytest.mark.parametrize(
    "url, origin",
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        ("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png", ["https://tiles.example.org:8443"]),
        ("http://localhost:8080/{z}/{x}/{y}.png", ["http://localhost:8080"]),
        ("", []),
    ],
)
def test_the_content_security_policy_allows_exactly_the_tile_host(url, origin):
    from liaison.env import map_tile_origin

    assert map_tile_origin(url) == origin


@pytest.mark.parametrize("url", ["http://tiles.example.org/{z}.png", "javascript:alert(1)", "/x"])
def test_a_tile_server_that_is_not_https_is_refused_at_start(url):
    from django.core.exceptions import ImproperlyConfigured

    from liaison.env import map_tile_origin

    with pytest.raises(ImproperlyConfigured):
        map_tile_origin(url)


def test_the_running_policy_names_the_configured_tile_host(client, db):
    policy = client.get(URL)["Content-Security-Policy"]
    img = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert img.split()[1:] == ["'self'", "data:", *django_settings.MAP_TILE_ORIGINS]


def test_the_map_and_the_printed_list_follow_the_search_beside_the_distance(client, around):
    search = {"near": "12584", "q": "Three"}
    places, _ = _map(client.get(URL, search))
    assert {g["name"] for p in places for g in p["groups"]} == {"Three"}
    printed = client.get(reverse("groups:print"), search)
    assert {m.group.name for day in printed.context["days"] for m in day["meetings"]} == {"Three"}


def test_a_search_that_finds_too_many_groups_for_one_map_maps_the_page_shown(
    client, around, monkeypatch
):
    """Past `ALL_GROUPS_UP_TO` groups found, the map shows the places of the page's groups and
    says so; up to it, every group found."""
    from groups.directory import map as directory_map

    everything, _ = _map(client.get(URL))
    assert len({g["name"] for p in everything for g in p["groups"]}) >= 3
    monkeypatch.setattr(directory_map, "ALL_GROUPS_UP_TO", 1)
    monkeypatch.setattr("groups.directory.views.PAGE_SIZE", 2)
    response = client.get(URL)
    places, cut = _map(response)
    on_page = [group.name for group in response.context["page"].object_list]
    assert {g["name"] for p in places for g in p["groups"]} <= set(on_page)
    assert places and not cut
    assert "meetings of this page" in response.content.decode()
