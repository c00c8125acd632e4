"""Results keep answers anonymous: nothing until 5 responses, no count under 5 in any table,
breakdown or CSV, and no field anywhere that could say who answered."""

import csv
import io
import re

import pytest
from django.db import models
from django.urls import reverse

from surveys.models import MIN_CELL, Answer, Question, Response
from surveys.results import (
    CHART_LABEL_LINES,
    CHART_LABEL_WIDTH,
    HIDDEN,
    breakdown,
    suppress,
    suppress_table,
    survey_results,
)
from surveys.services import survey_from_template, survey_open
from tests.factory import make_survey_responses


def rows_of(result, key):
    question = result.by_key(key)
    return {row.label: row.count for row in question.rows}


# --- anonymity -----


def test_a_response_has_no_field_that_could_identify_a_person():
    fields = {f.name: f for f in Response._meta.get_fields()}
    assert set(fields) == {"id", "survey", "submitted_on", "via", "answers"}
    assert isinstance(fields["submitted_on"], models.DateField)
    assert not isinstance(fields["submitted_on"], models.DateTimeField)
    for model in (Response, Answer):
        for f in model._meta.get_fields():
            assert not isinstance(f, models.GenericIPAddressField)
            assert not isinstance(f, models.EmailField)
            target = getattr(f, "related_model", None)
            if target is not None:
                assert target._meta.label not in {
                    "liaison.User",
                    "referrals.Client",
                    "liaison.StaffMembership",
                }


def test_a_signed_in_respondent_leaves_no_trace_of_who_they_are(client_of, survey, practitioner):
    client = client_of(practitioner)
    page = client.get(survey.get_respond_url())
    nonce = page.context["form"].initial["nonce"]
    participation = survey.questions.get(key="participation")
    client.post(
        survey.get_respond_url(),
        {"nonce": nonce, f"q{participation.pk}": "Yes"},
        REMOTE_ADDR="198.51.100.77",
        HTTP_USER_AGENT="Unique Browser 1.0",
    )
    stored = [str(v) for v in Response.objects.values().get().values()] + list(
        Answer.objects.values_list("value", flat=True)
    )
    text = " ".join(stored)
    for trace in ("198.51.100.77", "Unique Browser", practitioner.email, "Priya"):
        assert trace not in text
    assert set(Response.objects.values().get()) == {"id", "survey_id", "submitted_on", "via"}


# --- the suppression rule -----


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ([10, 7, 0], [10, 7, 0]),
        ([10, 3, 0], [HIDDEN, HIDDEN, 0]),
        ([10, 3, 2], [10, HIDDEN, HIDDEN]),
        ([1, 1, 1, 1, 1], [HIDDEN] * 5),
        ([5, 5], [5, 5]),
        ([4, 20, 30], [HIDDEN, HIDDEN, 30]),
    ],
)
def test_counts_under_5_are_hidden_and_a_lone_hidden_count_gets_company(counts, shown):
    assert suppress(counts) == shown


def test_a_survey_shows_no_results_under_5_responses(client_of, survey, liaison):
    make_survey_responses(survey, [{"participation": "Yes"}] * (MIN_CELL - 1))
    result = survey_results(survey)
    assert not result.shown and result.questions == []
    page = client_of(liaison).get(reverse("surveys:results", args=[survey.pk]))
    body = page.content.decode()
    assert "Results show once there are at least 5 responses" in body
    assert "Yes" not in body.split("Each question")[-1]
    csv_body = client_of(liaison).get(reverse("surveys:results_csv", args=[survey.pk]))
    assert "Results show from 5 responses" in csv_body.content.decode()
    assert ",Yes," not in csv_body.content.decode()


@pytest.fixture
def answered(survey):
    """17 responses: participation Yes 9, No 6, Not sure 2; satisfaction 5×8, 2×5, 3×2."""
    rows = (
        [{"participation": "Yes", "satisfaction": "5", "meetings": 10}] * 8
        + [{"participation": "Yes", "comments": "Helpful"}]
        + [{"participation": "No", "satisfaction": "2"}] * 5
        + [{"participation": "No", "comments": "Too far"}]
        + [{"participation": "Not sure", "satisfaction": "3"}] * 2
    )
    make_survey_responses(survey, rows)
    return survey


def test_each_question_shows_counts_and_percentages_with_small_cells_hidden(answered):
    result = survey_results(answered)
    assert result.shown and result.responses == 17
    # "Not sure" (2) is hidden; "No" (6) too, or 17 - 9 - 6 would give the 2 away.
    assert rows_of(result, "participation") == {"Yes": 9, "No": HIDDEN, "Not sure": HIDDEN}
    participation = result.by_key("participation")
    assert participation.answered == 17
    assert str(participation.rows[0].percent) == "52.9"
    satisfaction = result.by_key("satisfaction")
    assert satisfaction.answered == 15
    assert rows_of(result, "satisfaction") == {
        "1 — Not at all satisfied": 0,
        "2": HIDDEN,
        "3": HIDDEN,
        "4": 0,
        "5 — Very satisfied": 8,
    }
    assert satisfaction.rows[2].percent is HIDDEN
    assert result.by_key("kinds").hidden  # nobody answered it
    meetings = result.by_key("meetings")
    assert meetings.average == 10 and rows_of(result, "meetings") == {"10": 8}


def test_written_answers_need_5_and_are_for_liaison_staff_only(answered, survey):
    assert survey_results(answered).by_key("comments") is None
    with_texts = survey_results(answered, with_texts=True).by_key("comments")
    assert with_texts.hidden  # only 2 written answers
    make_survey_responses(survey, [{"participation": "No", "comments": "Ok"}] * 3)
    assert survey_results(survey, with_texts=True).by_key("comments").texts == [
        "Helpful",
        "Ok",
        "Ok",
        "Ok",
        "Too far",
    ]


def test_every_breakdown_cell_under_5_is_hidden(answered):
    participation = answered.questions.get(key="participation")
    satisfaction = answered.questions.get(key="satisfaction")
    table = breakdown(answered, satisfaction, participation)
    assert table.columns == ["Yes", "No", "Not sure"]
    cells = dict(table.rows)
    assert cells["5 — Very satisfied"] == [8, 0, 0]
    assert cells["2"] == [0, HIDDEN, 0]
    assert cells["3"] == [0, 0, HIDDEN]
    for _label, row in table.rows:
        assert all(c is HIDDEN or c == 0 or c >= MIN_CELL for c in row)


def test_the_results_page_and_both_csvs_follow_the_rule(client_of, answered, liaison, executive):
    url = reverse("surveys:results", args=[answered.pk])
    participation = answered.questions.get(key="participation")
    for user in (liaison, executive):
        page = client_of(user).get(url, {"by": participation.pk})
        body = page.content.decode()
        assert page.status_code == 200
        assert "fewer than 5" in body and "&lt;5" not in body
        assert 'text-end">6<' not in body and 'text-end">2<' not in body
    executive_page = client_of(executive).get(url).content.decode()
    assert "Too far" not in executive_page and "Single responses" not in executive_page

    aggregate = client_of(executive).get(
        reverse("surveys:results_csv", args=[answered.pk]), {"by": participation.pk}
    )
    rows = list(csv.reader(io.StringIO(aggregate.content.decode())))
    for row in rows:
        for cell in row[2:]:
            if cell.isdigit():
                assert int(cell) == 0 or int(cell) >= MIN_CELL, row
    assert any("by: " in " ".join(r) for r in rows)
    assert any(r[1:3] == ["Not sure", "fewer than 5"] for r in rows)


def test_a_hidden_count_reads_fewer_than_5_in_the_table_the_breakdown_and_the_chart(
    client_of, answered, liaison
):
    participation = answered.questions.get(key="participation")
    page = client_of(liaison).get(
        reverse("surveys:results", args=[answered.pk]), {"by": participation.pk}
    )
    body = page.content.decode()
    fewer = f"fewer than {MIN_CELL}"
    # The question's own table: "No" and "Not sure" are hidden, each a row that says so.
    rows = re.findall(r'<th scope="row" class="fw-normal text-break">(.*?)</th>(.*?)</tr>', body)
    assert (
        "Not sure",
        f'<td class="text-end text-body-secondary" colspan="2">{fewer}</td>',
    ) in rows
    # The breakdown's hidden cells say so too: never a blank or a bare "<5".
    breakdown = body.split('id="breakdown-title"')[1].split("Each question")[0]
    assert f'<span class="text-body-secondary">{fewer}</span>' in breakdown
    assert "&lt;" not in breakdown and '<td class="text-end"></td>' not in breakdown
    # The chart: no bar, and a label that says why.
    chart = page.context["charts"][f"q{participation.pk}"]
    assert chart["labels"] == [["Yes"], ["No", f"({fewer})"], ["Not sure", f"({fewer})"]]
    assert chart["series"][0]["data"] == [9, None, None]
    assert f"({fewer})" in body.split('id="dashboard-charts"')[1]


def test_a_long_answer_wraps_in_the_table_and_in_the_chart(client_of, liaison, agency):
    draft = survey_from_template(agency=agency, template="clients", by=liaison)
    long_words = "A group for people who " + "care" * 40 + " about someone in recovery"
    Question.objects.create(
        survey=draft,
        order=1000,
        kind="single",
        text="Which?",
        key="long",
        choices=f"{long_words}\nAnother",
    )
    survey = survey_open(survey=draft, by=liaison)
    # 6 and 2: the 2 is hidden, and the 6 with it, or it would give the 2 back.
    make_survey_responses(survey, [{"long": long_words}] * 6 + [{"long": "Another"}] * 2)
    page = client_of(liaison).get(reverse("surveys:results", args=[survey.pk]))
    body = page.content.decode()
    assert f'<th scope="row" class="fw-normal text-break">{long_words}</th>' in body
    question = survey.questions.get(key="long")
    label = page.context["charts"][f"q{question.pk}"]["labels"][0]
    # A few short lines, the last cut with "…" (the table has it in full), then why no bar.
    assert label[0].startswith("A group for people who")
    assert len(label) == CHART_LABEL_LINES + 1
    assert all(len(line) <= CHART_LABEL_WIDTH for line in label[:-1])
    assert label[-2].endswith("…") and label[-1] == f"(fewer than {MIN_CELL})"


def test_single_responses_go_to_liaison_staff_only_and_name_nobody(
    client_of, answered, liaison, executive
):
    url = reverse("surveys:responses_csv", args=[answered.pk])
    assert client_of(executive).get(url).status_code == 403
    rows = list(csv.reader(io.StringIO(client_of(liaison).get(url).content.decode())))
    assert rows[0][:3] == ["response", "submitted on", "via"]
    assert len(rows) == 18
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 18)]


# --- no figure beside a hidden count gives it back -----


def test_an_average_is_not_shown_beside_a_hidden_count(client_of, answered, liaison):
    satisfaction = survey_results(answered).by_key("satisfaction")
    # "2" and "3" are hidden; 15 answered and "5" is 8, so they add up to 7. An average of 3.7
    # would leave two splits of those 7 (5 + 2 or 6 + 1), an exact one just one: not shown.
    assert [r.label for r in satisfaction.rows if r.hidden] == ["2", "3"]
    assert satisfaction.average is None
    page = client_of(liaison).get(reverse("surveys:results", args=[answered.pk]))
    body = page.content.decode()
    assert "15 people answered." in body and "15 people answered. Average" not in body
    exported = client_of(liaison).get(reverse("surveys:results_csv", args=[answered.pk]))
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert not any(r[:2] == [satisfaction.question.text, "average"] for r in rows)
    # Beside a table that hides nothing, the average says nothing new, and is shown.
    assert survey_results(answered).by_key("meetings").average == 10


@pytest.fixture
def one_small_cell(survey):
    """33 responses whose own tables hide nothing (participation Yes 16, No 11, Not sure 6;
    satisfaction 5: 10, 4: 9, 2: 14), and one small cell when split: No and 4, 3 people."""
    rows = (
        [{"participation": "Yes", "satisfaction": "5"}] * 10
        + [{"participation": "Yes", "satisfaction": "4"}] * 6
        + [{"participation": "No", "satisfaction": "4"}] * 3
        + [{"participation": "No", "satisfaction": "2"}] * 8
        + [{"participation": "Not sure", "satisfaction": "2"}] * 6
    )
    make_survey_responses(survey, rows)
    return survey


def _unknowns(cells):
    return sum(1 for c in cells if c is HIDDEN)


def test_no_row_or_column_total_gives_a_hidden_breakdown_cell_back(one_small_cell):
    result = survey_results(one_small_cell)
    totals = {key: rows_of(result, key) for key in ("participation", "satisfaction")}
    assert HIDDEN not in totals["participation"].values()
    assert HIDDEN not in totals["satisfaction"].values()
    participation = one_small_cell.questions.get(key="participation")
    satisfaction = one_small_cell.questions.get(key="satisfaction")
    table = breakdown(one_small_cell, satisfaction, participation)
    cells = dict(table.rows)
    assert cells["4"][1] is HIDDEN  # the 3
    # Every row total is on the satisfaction table, every column total on the participation
    # table, the grand total is the number who answered: no line may have a single unknown.
    rows = [row for _label, row in table.rows]
    columns = [list(column) for column in zip(*rows, strict=True)]
    for line in [*rows, *columns, [c for row in rows for c in row]]:
        assert _unknowns(line) != 1, table.rows
    # And the hidden 3 cannot be worked out from the row's total and the cells shown in it.
    row_total = totals["satisfaction"]["4"]
    shown_in_row = sum(c for c in cells["4"] if c is not HIDDEN)
    assert row_total - shown_in_row != 3 or _unknowns(cells["4"]) > 1


def test_a_breakdown_does_not_give_back_a_total_its_own_table_hides(answered):
    """Participation hides No (6) and Not sure (2); satisfaction by participation must not add
    its columns up to either."""
    participation = answered.questions.get(key="participation")
    satisfaction = answered.questions.get(key="satisfaction")
    table = breakdown(answered, satisfaction, participation)
    rows = [row for _label, row in table.rows]
    for n, column in enumerate(table.columns):
        cells = [row[n] for row in rows]
        if rows_of(survey_results(answered), "participation")[column] is HIDDEN:
            assert _unknowns(cells) >= 1 or not any(cells), (column, cells)


def test_the_table_rule_hides_a_second_cell_in_each_line_of_a_lone_hidden_one():
    table = suppress_table(
        [[10, 0, 0], [6, 3, 0], [0, 8, 6]],
        row_totals_hidden=[False, False, False],
        column_totals_hidden=[False, False, False],
    )
    rows = table
    columns = [list(c) for c in zip(*rows, strict=True)]
    assert rows[1][1] is HIDDEN
    for line in [*rows, *columns]:
        assert _unknowns(line) != 1, table


# --- the executive dashboard -----


def test_the_dashboard_shows_the_latest_client_surveys_participation_and_satisfaction(
    client_of, executive, survey
):
    import datetime as dt

    from pages.dashboard import NO_DATA, Period, dashboard

    period = Period(dt.date(2000, 1, 1), dt.date(2100, 1, 1))

    def figures():
        section = next(s for s in dashboard(survey.agency, period) if s.key == "client")
        return {f.label.split(",")[0]: f for f in section.figures}

    assert figures()["Clients in a self-help group"].value == NO_DATA
    make_survey_responses(
        survey,
        [{"participation": "Yes", "satisfaction": "5"}] * 6
        + [{"participation": "No", "satisfaction": "4"}] * 2,
    )
    shown = figures()
    # 6 Yes and 2 others: the 2 would show through the rate, so it is not shown.
    assert shown["Clients in a self-help group"].value == NO_DATA
    assert "under 5" in shown["Clients in a self-help group"].detail
    assert str(shown["Clients satisfied with their group"].value) == "100.0"
    make_survey_responses(survey, [{"participation": "No", "satisfaction": "2"}] * 5)
    shown = figures()
    assert str(shown["Clients in a self-help group"].value) == "46.2"
    assert "6 of 13" in shown["Clients in a self-help group"].detail
    # The results page shows 13 answers, "5": 6, and hides "2" (5) and "4" (2); "8 of 13
    # satisfied" would give both back.
    assert shown["Clients satisfied with their group"].value == NO_DATA
    make_survey_responses(survey, [{"participation": "No", "satisfaction": "4"}] * 3)
    shown = figures()
    assert str(shown["Clients satisfied with their group"].value) == "68.8"
    assert "11 of 16" in shown["Clients satisfied with their group"].detail
    body = client_of(executive).get(reverse("pages:dashboard_csv"), {"section": "client"})
    assert "Clients in a self-help group" in body.content.decode()


def test_the_demo_has_both_templates_a_closed_survey_of_about_80_and_the_studies(db, client):
    from django.core.management import call_command

    from surveys.models import Study, Survey

    call_command("seed_demo")
    closed = Survey.objects.get(status="closed")
    assert 75 <= closed.responses.count() <= 90 and closed.is_published
    assert set(Survey.objects.filter(status="draft").values_list("audience", flat=True)) == {
        "clients",
        "members",
    }
    # Its surveys come in Spanish, from the templates.
    assert closed.title_es == "Los clientes y los grupos de autoayuda, encuesta de primavera"
    assert not Question.objects.filter(text_es="").exists()
    authors = " ".join(Study.objects.values_list("authors", flat=True))
    for name in ("Humphreys", "Moos", "Timko", "Pistrang", "Kessler", "Davidson"):
        assert name in authors
    page = client.get(reverse("surveys:evidence")).content.decode()
    assert "Circles of Recovery" in page and closed.title in page
    result = survey_results(closed)
    assert result.shown
    assert all(
        row.count is HIDDEN or row.count == 0 or row.count >= MIN_CELL
        for q in result.questions
        for row in q.rows
    )
