"""Imports are faithful to the files intergroups publish: each pattern found in real Meeting Guide
feeds and 12 Step Meeting List tables has a small file here. Nothing is guessed (no schedule from
notes, no "open", no city, no country), nothing is cut short, and whatever is mapped, ignored or
kept as given is said in the preview, by line."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from groups.imports import importer as importers
from groups.models import ImportBatch, Location, Meeting, SelfHelpGroup
from tests.groups.test_importers import csv_file, json_file, mg, tsml_row


def plan_of(data, fmt="mg-json"):
    result = importers.plan(data, fmt, "Intergroup")
    assert not result.problems, [str(p) for p in result.problems]
    return result


def notes_of(result):
    return [str(note) for note in result.notes]


def imported(*records):
    importers.apply(json_file(*records), "mg-json", "Intergroup")


def feed(client):
    return {m["slug"]: m for m in client.get(reverse("meetings_json")).json()}


# --- type codes ----------------------------------------------------------------------------------


def test_codes_outside_the_official_list_are_kept_noted_and_published_again(db, client):
    data = json_file(mg(types=["O", "AC", "LGBTQIA", "", "ONL", "D"]))
    notes = notes_of(plan_of(data))
    assert any("“AC” is not an official Meeting Guide type" in n for n in notes), notes
    assert any("“LGBTQIA” is not an official" in n for n in notes)
    assert any("An empty type was ignored" in n for n in notes)
    assert any("ONL (online) is not kept as a type" in n for n in notes)
    importers.apply(data, "mg-json", "Intergroup")
    meeting = Meeting.objects.get(slug="monday-night")
    assert meeting.type_codes == ["D"]
    assert meeting.source_types == ["AC", "LGBTQIA"]
    assert {"O", "D", "AC", "LGBTQIA"} <= set(feed(client)["monday-night"]["types"])


def test_the_tsml_table_with_its_own_labels_and_onl_is_read_whole(db):
    data = csv_file(
        tsml_row(Types="Open, Step Meeting, Online Meeting, Dogs Welcome"),
        tsml_row(Slug="b", Types="Closed, Big Book"),
    )
    result = plan_of(data, "mg-csv")
    assert result.meetings["create"] == 2
    importers.apply(data, "mg-csv", "Intergroup")
    meeting = Meeting.objects.get(slug="tuesday-womens-step-study")
    assert meeting.type_codes == ["ST"]
    assert meeting.source_types == ["Dogs Welcome"]


def test_tc_with_a_link_means_the_place_is_closed_and_the_meeting_goes_on_online(db, client):
    data = json_file(mg(types=["O", "TC"], conference_url="https://zoom.us/j/1"))
    assert any("the meeting goes on online" in n for n in notes_of(plan_of(data)))
    importers.apply(data, "mg-json", "Intergroup")
    meeting = Meeting.objects.get(slug="monday-night")
    assert (meeting.mode, meeting.status) == ("online", "active")
    assert meeting.location is not None  # kept for when it reopens
    published = feed(client)["monday-night"]
    assert "TC" in published["types"] and published["conference_url"] == "https://zoom.us/j/1"
    assert published["formatted_address"] == "1 Main Street, Riverside, NY 12580, US"


def test_tc_without_a_link_pauses_the_meeting_and_says_so(db):
    data = json_file(mg(types=["O", "TC"]))
    assert any("imported as paused" in n for n in notes_of(plan_of(data)))
    importers.apply(data, "mg-json", "Intergroup")
    assert Meeting.objects.get(slug="monday-night").status == "paused"


def test_neither_open_nor_closed_is_not_made_open(db, client):
    data = json_file(mg(types=["D"]))
    assert any("neither open (O) nor closed (C)" in n for n in notes_of(plan_of(data)))
    importers.apply(data, "mg-json", "Intergroup")
    assert Meeting.objects.get().access == "unstated"
    types = feed(client)["monday-night"]["types"]
    assert "O" not in types and "C" not in types
    page = client.get(SelfHelpGroup.objects.get().get_absolute_url()).content.decode()
    assert "does not say whether this meeting is open" in page


# --- schedules -----------------------------------------------------------------------------------


def test_a_monthly_phrase_in_the_notes_is_pointed_out_never_applied(db):
    notes = "Speaker meeting on the last Friday of the month. Potluck after."
    data = json_file(mg(day=1, notes=notes))
    found = notes_of(plan_of(data))
    assert any("“last Friday of the month”" in n and "every week" in n for n in found), found
    importers.apply(data, "mg-json", "Intergroup")
    meeting = Meeting.objects.get()
    assert (meeting.recurrence, meeting.days, meeting.notes) == ("weekly", [1], notes)


@pytest.mark.parametrize(("start", "end"), [("23:00", "00:00"), ("23:30", "00:30")])
def test_a_meeting_that_ends_after_midnight_is_taken(db, start, end):
    imported(mg(time=start, end_time=end))
    meeting = Meeting.objects.get()
    assert (meeting.start_time.strftime("%H:%M"), meeting.end_time.strftime("%H:%M")) == (
        start,
        end,
    )


def test_an_end_hours_before_the_start_is_still_a_slip(db):
    result = importers.plan(json_file(mg(time="19:00", end_time="18:00")), "mg-json", "I")
    assert any("ends before it starts" in str(p) for p in result.problems)


# --- nothing cut short ---------------------------------------------------------------------------


def test_a_name_too_long_is_refused_with_its_length_not_cut(db):
    result = importers.plan(json_file(mg(name="N" * 250)), "mg-json", "I")
    assert any(
        "name: This is 250 characters long; it may be 200 at most" in str(p)
        for p in result.problems
    ), [str(p) for p in result.problems]


def test_a_one_tap_dial_string_is_kept_whole(db):
    dial = "+16465588656,,84321234567#,,,,*123456# (New York), +13126266799,,84321234567#"
    imported(mg(conference_phone=dial))
    assert Meeting.objects.get().conference_phone == dial


def test_both_online_notes_are_kept_when_they_differ(db):
    imported(
        mg(
            conference_url="https://zoom.us/j/1",
            conference_url_notes="Passcode 123",
            conference_phone="+1 555 0100",
            conference_phone_notes="Press # twice",
        )
    )
    assert Meeting.objects.get().conference_notes == "Passcode 123 / Press # twice"


def test_keys_and_columns_not_kept_are_named(db):
    data = json_file(mg(region="Downtown", district="District 4", venmo="@group"))
    notes = notes_of(plan_of(data))
    assert any(n.endswith("venmo: Not kept: Liaison has no field for these yet.") for n in notes)
    # The TSML row's other unread columns are empty: nothing to name.
    assert not any("Not kept" in n for n in notes_of(plan_of(csv_file(tsml_row()), "mg-csv")))


def test_regions_and_district_are_kept_as_given_and_published_again(db, client):
    regions = ["California", "San Jose", "Downtown"]
    imported(mg(region="Downtown", sub_region="East", regions=regions, district="District 4"))
    meeting = Meeting.objects.get()
    assert meeting.source_fields == {
        "region": "Downtown",
        "sub_region": "East",
        "regions": regions,
        "district": "District 4",
    }
    published = client.get(reverse("meetings_json")).json()[0]
    assert (published["region"], published["regions"], published["district"]) == (
        "Downtown",
        regions,
        "District 4",
    )
    # A region of another shape is refused with its line, never cut or flattened.
    problems = importers.plan(json_file(mg(regions="Downtown")), "mg-json", "Intergroup").problems
    assert [p.message for p in problems] == ["Regions must be a list of names."]


# --- addresses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formatted", "expected"),
    [
        (
            "214 Church Street, Riverside, NY 12580, USA",
            ("214 Church Street", "Riverside", "NY", "12580", "US"),
        ),
        (
            "123 Queen St W, Toronto, ON M5H 2M9, Canada",
            ("123 Queen St W", "Toronto", "ON", "M5H 2M9", "CA"),
        ),
    ],
)
def test_a_whole_address_is_split_when_its_shape_is_sure(db, formatted, expected):
    imported(mg(formatted_address=formatted))
    place = Location.objects.get()
    assert (place.street, place.city, place.state, place.postal_code, place.country) == expected


def test_an_address_that_cannot_be_split_is_kept_whole_and_no_city_is_made_up(db, client):
    whole = "Calle 5 de Mayo 20, Centro, Oaxaca de Juárez, Oax., Mexico"
    data = json_file(mg(formatted_address=whole))
    assert any("kept whole, as given" in n for n in notes_of(plan_of(data)))
    importers.apply(data, "mg-json", "Intergroup")
    place = Location.objects.get()
    assert (place.city, place.street, place.address_as_given) == ("", "", whole)
    assert place.formatted_address == whole
    assert "—" not in feed(client)["monday-night"].get("city", "")


@pytest.mark.parametrize(
    ("country", "code"), [("Mexico", "MX"), ("United Kingdom", "GB"), ("CA", "CA"), ("USA", "US")]
)
def test_a_country_is_read_by_name_or_code(db, country, code):
    imported(mg(formatted_address="", address="1 Main St", city="Town", country=country))
    assert Location.objects.get().country == code


def test_an_unknown_country_is_refused_and_a_missing_one_is_not_invented(db):
    result = importers.plan(
        json_file(mg(formatted_address="", address="1 Main St", city="Town", country="Atlantis")),
        "mg-json",
        "I",
    )
    assert any("“Atlantis” is not a country we know" in str(p) for p in result.problems)
    imported(mg(formatted_address="", address="1 Main St", city="Town"))
    assert Location.objects.get().country == ""


def test_an_approximate_address_of_an_online_meeting_is_no_place(db):
    data = json_file(
        mg(formatted_address="Springfield, MA", approximate="yes", conference_url="https://x.org/1")
    )
    assert any("approximate address" in n for n in notes_of(plan_of(data)))
    importers.apply(data, "mg-json", "Intergroup")
    meeting = Meeting.objects.get()
    assert (meeting.mode, meeting.location) == ("online", None)


def test_places_of_one_name_in_two_states_stay_two_places(db):
    imported(
        mg(slug="a", location="First Church", formatted_address="1 Main St, Springfield, MA 01103"),
        mg(slug="b", location="First Church", formatted_address="1 Main St, Springfield, IL 62701"),
    )
    assert sorted(Location.objects.values_list("state", flat=True)) == ["IL", "MA"]


def test_a_moved_pin_on_reimport_moves_the_place(db):
    imported(mg(latitude=41.7, longitude=-73.9))
    imported(mg(latitude=41.71, longitude=-73.91))
    place = Location.objects.get()
    assert (float(place.latitude), float(place.longitude)) == (41.71, -73.91)


# --- groups --------------------------------------------------------------------------------------


def test_meetings_of_one_name_at_different_places_are_different_groups(db):
    imported(
        mg(slug="a", name="Big Book Study", formatted_address="1 Main St, Riverside, NY 12580"),
        mg(slug="b", name="Big Book Study", formatted_address="9 Oak Ave, Hilltop, NY 12581"),
        mg(
            slug="c", name="Big Book Study", formatted_address="9 Oak Ave, Hilltop, NY 12581", day=3
        ),
    )
    assert SelfHelpGroup.objects.count() == 2


def test_a_later_row_that_gives_the_group_another_email_is_noted(db):
    data = json_file(
        mg(slug="a", group="Hope Group", email="first@example.org"),
        mg(slug="b", group="Hope Group", email="second@example.org"),
    )
    assert any("“second@example.org” differs from line 2" in n for n in notes_of(plan_of(data))), (
        notes_of(plan_of(data))
    )


def test_an_imported_group_is_not_checked_until_someone_checks_it(db, liaison):
    records = [mg(slug="a", group="Dated", updated="2025-03-04 05:06:07"), mg(slug="b")]
    notes = importers.plan(json_file(*records), "mg-json", "Intergroup").notes
    # `updated` is when the source changed a meeting, not a check: said once, at the top.
    assert (notes[0].line, notes[0].column) == (0, "updated")
    assert "A change is not a check" in notes[0].message
    assert sum(note.column == "updated" for note in notes) == 1
    importers.apply(json_file(*records), "mg-json", "Intergroup", by=liaison)
    groups = SelfHelpGroup.objects.all()
    assert [(g.verified_at, g.verified_by) for g in groups] == [(None, None), (None, None)]


def test_imported_groups_are_due_to_be_checked_in_the_listings_queue(client_of, liaison):
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    imported(mg(slug="a", group="Just Changed", updated=today))
    queue = client_of(liaison).get(reverse("groups_office:listings"))
    due = [group.name for group in queue.context["due"]]
    assert due == ["Just Changed"]
    assert "never checked" in queue.content.decode()


def test_a_later_change_date_leaves_the_check_of_the_office_as_it_was(db, liaison):
    imported(mg(slug="a", group="Dated", updated="2025-03-04 05:06:07"))
    group = SelfHelpGroup.objects.get()
    checked = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    SelfHelpGroup.objects.filter(pk=group.pk).update(verified_at=checked, verified_by=liaison)
    imported(mg(slug="a", group="Dated", updated="2026-01-01 00:00:00", notes="New notes."))
    group.refresh_from_db()
    assert (group.verified_at, group.verified_by) == (checked, liaison)


# --- the preview and re-imports -------------------------------------------------------------------


def test_reimporting_a_file_full_of_notes_changes_nothing(db):
    records = [
        mg(slug="a", types=["AC", "TC"], conference_url="https://zoom.us/j/1"),
        mg(slug="b", formatted_address="Somewhere far, Atlantis Road"),
        mg(slug="c", time="23:30", end_time="00:30", types=["D"]),
    ]
    imported(*records)
    again = importers.plan(json_file(*records), "mg-json", "Intergroup")
    assert again.meetings == {"create": 0, "update": 0, "same": 3, "end": 0}, again.changes
    assert again.groups["create"] == 0


def test_the_preview_lists_every_note_by_line(client_of, liaison):
    batch = ImportBatch.objects.create(
        agency=liaison.agency,
        source="Intergroup",
        format="mg-json",
        filename="feed.json",
        content=json.dumps([mg(types=["AC"])]).encode(),
    )
    page = client_of(liaison).get(reverse("groups_office:import_preview", args=[batch.pk]))
    text = page.content.decode()
    assert "How the file was read" in text
    assert "is not an official Meeting Guide type" in text
    assert "neither open (O) nor closed (C)" in text


def test_a_meeting_gone_from_the_source_is_a_reviewable_end_never_a_silent_keep(client_of, liaison):
    imported(mg(slug="a"), mg(slug="b", day=3))
    data = json_file(mg(slug="a"))
    preview = importers.plan(data, "mg-json", "Intergroup")
    assert preview.meetings["end"] == 1
    assert any(
        action == "end" and "b (no longer in the file)" in label
        for _line, label, action, _f in preview.changes
    )
    assert Meeting.objects.get(slug="b").status == "active"  # nothing happens before review
    batch = ImportBatch.objects.create(
        agency=liaison.agency,
        source="Intergroup",
        format="mg-json",
        filename="f.json",
        content=data,
    )
    page = client_of(liaison).get(reverse("groups_office:import_preview", args=[batch.pk]))
    assert "no longer in the file" in page.content.decode()
    importers.apply(data, "mg-json", "Intergroup")
    gone = Meeting.objects.get(slug="b")
    assert gone.status == "ended"
    assert gone.group.changes.filter(object_id=gone.pk, action="changed").exists()
    again = importers.plan(data, "mg-json", "Intergroup")
    assert again.meetings == {"create": 0, "update": 0, "same": 1, "end": 0}


def test_an_email_the_listing_cannot_store_is_a_problem_at_preview(db):
    result = importers.plan(json_file(mg(email="not an email")), "mg-json", "I")
    assert any("“not an email” is not an email address" in str(p) for p in result.problems)


def test_a_sheet_row_id_keeps_a_meeting_the_same_when_its_time_changes(db):
    header = "ID,Name,Day,Time,Location,Address,City,State,Types"
    first = "17,Noon Group,Monday,12:00 PM,Library,1 Main St,Riverside,NY,Open"
    importers.apply(csv_file(first, header=header), "mg-csv", "Sheet")
    moved = first.replace("12:00 PM", "12:30 PM")
    result = importers.plan(csv_file(moved, header=header), "mg-csv", "Sheet")
    assert (result.meetings["create"], result.meetings["update"]) == (0, 1)


def test_a_slug_that_is_no_web_address_part_passes_preview_and_apply_alike(db):
    data = json_file(mg(slug="Noon Group / Main St"))
    assert not importers.plan(data, "mg-json", "I").problems
    importers.apply(data, "mg-json", "I")
    meeting = Meeting.objects.get()
    assert (meeting.slug, meeting.import_key) == ("noon-group-main-st", "Noon Group / Main St")
    assert importers.plan(data, "mg-json", "I").meetings["same"] == 1


# The 12 Step Meeting List's own CSV template, in shape: whole addresses without a City column,
# its own type labels, contacts and payment columns, "Updated" without a space, a short line.
TSML_TEMPLATE = (
    b'"Time","End Time","Day","Name","Location","Address","Region","Sub Region","Types","Notes",'
    b'"Location Notes","Timezone","Group","District","Website","Mailing Address","Venmo","Email",'
    b'"Phone","Contact 1 Name","Conference URL","Conference Phone","Slug","Updated"\n'
    b'"6:00 PM",,"Monday","After Work","Hall","2634 Union Ave, San Jose, CA 95124, USA","San Jose",'
    b'"West","Open, Wheelchair Access",,,"America/Los_Angeles","Nite Live",,"https://nite.example.org"'
    b',"2634 Union Ave","@venmo",,"(800) 555-1212",,,,"after-work","2020-04-0416:50:58"\n'
    b'"7:30 PM",,"Friday","Traditions","Center","938 The Alameda, San Jose, CA 95126, USA",'
    b'"San Jose",,"Gay, Lesbian, Open, Step Meeting, Tradition Study, Transgender",,,'
    b'"America/Los_Angeles",,,,,,,,,,,"traditions","2016-09-10 05:15:00"\n'
    b'"7:00 PM",,"Sunday","Underground","Church","15040 Union Ave, San Jose, CA 95124, USA",'
    b'"San Jose",,"Big Book, Men, Online Meeting, Open, Temporary Closure",,,"America/Los_Angeles",'
    b',,,,,,,,"https://zoom.us/j/9","(800) 555-1212","underground","2020-04-04 16:50:04"\n'
)


def test_the_tsml_template_is_read_whole_and_every_liberty_is_said(db, client):
    result = plan_of(TSML_TEMPLATE, "mg-csv")
    notes = notes_of(result)
    assert result.meetings["create"] == 3
    assert any("Mailing Address, Venmo: Not kept" in n for n in notes), notes
    importers.apply(TSML_TEMPLATE, "mg-csv", "Intergroup")
    first = Meeting.objects.get(slug="after-work")
    place = first.location
    assert (place.street, place.city, place.state, place.postal_code, place.country) == (
        "2634 Union Ave",
        "San Jose",
        "CA",
        "95124",
        "US",
    )
    # Its `Updated` column says when the meetings changed: no group is marked as checked.
    assert first.group.verified_at is None
    # Transgender (T) describes the group: an audience tag, published again as T.
    assert Meeting.objects.get(slug="traditions").type_codes == ["G", "L", "ST", "TR"]
    assert {"G", "L", "ST", "TR", "T", "O"} <= set(feed(client)["traditions"]["types"])
    closed_for_now = Meeting.objects.get(slug="underground")
    assert (closed_for_now.mode, closed_for_now.status) == ("online", "active")
    assert "TC" in feed(client)["underground"]["types"]


def test_a_header_without_time_names_the_columns_it_does_not_know(db):
    data = TSML_TEMPLATE.replace(b'"Time"', b'":q"', 1)
    [problem] = importers.plan(data, "mg-csv", "I").problems
    assert str(problem).startswith(
        "line 1, Time: The header row has no “Time” column. Columns it does not know: :q"
    )


def test_a_line_with_more_or_fewer_cells_than_the_header_is_noted(db):
    data = csv_file(tsml_row(), tsml_row(Slug="b") + ",extra")
    assert any(
        "This line has" in n and "check that its values" in n
        for n in notes_of(plan_of(data, "mg-csv"))
    )


def test_a_meeting_by_appointment_lists_its_group_and_is_named_not_refused(db):
    data = json_file(
        mg(slug="a"),
        {
            "slug": "appt",
            "name": "Call for a Meeting",
            "day": None,
            "time": "",
            "phone": "555 0101",
        },
    )
    result = plan_of(data)
    assert any("meets by appointment (no day or time)" in n for n in notes_of(result))
    importers.apply(data, "mg-json", "Intergroup")
    group = SelfHelpGroup.objects.get(name="Call for a Meeting")
    assert (group.meetings.count(), group.public_phone) == (0, "555 0101")
    assert Meeting.objects.count() == 1


def test_our_feed_gives_a_dial_in_number_a_phone_can_dial(db, client):
    imported(mg(conference_url="https://zoom.us/j/1", conference_phone="+1 (646) 558-8656,,84321#"))
    assert feed(client)["monday-night"]["conference_phone"] == "+16465588656,,84321#"
    assert Meeting.objects.get().conference_phone == "+1 (646) 558-8656,,84321#"  # kept as given
