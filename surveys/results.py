"""Reads: a survey's results as counts and percentages per question, with the rule that keeps
answers anonymous. A survey shows nothing until it has MIN_CELL responses, and any count from 1
to MIN_CELL - 1 is shown as "fewer than 5"; when that would leave a single hidden count that
could be worked out from the others and the total, the next smallest count is hidden as well.
No other figure may give a hidden count back: an average or median is shown only beside a table
that hides nothing (it is then worked out from the counts shown anyway); a breakdown keeps every
row and column, whose totals the question's own tables show, from having a single unknown; and
the dashboard's rates add up counts only where the sum gives nothing away.

Every figure of the results page, its chart, its CSV, the evidence page and the dashboard comes
from here, so the rule cannot be missed in one of them. Queries are fixed in number, whatever
the number of surveys, questions or responses."""

import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import mean, median

from django.db.models import Count, Prefetch

from surveys.models import MIN_CELL, Answer, Question, Survey

HIDDEN = None  # a suppressed cell
# A chart's answer label longer than this many characters goes on several lines (drawn on one,
# a long answer runs into its neighbours or off the canvas), and on this many at most, ending
# in "…": more would squeeze the bars. The table beside the chart has every label in full.
CHART_LABEL_WIDTH = 24
CHART_LABEL_LINES = 3


def suppress(counts: list[int]) -> list[int | None]:
    """Hide counts from 1 to MIN_CELL - 1. If exactly one count is hidden, also hide the smallest
    shown non-zero count, so the hidden one cannot be found by subtraction."""
    shown: list[int | None] = [HIDDEN if 0 < n < MIN_CELL else n for n in counts]
    if shown.count(HIDDEN) == 1:
        visible = [(n, i) for i, n in enumerate(shown) if n]
        if visible:
            shown[min(visible)[1]] = HIDDEN
    return shown


def suppress_table(cells, *, row_totals_hidden, column_totals_hidden):
    """`suppress` for a cross-table (one question's answers split by another's). Each row, each
    column and the whole table is a line whose total is known (the questions' own tables show
    it) unless that table hides it. A line with exactly one unknown — one hidden cell beside a
    known total, or a hidden total beside cells all shown — gives it away by subtraction, so its
    smallest other count (a zero only when nothing else is left) is hidden too, line after line,
    until no line has a single unknown."""
    shown = [[HIDDEN if 0 < n < MIN_CELL else n for n in row] for row in cells]
    width = len(shown[0]) if shown else 0
    lines = [([(r, c) for c in range(width)], row_totals_hidden[r]) for r in range(len(shown))]
    lines += [([(r, c) for r in range(len(shown))], column_totals_hidden[c]) for c in range(width)]
    lines.append(([(r, c) for r in range(len(shown)) for c in range(width)], False))
    changed = True
    while changed:
        changed = False
        for places, total_hidden in lines:
            hidden = [p for p in places if shown[p[0]][p[1]] is HIDDEN]
            if len(hidden) + total_hidden != 1:
                continue
            others = [(shown[r][c], (r, c)) for r, c in places if shown[r][c] is not HIDDEN]
            candidates = [o for o in others if o[0]] or others
            if candidates:
                r, c = min(candidates)[1]
                shown[r][c] = HIDDEN
                changed = True
    return shown


def percent(part, whole):
    if part is HIDDEN or not whole:
        return HIDDEN
    return round(Decimal(100) * part / whole, 1)


@dataclass
class Row:
    label: str
    count: int | None
    percent: Decimal | None

    @property
    def hidden(self):
        return self.count is HIDDEN


@dataclass
class QuestionResult:
    question: Question
    answered: int
    rows: list = field(default_factory=list)
    hidden: bool = False  # fewer than MIN_CELL answered: nothing shown
    average: Decimal | None = None
    middle: Decimal | None = None
    texts: list = field(default_factory=list)  # liaison staff only

    @property
    def chart(self):
        """In the dashboard's chart format. A hidden cell has no bar, and its label says "fewer
        than 5", so that it is not read as nobody; each label is a list of lines, which the
        chart draws one under the other."""
        return {
            "type": "bar",
            "labels": [chart_label(r) for r in self.rows],
            "series": [{"label": "People", "data": [r.count for r in self.rows]}],
        }


def chart_label(row: Row) -> list[str]:
    lines = textwrap.wrap(row.label, CHART_LABEL_WIDTH) or [row.label]
    if len(lines) > CHART_LABEL_LINES:
        lines = lines[:CHART_LABEL_LINES]
        lines[-1] = lines[-1][: CHART_LABEL_WIDTH - 1].rstrip() + "…"
    if row.hidden:
        lines.append(f"(fewer than {MIN_CELL})")
    return lines


@dataclass
class SurveyResult:
    survey: Survey
    responses: int
    questions: list = field(default_factory=list)

    @property
    def shown(self):
        return self.responses >= MIN_CELL

    def by_key(self, key):
        return next((q for q in self.questions if q.question.key == key), None)


def _scale_label(question, point):
    if point == "1" and question.scale_low:
        return f"1 — {question.scale_low}"
    if point == "5" and question.scale_high:
        return f"5 — {question.scale_high}"
    return point


def _labels(question, counts):
    """The answers a question's table counts, in order."""
    if question.kind == Question.Kind.NUMBER:
        return [str(n) for n in sorted({int(v) for v in counts})]
    labels = question.options
    # An answer whose choice was later reworded is still counted, never lost.
    return labels + sorted(v for v in counts if v not in labels)


def _shown_counts(question, answered, values):
    """{answer: count, or HIDDEN} as the question's own table shows them."""
    counts = Counter(str(int(v)) if question.kind == Question.Kind.NUMBER else v for v in values)
    labels = _labels(question, counts)
    if answered < MIN_CELL:
        return dict.fromkeys(labels, HIDDEN)
    return dict(zip(labels, suppress([counts[label] for label in labels]), strict=True))


def _question_result(question, answered, values, texts):
    result = QuestionResult(question, answered)
    if answered < MIN_CELL:
        result.hidden = True
        return result
    if question.kind == Question.Kind.TEXT:
        result.texts = sorted(texts)
        return result
    shown = _shown_counts(question, answered, values)
    for label, count in shown.items():
        if question.kind == Question.Kind.SCALE:
            label = _scale_label(question, label)
        result.rows.append(Row(label, count, percent(count, answered)))
    if question.kind == Question.Kind.NUMBER:
        result.rows = [r for r in result.rows if r.count != 0]
    # An average is worked out from the counts: beside a hidden count, it and the total would
    # give that count back (two hidden counts, two equations).
    if not any(r.hidden for r in result.rows):
        if question.kind == Question.Kind.NUMBER:
            numbers = sorted(int(v) for v in values)
            result.average = round(Decimal(mean(numbers)), 1)
            result.middle = round(Decimal(median(numbers)), 1)
        elif question.kind == Question.Kind.SCALE:
            numbers = [int(v) for v in values if v in Question.SCALE_POINTS]
            if numbers:
                result.average = round(Decimal(mean(numbers)), 1)
    return result


def results_for(surveys, *, with_texts=False) -> list[SurveyResult]:
    """The results of several surveys at once, in three queries."""
    surveys = list(surveys)
    ids = [s.pk for s in surveys]
    questions = defaultdict(list)
    for question in Question.objects.filter(survey__in=ids).order_by("order", "pk"):
        questions[question.survey_id].append(question)
    counts = dict(
        Survey.objects.filter(pk__in=ids).annotate(n=Count("responses")).values_list("pk", "n")
    )
    answers = (
        Answer.objects.filter(question__survey__in=ids).values_list(
            "question_id", "response_id", "value"
        )
        if ids
        else []
    )
    if not with_texts:
        answers = answers.exclude(question__kind=Question.Kind.TEXT) if ids else []
    values = defaultdict(list)
    respondents = defaultdict(set)
    for question_id, response_id, value in answers:
        values[question_id].append(value)
        respondents[question_id].add(response_id)
    results = []
    for survey in surveys:
        result = SurveyResult(survey, counts.get(survey.pk, 0))
        if result.shown:
            for question in questions[survey.pk]:
                if question.kind == Question.Kind.TEXT and not with_texts:
                    continue
                found = values[question.pk]
                result.questions.append(
                    _question_result(
                        question,
                        len(respondents[question.pk]),
                        found,
                        found if question.kind == Question.Kind.TEXT else [],
                    )
                )
        results.append(result)
    return results


def survey_results(survey, *, with_texts=False) -> SurveyResult:
    return results_for([survey], with_texts=with_texts)[0]


@dataclass
class Breakdown:
    """One question's answers split by the answers to another (e.g. satisfaction by whether
    the client took part in a group). Every cell follows the suppression rule."""

    question: Question
    by: Question
    columns: list
    rows: list  # (label, [count or HIDDEN per column])


def breakdowns(survey, by: Question, questions) -> list[Breakdown]:
    """Each of `questions` split by the answers to `by`, in one query."""
    if by.kind not in (Question.Kind.SINGLE, Question.Kind.SCALE):
        return []
    wanted = [q for q in questions if q.kind in Question.COUNTED_KINDS and q.pk != by.pk]
    pairs = Answer.objects.filter(question__in=[by, *wanted]).values_list(
        "response_id", "question_id", "value"
    )
    group_of, answers = {}, defaultdict(lambda: defaultdict(list))
    for response_id, question_id, value in pairs:
        if question_id == by.pk:
            group_of[response_id] = value
        else:
            answers[question_id][response_id].append(value)
    by_shown = _shown_counts(by, len(group_of), group_of.values())
    columns_hidden = [by_shown.get(column) is HIDDEN for column in by.options]
    return [
        _breakdown(question, by, group_of, answers[question.pk], columns_hidden)
        for question in wanted
    ]


def breakdown(survey, question: Question, by: Question) -> Breakdown | None:
    found = breakdowns(survey, by, [question])
    return found[0] if found else None


def _breakdown(question, by, group_of, answers, columns_hidden):
    columns = by.options
    cells = Counter()
    for response_id, found in answers.items():
        column = group_of.get(response_id)
        if column in columns:
            for value in found:
                cells[(value, column)] += 1
    labels = question.options or sorted({value for value, _ in cells}, key=_number_key)
    # The question's own table shows each row's total, unless it hides it.
    own = _shown_counts(question, len(answers), (v for found in answers.values() for v in found))
    table = suppress_table(
        [[cells[(label, column)] for column in columns] for label in labels],
        row_totals_hidden=[own.get(label, HIDDEN) is HIDDEN for label in labels],
        column_totals_hidden=columns_hidden,
    )
    rows = []
    for label, shown in zip(labels, table, strict=True):
        if question.kind == Question.Kind.SCALE:
            label = _scale_label(question, label)
        rows.append((label, shown))
    return Breakdown(question, by, columns, rows)


def _number_key(value):
    try:
        return (0, int(value))
    except ValueError:
        return (1, value)


def latest_client_figures(agency, until=None):
    """The latest client survey (opened by `until`) with enough responses: its participation
    rate and satisfaction, for the executive dashboard. Two queries."""
    surveys = Survey.objects.for_agency(agency).for_clients().exclude(status=Survey.Status.DRAFT)
    if until:
        surveys = surveys.filter(opens_on__lte=until)
    survey = (
        surveys.annotate(n=Count("responses"))
        .filter(n__gte=MIN_CELL)
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.filter(key__in=["participation", "satisfaction"]),
            )
        )
        .order_by("-opens_on", "-pk")
        .first()
    )
    if survey is None:
        return None
    keyed = {q.key: q for q in survey.questions.all()}
    rows = Answer.objects.filter(question__in=keyed.values()).values_list("question_id", "value")
    by_question = defaultdict(list)
    for question_id, value in rows:
        by_question[question_id].append(value)
    figures = {"survey": survey, "responses": survey.n}
    participation = keyed.get("participation")
    if participation:
        figures["participation"] = _shown_share(
            participation, by_question[participation.pk], lambda v: v == "Yes"
        )
    satisfaction = keyed.get("satisfaction")
    if satisfaction:
        found = [v for v in by_question[satisfaction.pk] if v in Question.SCALE_POINTS]
        figures["satisfied"] = _shown_share(satisfaction, found, lambda v: int(v) >= 4)
    return figures


def _shown_share(question, values, in_part):
    """(part, whole): how many of the answers to a single-choice or scale question fall in the
    part. None when the part or the rest is a count the rule hides, or when the sum would give
    back a count the results page hides: it tells nothing new only if every hidden count is on
    the same side (all in the part, or all in the rest)."""
    counts = Counter(values)
    shown = _shown_counts(question, len(values), values)
    sides = {in_part(label) for label, count in shown.items() if count is HIDDEN}
    if len(sides) > 1:
        return None
    part = sum(n for value, n in counts.items() if in_part(value))
    whole = len(values)
    if suppress([part, whole - part]).count(HIDDEN):
        return None
    return part, whole
