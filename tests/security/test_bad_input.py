"""Input that used to answer 500: dates at the ends of the calendar, searches of a thousand words,
JSON nested thousands deep. Each is now a page that says what it did, a clear 400, or an import
problem by line. The searches are run on SQLite and, in the PostgreSQL pass, on full-text search."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.trail import Action, record
from groups.imports import importer as importers
from groups.models import ImportBatch
from liaison import limits
from tests.factory import make_event, make_group, make_meeting

THOUSAND_WORDS = " ".join(f"grief{n} women" for n in range(500))
SERVICES = "/api/hsds/services"


@pytest.fixture
def raising(client):
    # A 500 fails the test with the exception itself.
    client.raise_request_exception = True
    return client


# --- dates at the ends of the calendar -----


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00+14:00",
        "0001-01-01",
        "9999-12-31T23:59:59+14:00",
        "9999-12-31T23:59:59-14:00",
        "9999-12-31",
    ],
)
def test_hsds_modified_after_at_the_ends_of_the_calendar_is_answered(raising, db, value):
    make_group(name="Riverside Grief Circle")
    response = raising.get(SERVICES, {"modified_after": value})
    assert response.status_code == 200
    names = [item["name"] for item in response.json()["contents"]]
    # The first day means "everything", the last "nothing yet".
    assert names == (["Riverside Grief Circle"] if value.startswith("0001") else [])


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01", "0001-01-05"), ("9999-12-01", "9999-12-31"), ("0001-01-01", "9999-12-31")],
)
def test_a_dashboard_period_at_the_ends_of_the_calendar_is_brought_into_range(
    raising, client_of, executive, start, end
):
    client_of(executive)
    page = raising.get(reverse("pages:dashboard"), {"from": start, "to": end})
    assert page.status_code == 200
    shown = page.context["period"]
    assert limits.EARLIEST_DATE <= shown.start <= shown.end <= limits.LATEST_DATE
    export = raising.get(reverse("pages:dashboard_csv"), {"from": start, "to": end})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")


def test_a_dashboard_csv_of_a_bad_period_is_a_clear_400(client_of, executive):
    response = client_of(executive).get(
        reverse("pages:dashboard_csv"), {"from": "2026-13-45", "to": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "“2026-13-45” is not a date" in response.content.decode()


def test_the_audit_trail_until_the_end_of_the_calendar_is_the_whole_trail(
    raising, client_of, agency_admin, agency
):
    record(Action.LOGIN, user=agency_admin)
    client_of(agency_admin)
    for params in ({"until": "9999-12-31"}, {"since": "0001-01-01", "until": "9999-12-31"}):
        page = raising.get(reverse("audit:list"), params)
        assert page.status_code == 200
        assert page.context["form"].is_valid()
        assert page.context["page"].paginator.count >= 1
        export = raising.get(reverse("audit:export"), params)
        assert export.status_code == 200
        assert len(b"".join(export.streaming_content).decode().splitlines()) >= 2


def test_an_audit_export_of_a_bad_search_is_a_clear_400(client_of, agency_admin):
    response = client_of(agency_admin).get(
        reverse("audit:export"), {"since": "2026-05-01", "until": "2026-04-01"}
    )
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "0000-01", "2026-13"])
def test_the_calendar_of_a_month_out_of_range_shows_every_event(raising, agency, month):
    make_event(agency, title="Screening day", is_public=True)
    response = raising.get(reverse("events:calendar"), {"month": month})
    assert response.status_code == 200
    assert "Screening day" in response.content.decode()


# --- searches of a thousand words -----


@pytest.fixture
def listed(db):
    group = make_group(name="Riverside Grief Circle", focus=["bereavement"])
    make_meeting(group)
    return group


def test_a_thousand_word_search_is_shortened_and_the_page_says_so(raising, listed):
    response = raising.get(reverse("groups:directory"), {"q": THOUSAND_WORDS})
    assert response.status_code == 200
    body = response.content.decode()
    assert "That search was too long, so only what is now in the box was searched for" in body
    kept = " ".join(THOUSAND_WORDS.split()[: limits.SEARCH_MAX_WORDS])
    assert f'value="{kept}"' in body


def test_a_very_long_word_is_shortened_too(raising, listed):
    response = raising.get(reverse("groups:directory"), {"q": "a" * 100_000})
    assert response.status_code == 200
    assert f'value="{"a" * limits.SEARCH_MAX_CHARS}"' in response.content.decode()


def test_a_search_within_the_caps_is_run_as_typed(raising, listed):
    response = raising.get(reverse("groups:directory"), {"q": "grief circle"})
    body = response.content.decode()
    assert "Riverside Grief Circle" in body
    assert "was searched for" not in body


def test_the_shortened_search_is_said_in_spanish(raising, listed):
    raising.cookies["django_language"] = "es"
    body = raising.get(reverse("groups:directory"), {"q": THOUSAND_WORDS}).content.decode()
    assert "Esa búsqueda era demasiado larga" in body


def test_a_thousand_word_hsds_search_is_a_clear_400(raising, listed):
    response = raising.get(SERVICES, {"search": THOUSAND_WORDS})
    assert response.status_code == 400
    assert response.json()["message"] == (
        f"“search” may hold at most {limits.SEARCH_MAX_WORDS} words and "
        f"{limits.SEARCH_MAX_CHARS} characters."
    )
    assert raising.get(SERVICES, {"search": "grief"}).json()["total_items"] == 1


# --- JSON nested thousands deep -----

DEEP = {
    "mg-json": b"[" + b'{"name": ' * 5000 + b"1" + b"}" * 5000 + b"]",
    "hsds": b'{"contents": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}",
}


@pytest.mark.parametrize("fmt", ["mg-json", "hsds"])
def test_deeply_nested_json_is_an_import_problem(db, fmt):
    result = importers.plan(DEEP[fmt], fmt, "Deep")
    assert [str(problem) for problem in result.problems] == [
        f"line 1: The file nests arrays or objects more than {limits.JSON_MAX_DEPTH} levels "
        "deep; a meeting list needs a few."
    ]


def test_nesting_just_past_the_cap_is_refused_and_a_meeting_list_is_not(db):
    too_deep = [{"name": json.loads("[" * limits.JSON_MAX_DEPTH + "]" * limits.JSON_MAX_DEPTH)}]
    assert "levels deep" in str(importers.plan(json.dumps(too_deep).encode(), "mg-json", "D")
                                .problems[0])  # fmt: skip
    shallow = [{"name": "Monday", "types": ["O"], "day": 1, "time": "19:00", "slug": "m"}]
    problems = importers.plan(json.dumps(shallow).encode(), "mg-json", "D").problems
    assert not any("levels deep" in str(problem) for problem in problems)


def test_a_stored_batch_of_deep_json_shows_its_problem(client_of, liaison, agency):
    # As uploaded before the limit: stored, never planned.
    batch = ImportBatch.objects.create(
        agency=agency,
        source="Deep",
        format="mg-json",
        filename="deep.json",
        content=DEEP["mg-json"],
    )
    response = client_of(liaison).get(reverse("groups_office:import_preview", args=[batch.pk]))
    assert response.status_code == 200
    assert "levels deep" in response.content.decode()
    again = client_of(liaison).post(
        reverse("groups_office:import_apply", args=[batch.pk]), follow=True
    )
    page = again.content.decode()
    assert "Nothing was imported: the file has problems" in page and "levels deep" in page
    batch.refresh_from_db()
    assert batch.applied_at is None and batch.apply_state == ""


def test_an_uploaded_file_of_deep_json_is_previewed_with_its_problem(client_of, liaison):
    upload = SimpleUploadedFile("deep.json", DEEP["hsds"])
    response = client_of(liaison).post(
        reverse("groups_office:imports"),
        {"file": upload, "format": "hsds", "source": "Deep"},
        follow=True,
    )
    assert response.status_code == 200
    assert "levels deep" in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01", "0001-01-05"), ("9999-12-01", "9999-12-31"), ("2026-13-45", "2026-01-01")],
)
def test_the_board_summary_of_any_period_is_a_page_never_a_500(
    raising, client_of, executive, start, end
):
    client_of(executive)
    for name in (
        "pages:dashboard_summary",
        "pages:dashboard_referrals",
        "pages:dashboard_follow_ups",
        "pages:dashboard_stories",
    ):
        page = raising.get(reverse(name), {"from": start, "to": end})
        assert page.status_code == 200
        shown = page.context["period"]
        assert limits.EARLIEST_DATE <= shown.start <= shown.end <= limits.LATEST_DATE
