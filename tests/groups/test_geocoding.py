"""The optional geocoder: a place's position from its whole address, in the background, once a
second at most, each answer kept a month; never over a pin placed by hand."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from groups import geocoding
from groups.models import Location, Meeting
from tests.factory import make_location, make_meeting
from tests.groups.test_places import PLACE, meeting_data

ASKED = []


def fake_geocoder(address):
    ASKED.append(address)
    return None if "Nowhere" in address else (41.123456, -74.654321)


@pytest.fixture(autouse=True)
def geocoder(settings):
    settings.GEOCODER = "tests.groups.test_geocoding.fake_geocoder"
    ASKED.clear()
    cache.clear()


def test_a_new_place_is_found_from_its_address_after_the_save(
    client_of, leader, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(leader).post(
            reverse("groups:meeting_add", args=[group.slug]), {**meeting_data(), **PLACE}
        )
    assert response.status_code == 302
    place = Meeting.objects.get(group=group).location
    assert (str(place.latitude), str(place.longitude)) == ("41.123456", "-74.654321")
    assert place.coordinates_source == Location.Coordinates.GEOCODER
    assert ASKED == ["40 Hill Road, Vails Gate, NY 12584, US"]


def test_answers_are_kept_and_a_miss_is_kept_too(db):
    assert geocoding.geocode("1 Main St, Riverside") == (41.123456, -74.654321)
    cache.delete(geocoding.SLOT_KEY)
    assert geocoding.geocode("1 main st, riverside") == (41.123456, -74.654321)
    cache.delete(geocoding.SLOT_KEY)
    assert geocoding.geocode("Nowhere at all") is None
    assert geocoding.geocode("Nowhere at all") is None  # from the cache: no second second taken
    assert ASKED == ["1 Main St, Riverside", "Nowhere at all"]


def test_the_geocoder_is_asked_once_a_second_at_most(db):
    geocoding.geocode("1 Main St, Riverside")
    with pytest.raises(geocoding.Busy):
        geocoding.geocode("2 Main St, Riverside")


def test_a_pin_placed_by_hand_is_never_replaced(db):
    place = make_location(street="1 Elm Street", latitude="41.5", longitude="-74.1")
    assert place.coordinates_source == Location.Coordinates.MANUAL
    assert geocoding.place_geocode.call(place.pk) == {"skipped": True}
    place.refresh_from_db()
    assert str(place.latitude) == "41.500000"
    assert ASKED == []


def test_without_a_geocoder_nothing_is_asked(db, settings):
    settings.GEOCODER = ""
    place = make_location(street="1 Elm Street")
    assert not geocoding.needs_geocoding(place)
    assert geocoding.place_geocode.call(place.pk) == {"skipped": True}


def test_a_place_found_before_is_found_again_when_its_address_changes(
    client_of, leader, group, django_capture_on_commit_callbacks
):
    place = make_location(street="1 Elm Street", city="Vails Gate")
    Location.objects.filter(pk=place.pk).update(
        latitude="40.000000", longitude="-70.000000", coordinates_source="geocoder"
    )
    meeting = make_meeting(group, location=place)
    data = {
        **meeting_data(),
        "location": str(place.pk),
        "version": str(meeting.version),
        "place-name": place.name,
        "place-street": "2 Elm Street",
        "place-city": "Vails Gate",
        "place-country": "US",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client_of(leader).post(reverse("groups:meeting_edit", args=[group.slug, meeting.pk]), data)
    place.refresh_from_db()
    assert (str(place.latitude), place.coordinates_source) == ("41.123456", "geocoder")
    assert ASKED == ["2 Elm Street, Vails Gate, US"]
