"""Reads: a survey's results as counts and percentages per question, with the rule that keeps
answers anonymous. A survey shows nothing until it has MIN_CELL responses, and any count from 1
to MIN_CELL - 1 is shown as "fewer than 5"; when that would leave a single hidden count that
could be worked out from the others and the total, the next smallest count is hidden as well.

Every figure of the results page, its chart, its CSV, the evidence page and the dashboard comes
from here, so the rule cannot be missed in one of them. Queries are fixed in number, whatever
the number of surveys, questions or responses."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import mean, median

from django.db.models import Count, Prefetch

from surveys.models import MIN_CELL, Answer, Question, Survey

HIDDEN = None  # a suppressed cell


def suppress(counts: list[int]) -> list[int | None]:
    """Hide counts from 1 to MIN_CELL - 1. If exactly one count is hidden, also hide the smallest
    shown non-zero count, so the hidden one cannot be found by subtraction."""
    shown: list[int | None] = [HIDDEN if 0 < n < MIN_CELL else n for n in counts]
    if shown.count(HIDDEN) == 1:
        visible = [(n, i) for i, n in enumerate(shown) if n]
        if visible:
            shown[min(visible)[1]] = HIDDEN
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
        """In the dashboard's chart format; a hidden cell is drawn as no bar at all."""
        return {
            "type": "bar",
            "labels": [r.label for r in self.rows],
            "series": [{"label": "People", "data": [r.count for r in self.rows]}],
        }


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


def _question_result(question, answered, values, texts):
    result = QuestionResult(question, answered)
    if answered < MIN_CELL:
        result.hidden = True
        return result
    if question.kind == Question.Kind.TEXT:
        result.texts = sorted(texts)
        return result
    counts = Counter(values)
    if question.kind == Question.Kind.NUMBER:
        numbers = sorted(int(v) for v in values)
        result.average = round(Decimal(mean(numbers)), 1)
        result.middle = round(Decimal(median(numbers)), 1)
        labels = [str(n) for n in sorted(set(numbers))]
    else:
        labels = question.options
        # An answer whose choice was later reworded is still counted, never lost.
        labels += sorted(v for v in counts if v not in labels)
    if question.kind == Question.Kind.SCALE:
        numbers = [int(v) for v in values if v in Question.SCALE_POINTS]
        if numbers:
            result.average = round(Decimal(mean(numbers)), 1)
    shown = suppress([counts[label] for label in labels])
    for label, count in zip(labels, shown, strict=True):
        if question.kind == Question.Kind.SCALE:
            label = _scale_label(question, label)
        result.rows.append(Row(label, count, percent(count, answered)))
    if question.kind == Question.Kind.NUMBER:
        result.rows = [r for r in result.rows if r.count != 0]
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
    return [_breakdown(question, by, group_of, answers[question.pk]) for question in wanted]


def breakdown(survey, question: Question, by: Question) -> Breakdown | None:
    found = breakdowns(survey, by, [question])
    return found[0] if found else None


def _breakdown(question, by, group_of, answers):
    columns = by.options
    cells = Counter()
    for response_id, found in answers.items():
        column = group_of.get(response_id)
        if column in columns:
            for value in found:
                cells[(value, column)] += 1
    labels = question.options or sorted({value for value, _ in cells}, key=_number_key)
    flat = suppress([cells[(label, column)] for label in labels for column in columns])
    rows = []
    for n, label in enumerate(labels):
        shown = flat[n * len(columns) : (n + 1) * len(columns)]
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
        found = by_question[participation.pk]
        figures["participation"] = _shown_rate(sum(1 for v in found if v == "Yes"), len(found))
    satisfaction = keyed.get("satisfaction")
    if satisfaction:
        found = [int(v) for v in by_question[satisfaction.pk] if v in Question.SCALE_POINTS]
        figures["satisfied"] = _shown_rate(sum(1 for v in found if v >= 4), len(found))
        figures["satisfaction_mean"] = round(Decimal(mean(found)), 1) if found else None
    return figures


def _shown_rate(part, whole):
    """(part, whole), or None when the part or the rest is a count the rule hides."""
    if suppress([part, whole - part]).count(HIDDEN):
        return None
    return part, whole
