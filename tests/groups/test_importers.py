"""Imports: every bad row reported by line and column, nothing written unless everything is
right, the 12 Step Meeting List table, HSDS services, re-imports that change nothing, and
fields edited since an import kept."""

import datetime as dt
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from groups.imports import formats, reading
from groups.imports import importer as importers
from groups.listing.changes import listing_save
from groups.models import ImportBatch, ListingChange, Meeting, SelfHelpGroup

TSML_HEADER = (
    "Time,End Time,Day,Name,Location,Address,City,State,Postal Code,Country,Region,Sub Region,"
    "Types,Notes,Location Notes,Timezone,Group,Group Notes,Website,Website 2,Email,Phone,"
    "Conference URL,Conference URL Notes,Conference Phone,Conference Phone Notes,Slug,Updated"
)


def tsml_row(**overrides):
    row = {
        "Time": "6:00 PM",
        "End Time": "7:00 PM",
        "Day": "Tuesday",
        "Name": "Tuesday Women's Step Study",
        "Location": "St. Mark's Church",
        "Address": "214 Church Street",
        "City": "Riverside",
        "State": "NY",
        "Postal Code": "12580",
        "Country": "US",
        "Region": "Riverside",
        "Sub Region": "",
        "Types": "Open, Women, Step Study, Wheelchair Access",
        "Notes": "Side door.",
        "Location Notes": "Parish hall",
        "Timezone": "America/New_York",
        "Group": "Riverside Women's Group",
        "Group Notes": "Women of all ages.",
        "Website": "",
        "Website 2": "",
        "Email": "",
        "Phone": "",
        "Conference URL": "",
        "Conference URL Notes": "",
        "Conference Phone": "",
        "Conference Phone Notes": "",
        "Slug": "tuesday-womens-step-study",
        "Updated": "2026-10-01 12:00:00",
    }
    row.update(overrides)
    return ",".join(_csv_cell(row[name]) for name in TSML_HEADER.split(","))


def _csv_cell(value):
    return f'"{value}"' if ("," in value or '"' in value) else value


def csv_file(*rows, header=TSML_HEADER):
    return ("\n".join([header, *rows]) + "\n").encode()


def mg(**overrides):
    record = {
        "slug": "monday-night",
        "name": "Monday Night Group",
        "day": 1,
        "time": "19:00",
        "end_time": "20:00",
        "types": ["O", "D"],
        "location": "Library",
        "formatted_address": "1 Main Street, Riverside, NY 12580, US",
        "timezone": "America/New_York",
    }
    record.update(overrides)
    return record


def json_file(*records):
    return json.dumps(list(records), indent=2).encode()


def problems_of(data, fmt):
    result = importers.plan(data, fmt, "Test")
    return [str(problem) for problem in result.problems]


# --- the 12 Step Meeting List table -----------------------------------------------------------


def test_it_imports_the_12_step_meeting_list_table(db):
    data = csv_file(
        tsml_row(),
        tsml_row(
            Slug="thursday-online",
            Day="Thursday",
            Time="7:30 PM",
            **{"End Time": ""},
            Name="Thursday Online",
            Location="",
            Address="",
            City="",
            Types="Closed, Speaker",
            **{"Conference URL": "https://zoom.us/j/123", "Conference Phone": "+1 555 0100"},
        ),
    )
    result = importers.apply(data, "mg-csv", "Riverside Intergroup")
    assert (result.groups["create"], result.meetings["create"]) == (1, 2)
    group = SelfHelpGroup.objects.get(import_source="Riverside Intergroup")
    assert group.name == "Riverside Women's Group"
    assert group.description == "Women of all ages."
    assert list(group.audience.values_list("slug", flat=True)) == []  # only one meeting is W
    study = Meeting.objects.get(slug="tuesday-womens-step-study")
    assert (study.days, study.start_time, study.end_time) == ([2], dt.time(18), dt.time(19))
    assert study.access == "open" and study.mode == "in_person"
    assert set(study.type_codes) == {"W", "ST", "X"}
    assert study.location.name == "St. Mark's Church" and study.location.city == "Riverside"
    online = Meeting.objects.get(slug="thursday-online")
    assert (online.mode, online.access, online.start_time) == ("online", "closed", dt.time(19, 30))
    assert online.conference_phone == "+1 555 0100"


def test_reimporting_the_same_file_changes_nothing(db):
    data = csv_file(tsml_row())
    importers.apply(data, "mg-csv", "Riverside Intergroup")
    logs = ListingChange.objects.count()
    stamps = list(Meeting.objects.values_list("updated_at", "group__updated_at"))
    again = importers.apply(data, "mg-csv", "Riverside Intergroup")
    assert (again.groups, again.meetings) == (
        {"create": 0, "update": 0, "same": 1},
        {"create": 0, "update": 0, "same": 1, "end": 0},
    )
    assert Meeting.objects.count() == 1
    assert ListingChange.objects.count() == logs
    # Nothing was touched, so the feed's ETag stays the same.
    assert list(Meeting.objects.values_list("updated_at", "group__updated_at")) == stamps


def test_a_changed_row_updates_the_meeting_and_is_in_the_history(db):
    importers.apply(csv_file(tsml_row()), "mg-csv", "Riverside Intergroup")
    result = importers.apply(csv_file(tsml_row(Time="6:30 PM")), "mg-csv", "Riverside Intergroup")
    assert result.meetings["update"] == 1
    assert Meeting.objects.get().start_time == dt.time(18, 30)
    change = ListingChange.objects.filter(source="import", action="changed").get()
    assert change.fields["start time"] == ["18:00", "18:30"]


def test_a_field_edited_since_the_import_is_kept_and_reported(db):
    importers.apply(csv_file(tsml_row()), "mg-csv", "Riverside Intergroup")
    meeting = Meeting.objects.get()
    listing_save(
        meeting,
        values={"location_notes": "Room 2 now"},
        expected_version=None,
        by=None,
        source="leader",
    )
    changed_file = csv_file(tsml_row(**{"Location Notes": "Basement", "Time": "6:15 PM"}))
    preview = importers.plan(changed_file, "mg-csv", "Riverside Intergroup")
    assert [(k[2], k[3], k[4]) for k in preview.kept] == [
        ("location_notes", "Room 2 now", "Basement")
    ]
    importers.apply(changed_file, "mg-csv", "Riverside Intergroup")
    meeting.refresh_from_db()
    assert (meeting.location_notes, meeting.start_time) == ("Room 2 now", dt.time(18, 15))


# --- bad input: each problem precise, with its line; the bad row last; nothing written ----------


GOOD = tsml_row()


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        (tsml_row(Slug="b", Day="Funday"), "line 3, Day: “Funday” is not a day of the week."),
        (tsml_row(Slug="b", Time="25:00"), "line 3, Time: “25:00” is not a time of day"),
        (
            tsml_row(Slug="b", Time="13:00 PM"),
            "line 3, Time: “13:00 PM” is not a time on a 12-hour",
        ),
        (tsml_row(), "line 3, slug: “tuesday-womens-step-study” is used already on line 2"),
        (
            tsml_row(Slug="b", **{"End Time": "5:00 PM"}),
            "line 3, End Time: The meeting ends before it starts",
        ),
        (
            tsml_row(Slug="b", Timezone="Mars/Olympus"),
            "line 3, Timezone: “Mars/Olympus” is not a known time zone.",
        ),
        (tsml_row(Slug="b", Name=""), "line 3, Name: The name is missing."),
        (
            tsml_row(Slug="b", Location="", Address="", City=""),
            "line 3, Location: The meeting has neither an address nor an online link or phone.",
        ),
        (
            tsml_row(Slug="b", **{"Conference URL": "zoom dot us"}),
            "line 3, Conference URL: “zoom dot us” is not a web address.",
        ),
    ],
)
def test_a_bad_csv_row_is_reported_by_line_and_nothing_is_written(db, bad_row, expected):
    data = csv_file(GOOD, bad_row)
    found = problems_of(data, "mg-csv")
    assert any(problem.startswith(expected) for problem in found), found
    with pytest.raises(importers.ImportFailed):
        importers.apply(data, "mg-csv", "Test")
    assert not Meeting.objects.exists()
    assert not SelfHelpGroup.objects.filter(import_source="Test").exists()


def test_a_missing_header_is_named(db):
    header = TSML_HEADER.replace("Time,", "Start,", 1)
    assert problems_of(csv_file(GOOD, header=header), "mg-csv") == [
        "line 1, Time: The header row has no “Time” column. Columns it does not know: Start, "
        "Website 2."
    ]


def test_a_file_that_is_not_utf8_is_refused_with_its_line(db):
    data = csv_file(GOOD) + "Tuesday,Caf\u00e9 meeting\n".encode("latin-1")
    assert problems_of(data, "mg-csv") == [
        "line 3: The file is not UTF-8 text (a byte at this line cannot be read). Save it again "
        "as “CSV UTF-8” or as UTF-8 JSON."
    ]


def test_a_file_over_the_size_limit_is_refused_before_reading(db, monkeypatch):
    data = b"[" + b" " * (importers.MAX_BYTES + 10) + b"]"
    assert "the largest file accepted is 5 MB" in problems_of(data, "mg-json")[0]


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([mg(), mg(slug="b", day=7)], "line 16 (item 2), day: 7 is out of range"),
        ([mg(), mg(slug="b", day=-1)], "line 16 (item 2), day: “-1” is not a day number"),
        ([mg(), mg(slug="b", time="25:00")], "line 16 (item 2), time: “25:00” is not a time"),
        (
            [mg(), mg(slug="b", types="O")],
            'line 16 (item 2), types: types must be a list of codes such as ["O"].',
        ),
        ([mg(), mg()], "line 16 (item 2), slug: “monday-night” is used already on line 2"),
        ([mg(), "not a meeting"], "line 16 (item 2): Each meeting must be a JSON object"),
    ],
)
def test_a_bad_json_record_is_reported_by_line_and_nothing_is_written(db, records, expected):
    data = json_file(*records)
    found = problems_of(data, "mg-json")
    assert any(problem.startswith(expected) for problem in found), found
    with pytest.raises(importers.ImportFailed):
        importers.apply(data, "mg-json", "Test")
    assert not Meeting.objects.exists()


def test_json_that_is_not_an_array_is_refused(db):
    assert problems_of(b'{"slug": "x"}', "mg-json") == [
        "line 1: The file must be a JSON array ([ ... ]) of meetings."
    ]
    assert problems_of(b'[{"slug": "x",\n "name": }]', "mg-json")[0].startswith(
        "line 2: This is not valid JSON"
    )


# --- HSDS -------------------------------------------------------------------------------------


def hsds_service(**overrides):
    service = {
        "id": "8b8d8a0e-7c51-4b5e-9d3c-2f1e0a9b7c61",
        "name": "Cedar Falls Grief Support",
        "description": "For anyone grieving.",
        "status": "active",
        "email": "grief@example.org",
        "phones": [{"id": "p1", "number": "555-0150"}],
        "languages": [{"id": "l1", "code": "es", "name": "Spanish"}],
        "service_at_locations": [
            {
                "id": "sal1",
                "location_id": "loc1",
                "location": {
                    "id": "loc1",
                    "name": "Cedar Falls Library",
                    "latitude": 41.9,
                    "longitude": -73.8,
                    "addresses": [
                        {
                            "address_1": "5 Elm Street",
                            "city": "Cedar Falls",
                            "state_province": "NY",
                            "postal_code": "12581",
                            "country": "US",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": "s1",
                "freq": "MONTHLY",
                "byday": "2TU",
                "opens_at": "18:30",
                "closes_at": "20:00",
                "location_id": "loc1",
            },
            {
                "id": "s2",
                "freq": "WEEKLY",
                "byday": "MO,TH",
                "opens_at": "12:00",
                "attending_type": "online",
                "schedule_link": "https://meet.example.org/grief",
            },
        ],
    }
    service.update(overrides)
    return service


def test_it_imports_hsds_services_with_their_schedules(db):
    data = json.dumps({"contents": [hsds_service()]}).encode()
    importers.apply(data, "hsds", "County 211")
    group = SelfHelpGroup.objects.get(import_source="County 211")
    assert (group.name, group.public_email, group.public_phone) == (
        "Cedar Falls Grief Support",
        "grief@example.org",
        "555-0150",
    )
    monthly, weekly = group.meetings.order_by("start_time").reverse()
    assert (monthly.recurrence, monthly.month_week, monthly.days) == ("monthly", 2, [2])
    assert monthly.location.city == "Cedar Falls"
    assert (weekly.mode, weekly.days, weekly.conference_url) == (
        "online",
        [1, 4],
        "https://meet.example.org/grief",
    )
    assert list(weekly.languages.values_list("code", flat=True)) == ["es"]
    again = importers.plan(data, "hsds", "County 211")
    assert again.meetings == {"create": 0, "update": 0, "same": 2, "end": 0}


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ({"id": "s3", "freq": "DAILY", "byday": "MO", "opens_at": "10:00"}, "is not WEEKLY"),
        ({"id": "s3", "freq": "WEEKLY", "byday": "XX", "opens_at": "10:00"}, "not a day code"),
        ({"id": "s3", "freq": "MONTHLY", "byday": "TU", "opens_at": "10:00"}, "needs one day"),
        ({"id": "s3", "freq": "WEEKLY", "byday": "TU", "opens_at": "25:00"}, "not a time"),
    ],
)
def test_a_bad_hsds_schedule_is_reported_and_nothing_written(db, schedule, expected):
    good = hsds_service()
    bad = hsds_service(id="second", name="Second", schedules=[schedule])
    data = json.dumps([good, bad], indent=1).encode()
    found = problems_of(data, "hsds")
    assert any(expected in problem for problem in found), found
    assert any(problem.startswith("line ") for problem in found)
    with pytest.raises(importers.ImportFailed):
        importers.apply(data, "hsds", "County 211")
    assert not SelfHelpGroup.objects.filter(import_source="County 211").exists()


# --- the pages and the command ------------------------------------------------------------------


def test_staff_upload_preview_and_apply_on_the_office_pages(client_of, liaison):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_of(liaison)
    upload = SimpleUploadedFile("list.csv", csv_file(GOOD), content_type="text/csv")
    response = client.post(
        reverse("groups_office:imports"),
        {"file": upload, "format": "mg-csv", "source": "Riverside Intergroup"},
    )
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("groups_office:import_preview", args=[batch.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "Apply the import" in preview
    assert not Meeting.objects.exists()
    applied = client.post(reverse("groups_office:import_apply", args=[batch.pk]))
    assert applied["Location"] == reverse("groups_office:import_preview", args=[batch.pk])
    assert Meeting.objects.count() == 1
    progress = client.get(reverse("groups_office:import_progress", args=[batch.pk])).json()
    assert progress == {
        "state": "done",
        "done": 1,
        "total": 1,
        "error": "",
        "imported": "1 new group, 0 updated; 1 new meeting, 0 updated, 0 ended",
    }
    assert "Imported: 1 new group" in client.get(applied["Location"]).content.decode()


def test_a_preview_with_problems_shows_them_and_offers_no_apply(client_of, liaison):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_of(liaison)
    upload = SimpleUploadedFile("list.csv", csv_file(GOOD, tsml_row(Slug="b", Day="Funday")))
    response = client.post(
        reverse("groups_office:imports"),
        {"file": upload, "format": "mg-csv", "source": "X"},
        follow=True,
    )
    body = response.content.decode()
    assert "“Funday” is not a day of the week." in body
    assert "Apply the import" not in body
    batch = ImportBatch.objects.get()
    client.post(reverse("groups_office:import_apply", args=[batch.pk]))
    assert not Meeting.objects.exists()


def test_the_upload_form_keeps_the_source_when_the_file_is_missing(client_of, liaison):
    response = client_of(liaison).post(
        reverse("groups_office:imports"), {"format": "mg-csv", "source": "Riverside Intergroup"}
    )
    body = response.content.decode()
    assert "This field is required" in body
    assert 'value="Riverside Intergroup"' in body


def test_the_command_previews_then_applies(db, tmp_path, capsys):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_file(GOOD))
    call_command("import_meetings", str(path), format="mg-csv", source="Intergroup")
    assert "meetings: 1 new" in capsys.readouterr().out
    assert not Meeting.objects.exists()
    call_command("import_meetings", str(path), format="mg-csv", source="Intergroup", apply=True)
    assert Meeting.objects.count() == 1
    path.write_bytes(csv_file(GOOD, tsml_row(Slug="b", Time="25:00")))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_meetings", str(path), format="mg-csv", source="Intergroup")
    assert "line 3, Time" in capsys.readouterr().out


def test_the_csv_export_opens_in_a_spreadsheet_and_imports_back(client_of, liaison):
    importers.apply(csv_file(GOOD), "mg-csv", "Intergroup")
    response = client_of(liaison).get(reverse("meetings_csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Slug,Name,Day,Time,End Time")
    assert "Tuesday,6:00 PM,7:00 PM" in text
    Meeting.objects.all().delete()
    SelfHelpGroup.objects.all().delete()
    importers.apply(text.encode(), "mg-csv", "Export")
    meeting = Meeting.objects.get()
    assert (meeting.slug, meeting.start_time, set(meeting.type_codes)) == (
        "tuesday-womens-step-study",
        dt.time(18),
        {"ST", "X"},
    )
    # Every meeting of the group is for women, so the group is.
    assert list(meeting.group.audience.values_list("slug", flat=True)) == ["women"]


def test_an_upload_over_the_size_limit_gets_an_error_beside_the_field(client_of, liaison):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("big.json", b"[" + b" " * (50 * 1024 * 1024) + b"]")
    response = client_of(liaison).post(
        reverse("groups_office:imports"), {"file": big, "format": "mg-json", "source": "Big"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The file is 50 MB; the largest file accepted is 5 MB." in body
    assert 'value="Big"' in body
    assert not ImportBatch.objects.exists()


# --- speed: reading is linear, a batch is planned once ------------------------------------------


class _CountingText(str):
    """Text that counts the characters its `count()` scans: the line numbers of a file's items
    must cost one pass over the file, not one pass per item."""

    scanned = 0

    def count(self, sub, start=0, end=None):
        end = len(self) if end is None else end
        _CountingText.scanned += max(0, end - start)
        return super().count(sub, start, end)


def test_reading_a_json_file_scans_it_once_whatever_its_length():
    records = [mg(slug=f"m{n}") for n in range(2000)]
    text = _CountingText(json.dumps(records, indent=2))
    _CountingText.scanned = 0
    elements, problems = reading.json_elements(text)
    assert (len(elements), problems) == (2000, [])
    assert [line for line, _ in elements[:3]] == [2, 16, 30]
    assert _CountingText.scanned <= len(text)


def test_a_batch_is_planned_once_however_often_it_is_previewed(client_of, liaison, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    planned = []
    real_plan = importers.plan
    monkeypatch.setattr(
        importers, "plan", lambda *a, **kw: planned.append(1) or real_plan(*a, **kw)
    )
    client = client_of(liaison)
    upload = SimpleUploadedFile("list.csv", csv_file(GOOD), content_type="text/csv")
    response = client.post(
        reverse("groups_office:imports"), {"file": upload, "format": "mg-csv", "source": "Once"}
    )
    batch = ImportBatch.objects.get()
    for _ in range(3):
        assert "Apply the import" in client.get(response["Location"]).content.decode()
    client.get(reverse("groups_office:import_progress", args=[batch.pk]))
    applied = client.post(reverse("groups_office:import_apply", args=[batch.pk]))
    assert applied.status_code == 302
    assert Meeting.objects.count() == 1
    assert "What the import did" in client.get(response["Location"]).content.decode()
    assert len(planned) == 1
    batch.refresh_from_db()
    assert batch.summary["meetings"] == {"create": 1, "update": 0, "same": 0, "end": 0}


def test_applying_a_file_plans_again_the_other_files_from_the_same_source(client_of, liaison):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_of(liaison)
    for name in ("first.csv", "second.csv"):
        client.post(
            reverse("groups_office:imports"),
            {"file": SimpleUploadedFile(name, csv_file(GOOD)), "format": "mg-csv", "source": "S"},
        )
    first, second = ImportBatch.objects.order_by("pk")
    assert second.plan["meetings"] == {"create": 1, "update": 0, "same": 0, "end": 0}
    client.post(reverse("groups_office:import_apply", args=[first.pk]))
    preview = client.get(reverse("groups_office:import_preview", args=[second.pk]))
    assert preview.context["plan"]["meetings"] == {"create": 0, "update": 0, "same": 1, "end": 0}


def test_the_upload_limit_is_said_beside_the_field(client_of, liaison):
    response = client_of(liaison).get(reverse("groups_office:imports"))
    assert f"at most {importers.MAX_BYTES // 1024 // 1024} MB" in response.content.decode()
    assert importers.MAX_BYTES == 5 * 1024 * 1024


def test_each_import_format_is_a_choice_of_the_upload_and_reads_a_file(client_of, liaison):
    response = client_of(liaison).get(reverse("groups_office:imports"))
    page = response.content.decode()
    assert [code for code, _ in ImportBatch._meta.get_field("format").choices] == formats.CODES
    for fmt in formats.FORMATS:
        assert f'<option value="{fmt.code}">{fmt.label}</option>' in page
        rows, _problems = fmt.read("[]")  # the reader named by its path is found, and reads
        assert rows == []


# --- what an applied import did: one set of numbers ----------------------------------------------


def _upload(client, name, data, source="Riverside Intergroup"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("groups_office:imports"),
        {"file": SimpleUploadedFile(name, data), "format": "mg-csv", "source": source},
    )
    return ImportBatch.objects.latest("pk")


def _summary_table(page):
    """{"Groups": [new, updated, unchanged, ended], "Meetings": [...]} as the page shows them."""
    table = re.search(r'<section aria-labelledby="summary-title">.*?</table>', page, re.S).group(0)
    rows = re.findall(r'<th scope="row">(\w+)</th>(.*?)</tr>', table, re.S)
    return {name: re.findall(r'<td class="text-end">([^<]*)</td>', cells) for name, cells in rows}


def test_the_message_the_table_and_the_progress_say_what_the_import_did(client_of, liaison):
    client = client_of(liaison)
    three = csv_file(
        GOOD,
        tsml_row(Slug="x", Name="X", Group="X Group"),
        tsml_row(Slug="y", Name="Y", Group="Y Group"),
    )
    client.post(reverse("groups_office:import_apply", args=[_upload(client, "a.csv", three).pk]))
    # The next file moves a meeting, adds one and drops two.
    second = _upload(
        client,
        "b.csv",
        csv_file(
            tsml_row(Time="6:15 PM"),
            tsml_row(Slug="z", Name="Z", Group="Z Group"),
        ),
    )
    assert second.plan["meetings"] == {"create": 1, "update": 1, "same": 0, "end": 2}
    # Between the preview and the apply, a leader changes the time the file moves: applying keeps
    # the leader's time, so the import updates one meeting fewer than its preview said.
    meeting = Meeting.objects.get(slug="tuesday-womens-step-study")
    listing_save(
        meeting,
        values={"start_time": dt.time(18, 30)},
        expected_version=None,
        by=None,
        source="leader",
    )
    applied = client.post(reverse("groups_office:import_apply", args=[second.pk]), follow=True)
    page = applied.content.decode()
    second.refresh_from_db()
    done = {"create": 1, "update": 0, "same": 1, "end": 2}
    assert second.summary["meetings"] == second.plan["meetings"] == done
    assert (
        second.summary["groups"] == second.plan["groups"] == {"create": 1, "update": 0, "same": 1}
    )
    message = re.search(r'id="import-done">Imported: (.*?)\.</div>', page).group(1)
    assert message == "1 new group, 0 updated; 1 new meeting, 0 updated, 2 ended"
    assert _summary_table(page) == {
        "Groups": ["1", "0", "1", "—"],
        "Meetings": ["1", "0", "1", "2"],
    }
    assert "2 meetings from this source were no longer in the file" in page
    assert "1 field edited since the last import kept their current value" in page
    progress = client.get(reverse("groups_office:import_progress", args=[second.pk])).json()
    assert progress["imported"] == message
    # The rows listed are those the import changed: no update of the meeting the leader moved.
    actions = [action for _line, _what, action, _fields in second.plan["changes"]]
    assert sorted(actions) == ["create", "create", "end", "end"]
    assert Meeting.objects.get(slug="tuesday-womens-step-study").start_time == dt.time(18, 30)
    assert Meeting.objects.filter(status="ended").count() == 2


def test_the_preview_and_the_apply_count_a_meeting_that_loses_its_place_alike(db):
    # Closed for now and meeting online, its place kept; then the file drops the place alone.
    closed = {"group": "Hope", "types": ["TC"], "conference_url": "https://zoom.us/j/1"}
    importers.apply(json_file(mg(**closed)), "mg-json", "Intergroup")
    placeless = json_file(mg(**closed, formatted_address="", location=""))
    planned = importers.plan(placeless, "mg-json", "Intergroup")
    done = importers.apply(placeless, "mg-json", "Intergroup")
    assert planned.meetings == done.meetings == {"create": 0, "update": 1, "same": 0, "end": 0}
    assert planned.changes == done.changes
    assert list(planned.changes[0][3]) == ["location"]
    assert Meeting.objects.get().location is None


def test_the_command_says_what_it_imported(db, tmp_path, capsys):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_file(GOOD))
    call_command("import_meetings", str(path), "--format", "mg-csv", "--source", "S", "--apply")
    out = capsys.readouterr().out
    assert "Imported: 1 new group, 0 updated; 1 new meeting, 0 updated, 0 ended." in out


# --- what the office gives the new groups ---------------------------------------------------------


def _organization(slug):
    from groups.models import Organization

    return Organization.objects.get(slug=slug)


def _focus(*slugs):
    from groups.models import FocusArea

    return list(FocusArea.objects.filter(slug__in=slugs).order_by("pk"))


def test_the_new_groups_get_the_organization_and_focus_areas_given_in_the_preview(
    client_of, liaison
):
    from tests.factory import make_group

    client = client_of(liaison)
    first = _upload(client, "a.csv", csv_file(GOOD))
    client.post(
        reverse("groups_office:import_apply", args=[first.pk]),
        {"organization": _organization("na").pk},
    )
    existing = SelfHelpGroup.objects.get()
    assert existing.organization.slug == "na"
    make_group(name="Listed elsewhere")  # untouched by the import
    second = _upload(
        client,
        "b.csv",
        csv_file(GOOD, tsml_row(Slug="x", Name="X", Group="Growing Together Group")),
    )
    preview = client.get(reverse("groups_office:import_preview", args=[second.pk]))
    assert "Organization of the new groups" in preview.content.decode()
    assert f'<option value="{_organization("grow").pk}">GROW in America (GROW)</option>' in (
        preview.content.decode()
    )
    mental, family = _focus("mental-health", "family")
    response = client.post(
        reverse("groups_office:import_apply", args=[second.pk]),
        {"organization": _organization("grow").pk, "focus_areas": [mental.pk, family.pk]},
    )
    assert response.status_code == 302
    new = SelfHelpGroup.objects.get(name="Growing Together Group")
    assert new.organization.slug == "grow"
    assert set(new.focus_areas.all()) == {mental, family}
    # The group the file updates keeps its own.
    existing.refresh_from_db()
    assert (existing.organization.slug, list(existing.focus_areas.all())) == ("na", [])
    created = ListingChange.objects.get(group=new, object_type="group", action="created")
    assert created.changed_by == liaison
    assert created.fields["import"] == ["", "Riverside Intergroup"]
    assert created.fields["organization"] == ["", "GROW"]
    assert created.fields["focus areas"] == ["", "Mental health, Family members and friends"]
    page = client.get(reverse("groups_office:import_preview", args=[second.pk])).content.decode()
    assert (
        "The new groups were given the organization GROW in America and the focus areas Mental "
        "health, Family members and friends." in page
    )
    # The directory's search knows the focus areas the group was given.
    assert "mental health" in new.search_text and "grow" in new.search_text.lower()


def test_nothing_is_taken_from_a_new_groups_name(db):
    assert _organization("grow").short_name == "GROW"
    importers.apply(
        csv_file(tsml_row(Group="Growing Together Group")), "mg-csv", "Riverside Intergroup"
    )
    group = SelfHelpGroup.objects.get()
    assert (group.organization, list(group.focus_areas.all())) == (None, [])


def test_a_bad_choice_is_answered_beside_the_field_and_nothing_is_queued(client_of, liaison):
    client = client_of(liaison)
    batch = _upload(client, "a.csv", csv_file(GOOD))
    response = client.post(
        reverse("groups_office:import_apply", args=[batch.pk]),
        {"organization": "999999", "focus_areas": ["not-an-id"]},
    )
    assert response.status_code == 200
    form = response.context["new_groups_form"]
    assert "organization" in form.errors and "focus_areas" in form.errors
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert 'id="apply-form"' in page  # the preview again, to choose again
    batch.refresh_from_db()
    assert (batch.apply_state, batch.applied_at) == ("", None)
    assert not SelfHelpGroup.objects.exists()


def test_a_file_that_creates_no_group_asks_nothing_of_them(client_of, liaison):
    client = client_of(liaison)
    first = _upload(client, "a.csv", csv_file(GOOD))
    client.post(reverse("groups_office:import_apply", args=[first.pk]))
    again = _upload(client, "b.csv", csv_file(tsml_row(Time="6:30 PM")))
    preview = client.get(reverse("groups_office:import_preview", args=[again.pk]))
    assert preview.context["new_groups_form"] is None
    assert "Organization of the new groups" not in preview.content.decode()
    client.post(reverse("groups_office:import_apply", args=[again.pk]), {"organization": "junk"})
    assert Meeting.objects.get().start_time == dt.time(18, 30)


def test_a_choice_removed_before_the_import_runs_imports_nothing(db, liaison):
    from groups.models import Organization
    from groups.tasks import import_batch_apply

    batch = ImportBatch.objects.create(
        agency=liaison.agency,
        source="S",
        format="mg-csv",
        filename="a.csv",
        content=csv_file(GOOD),
    )
    gone = Organization.objects.create(name="Gone", slug="gone", approach="other")
    gone_pk = gone.pk
    gone.delete()
    import_batch_apply.call(batch.pk, liaison.pk, gone_pk, [])
    batch.refresh_from_db()
    assert batch.apply_state == "failed" and batch.applied_at is None
    assert "The organization chosen was removed" in batch.apply_error
    assert not SelfHelpGroup.objects.exists()
