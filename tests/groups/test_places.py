"""Meeting places that groups keep: a leader lists a new place or changes theirs from the meeting
form; a place another group meets at (or one from an imported list) is copied, never changed
under the other group; a US ZIP code gives an approximate position, a hand-set one is kept."""

import pytest
from django.urls import reverse

from groups.listing.places import locate
from groups.models import ListingChange, Location, Meeting
from tests.factory import make_group, make_location, make_meeting


def meeting_data(**overrides):
    data = {
        "recurrence": "weekly",
        "days": ["2"],
        "start_time": "19:00",
        "end_time": "20:00",
        "timezone": "America/New_York",
        "mode": "in_person",
        "access": "open",
        "status": "active",
        "type_codes": ["D"],
        "location": "",
    }
    data.update(overrides)
    return data


PLACE = {
    "place-name": "Grace Lutheran Church, Room 4",
    "place-street": "40 Hill Road",
    "place-city": "Vails Gate",
    "place-state": "NY",
    "place-postal_code": "12584",
    "place-country": "US",
    "place-step_free": "on",
    "place-hearing_loop": "on",
    "place-accessibility": "A ramp at the side door.",
    "place-directions": "Use the lower entrance.",
}


def place_data(meeting, **overrides):
    """The meeting form as it comes back from its page: the meeting and its place as they are,
    then what the editor changed."""
    place = meeting.location
    data = meeting_data(location=str(place.pk), version=str(meeting.version))
    data.update(
        {
            f"place-{name}": value
            for name, value in {
                "name": place.name,
                "street": place.street,
                "city": place.city,
                "state": place.state,
                "postal_code": place.postal_code,
                "country": place.country,
            }.items()
        }
    )
    data.update(overrides)
    return data


@pytest.fixture
def leader_client(client_of, leader):
    return client_of(leader)


def add(client, group, data):
    return client.post(reverse("groups:meeting_add", args=[group.slug]), data)


def edit(client, meeting, data):
    return client.post(reverse("groups:meeting_edit", args=[meeting.group.slug, meeting.pk]), data)


def test_a_leader_lists_a_new_place_and_the_public_page_shows_it(leader_client, group, client):
    response = add(leader_client, group, {**meeting_data(), **PLACE})
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(group=group)
    place = meeting.location
    assert (place.name, place.street, place.city, place.postal_code) == (
        "Grace Lutheran Church, Room 4",
        "40 Hill Road",
        "Vails Gate",
        "12584",
    )
    assert place.step_free and place.hearing_loop and not place.parking
    # The centre of its ZIP code, marked approximate.
    assert (str(place.latitude), str(place.longitude)) == ("41.464100", "-74.059100")
    assert place.coordinates_source == Location.Coordinates.POSTAL_CODE
    client.logout()
    body = client.get(group.get_absolute_url()).content.decode()
    assert "Grace Lutheran Church, Room 4" in body and "40 Hill Road" in body
    # On the directory's map and in its list.
    directory = client.get(reverse("groups:directory"), {"near": "12584"})
    assert [p["name"] for p in directory.context["map_places"]] == ["Grace Lutheran Church, Room 4"]
    assert [g.name for g in directory.context["page"].object_list] == [group.name]
    assert "step-free entrance" in body and "hearing loop" in body


def test_a_place_only_this_group_meets_at_is_changed_and_the_history_says_so(leader_client, group):
    place = make_location(name="Old Hall", street="1 Elm Street", city="Vails Gate")
    first = make_meeting(group, location=place)
    second = make_meeting(group, location=place, days=(4,))
    places = Location.objects.count()
    response = edit(leader_client, first, place_data(first, **{"place-street": "2 Elm Street"}))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.street == "2 Elm Street"
    assert Location.objects.count() == places
    second.refresh_from_db()
    assert second.location_id == place.pk
    logged = ListingChange.objects.filter(group=group, object_type="meeting")
    assert {change.object_id for change in logged} >= {first.pk, second.pk}
    assert any(
        change.fields.get("place: street") == ["1 Elm Street", "2 Elm Street"] for change in logged
    )


def test_a_place_another_group_meets_at_is_copied_not_changed(leader_client, group):
    shared = make_location(name="Shared Hall", street="1 Elm Street", city="Vails Gate")
    ours = make_meeting(group, location=shared)
    also_ours = make_meeting(group, location=shared, days=(4,))
    theirs = make_meeting(make_group(name="Their Group"), location=shared)
    response = edit(leader_client, ours, place_data(ours, **{"place-name": "Shared Hall, Room 2"}))
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Shared Hall"
    theirs.refresh_from_db()
    assert theirs.location_id == shared.pk
    ours.refresh_from_db()
    also_ours.refresh_from_db()
    assert ours.location.name == "Shared Hall, Room 2"
    assert ours.location_id == also_ours.location_id != shared.pk


def test_a_place_from_an_imported_list_is_copied_so_the_next_import_keeps_its_own(
    leader_client, group
):
    imported = make_location(name="Imported Hall", import_source="Intergroup", import_key="k")
    meeting = make_meeting(group, location=imported)
    edit(leader_client, meeting, place_data(meeting, **{"place-directions": "Back door"}))
    imported.refresh_from_db()
    assert imported.directions == ""
    meeting.refresh_from_db()
    assert meeting.location.directions == "Back door"
    assert meeting.location.import_source == ""


def test_a_place_chosen_from_the_list_wins_over_the_fields(leader_client, group):
    here, there = make_location(name="Here"), make_location(name="There")
    meeting = make_meeting(group, location=here)
    data = place_data(meeting, location=str(there.pk), **{"place-name": "Typed"})
    assert edit(leader_client, meeting, data).status_code == 302
    meeting.refresh_from_db()
    here.refresh_from_db()
    assert meeting.location_id == there.pk and here.name == "Here"
    assert not Location.objects.filter(name="Typed").exists()


def test_a_place_missing_its_town_gets_an_error_beside_it_and_keeps_what_was_typed(
    leader_client, group
):
    response = add(leader_client, group, {**meeting_data(), **PLACE, "place-city": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_place-city"' in body or "id_place-city_error" in body
    assert "Please fill this in to list the place." in body
    assert 'value="40 Hill Road"' in body
    assert not Location.objects.filter(street="40 Hill Road").exists()
    assert not Meeting.objects.exists()


def test_a_meeting_that_does_not_save_leaves_no_new_place_behind(leader_client, group):
    response = add(leader_client, group, {**meeting_data(days=[]), **PLACE})
    assert response.status_code == 200
    assert not Location.objects.filter(street="40 Hill Road").exists()
    assert 'value="Grace Lutheran Church, Room 4"' in response.content.decode()


def test_an_online_meeting_lists_no_place(leader_client, group):
    data = {**meeting_data(mode="online", conference_url="https://meet.example.org/x"), **PLACE}
    assert add(leader_client, group, data).status_code == 302
    assert Meeting.objects.get(group=group).location is None
    assert not Location.objects.filter(street="40 Hill Road").exists()


def test_a_position_set_by_hand_is_never_replaced_by_a_zip_codes_centre(db):
    place = Location(
        name="Hall",
        postal_code="12584",
        latitude="41.500000",
        longitude="-74.100000",
        coordinates_source=Location.Coordinates.MANUAL,
    )
    locate(place)
    assert (place.latitude, place.longitude) == ("41.500000", "-74.100000")


def test_a_new_zip_code_moves_an_approximate_position_and_an_unknown_one_clears_it(db):
    place = Location(name="Hall", postal_code="12584")
    locate(place)
    assert place.coordinates_source == Location.Coordinates.POSTAL_CODE
    place.postal_code = "12550"
    locate(place)
    assert (str(place.latitude), str(place.longitude)) != ("41.464100", "-74.059100")
    place.postal_code = "00000"
    locate(place)
    assert place.latitude is None and place.coordinates_source == ""


def test_a_zip_codes_centre_is_not_published_as_the_places_position(client, db):
    group = make_group()
    place = Location(name="Hall", street="1 Elm Street", city="Vails Gate", postal_code="12584")
    locate(place)
    place.step_free = True
    place.save()
    make_meeting(group, location=place)
    record = client.get(reverse("meetings_json")).json()[0]
    assert "latitude" not in record and record["formatted_address"].startswith("1 Elm Street")
    service = client.get(f"/api/hsds/services/{group.uuid}").json()
    (location,) = [sal["location"] for sal in service["service_at_locations"]]
    assert "latitude" not in location
    assert location["accessibility"][0]["description"].startswith("Step-free entrance")


def test_a_pin_moved_by_hand_is_kept_and_an_address_change_does_not_move_it(leader_client, group):
    place = make_location(name="Hall", street="1 Elm Street", city="Vails Gate", postal_code="")
    meeting = make_meeting(group, location=place)
    data = place_data(
        meeting,
        **{
            "place-latitude": "41.470000",
            "place-longitude": "-74.050000",
            "place-pin_moved": "True",
        },
    )
    assert edit(leader_client, meeting, data).status_code == 302
    place.refresh_from_db()
    assert (str(place.latitude), str(place.longitude)) == ("41.470000", "-74.050000")
    assert place.coordinates_source == Location.Coordinates.MANUAL
    assert ListingChange.objects.filter(fields__has_key="place: position").exists()
    # A new ZIP code later: the pin stays where it was put.
    meeting.refresh_from_db()
    again = place_data(meeting, **{"place-postal_code": "12550"})
    assert edit(leader_client, meeting, again).status_code == 302
    place.refresh_from_db()
    assert (str(place.latitude), place.postal_code) == ("41.470000", "12550")


def test_a_pin_not_moved_changes_nothing(leader_client, group):
    place = make_location(name="Hall", latitude="41.100000", longitude="-74.100000")
    meeting = make_meeting(group, location=place)
    data = place_data(meeting, **{"place-latitude": "1.000000", "place-longitude": "1.000000"})
    assert edit(leader_client, meeting, data).status_code == 302
    place.refresh_from_db()
    assert str(place.latitude) == "41.100000"
    assert not any(
        label.startswith("place:")
        for change in ListingChange.objects.filter(group=group)
        for label in change.fields
    )


def test_a_pin_out_of_range_gets_an_error_and_saves_nothing(leader_client, group):
    place = make_location(name="Hall")
    meeting = make_meeting(group, location=place)
    data = place_data(
        meeting, **{"place-latitude": "123", "place-longitude": "0", "place-pin_moved": "True"}
    )
    response = edit(leader_client, meeting, data)
    assert response.status_code == 200
    assert "less than or equal to 90" in response.content.decode()
    place.refresh_from_db()
    assert place.latitude is None
