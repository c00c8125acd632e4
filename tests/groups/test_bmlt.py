"""BMLT's semantic JSON, as NA areas publish it: meetings read with their weekday (1 = Sunday),
duration, venue type and formats; formats mapped only through their world ids, the rest kept."""

import json

from groups.imports import importer as importers
from groups.models import Meeting


def bmlt(**overrides):
    meeting = {
        "id_bigint": "1201",
        "service_body_bigint": "7",
        "meeting_name": "Just for Today",
        "weekday_tinyint": "3",
        "venue_type": "1",
        "start_time": "23:30:00",
        "duration_time": "01:00:00",
        "time_zone": "America/New_York",
        "formats": "O,BT,WC",
        "location_text": "Grace Church",
        "location_street": "12 Elm Street",
        "location_municipality": "Riverside",
        "location_province": "NY",
        "location_postal_code_1": "12580",
        "location_nation": "USA",
        "location_info": "Basement",
        "latitude": "41.7",
        "longitude": "-73.9",
        "virtual_meeting_link": "",
        "phone_meeting_number": "",
        "virtual_meeting_additional_info": "",
        "comments": "",
        "published": "1",
    }
    meeting.update(overrides)
    return meeting


FORMATS = [
    {"key_string": "O", "name_string": "Open", "world_id": "OPEN"},
    {"key_string": "BT", "name_string": "Basic Text", "world_id": "BT"},
    {"key_string": "WC", "name_string": "Wheelchair", "world_id": "WCHR"},
]


def test_a_search_result_with_its_formats_is_read_whole(db):
    data = json.dumps({"meetings": [bmlt()], "formats": FORMATS}).encode()
    result = importers.plan(data, "bmlt", "NA Area")
    assert not result.problems, [str(p) for p in result.problems]
    notes = [str(note) for note in result.notes]
    assert any("“WC” (world id WCHR) read as X" in n for n in notes), notes
    assert any("“BT” has no Meeting Guide type" in n for n in notes)
    importers.apply(data, "bmlt", "NA Area")
    meeting = Meeting.objects.get()
    assert meeting.days == [2]  # BMLT's 3 is Tuesday
    assert (meeting.start_time.isoformat(), meeting.end_time.isoformat()) == (
        "23:30:00",
        "00:30:00",
    )
    assert (meeting.access, meeting.type_codes, meeting.source_types) == ("open", ["X"], ["BT"])
    place = meeting.location
    assert (place.name, place.street, place.city, place.country) == (
        "Grace Church",
        "12 Elm Street",
        "Riverside",
        "US",
    )
    assert meeting.location_notes == "Basement"


def test_without_world_ids_formats_are_kept_as_given_and_open_is_not_guessed(db):
    result = importers.plan(json.dumps([bmlt()]).encode(), "bmlt", "NA Area")
    assert not result.problems
    importers.apply(json.dumps([bmlt()]).encode(), "bmlt", "NA Area")
    meeting = Meeting.objects.get()
    assert meeting.access == "unstated"
    assert meeting.source_types == ["O", "BT", "WC"]


def test_virtual_hybrid_and_temporarily_virtual_meetings(db):
    link = "https://zoom.us/j/5"
    data = json.dumps(
        [
            bmlt(id_bigint="1", venue_type="2", virtual_meeting_link=link),
            bmlt(id_bigint="2", venue_type="3", virtual_meeting_link=link),
            bmlt(id_bigint="3", venue_type="4", phone_meeting_number="+1 555 0100,,123#"),
        ]
    ).encode()
    importers.apply(data, "bmlt", "NA Area")
    modes = dict(Meeting.objects.values_list("import_key", "mode"))
    assert modes == {"bmlt-7-1": "online", "bmlt-7-2": "hybrid", "bmlt-7-3": "online"}
    closed_for_now = Meeting.objects.get(import_key="bmlt-7-3")
    assert closed_for_now.location is not None and "TC" in closed_for_now.source_types
    assert Meeting.objects.get(import_key="bmlt-7-1").location is None


def test_bad_meetings_are_named_and_nothing_is_written(db):
    data = json.dumps(
        [bmlt(), bmlt(id_bigint="9", weekday_tinyint="8", duration_time="30:00:00")]
    ).encode()
    found = [str(p) for p in importers.plan(data, "bmlt", "NA Area").problems]
    assert any("weekday_tinyint: “8” is not a day" in p for p in found), found
    assert any("duration_time: A meeting of 30:00 hours cannot be listed" in p for p in found)
    assert not Meeting.objects.exists()


def test_reimporting_changes_nothing_and_a_dropped_meeting_is_an_end(db):
    both = json.dumps([bmlt(), bmlt(id_bigint="1202", weekday_tinyint="5")]).encode()
    importers.apply(both, "bmlt", "NA Area")
    again = importers.plan(both, "bmlt", "NA Area")
    assert again.meetings == {"create": 0, "update": 0, "same": 2, "end": 0}
    one = json.dumps([bmlt()]).encode()
    assert importers.plan(one, "bmlt", "NA Area").meetings["end"] == 1


def test_a_monthly_phrase_in_the_comments_is_pointed_out_never_applied(db):
    data = json.dumps([bmlt(comments="Speaker on the last Friday of the month.")]).encode()
    notes = [str(note) for note in importers.plan(data, "bmlt", "NA Area").notes]
    assert any("“last Friday of the month”" in note for note in notes), notes
    importers.apply(data, "bmlt", "NA Area")
    assert (Meeting.objects.get().recurrence, Meeting.objects.get().days) == ("weekly", [2])
