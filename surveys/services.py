"""Writes on the surveys side: a survey made from a ready template, opened, closed, joined by a
group; questions edited while it is a draft; anonymous responses recorded once."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import Answer, Question, Response, Survey
from surveys.question_sets import QUESTION_SETS

# A survey form's one-time key works this long after the form was opened (long enough to answer
# at one's pace), and is remembered once used a little longer, so that it never works twice.
FORM_KEY_SECONDS = 6 * 60 * 60
NONCE_SECONDS = FORM_KEY_SECONDS + 10 * 60


class SurveyError(Exception):
    """A survey action that cannot be taken; the message says why."""


class AlreadyAnswered(SurveyError):
    """The same form (or the same browser, within a minute) sent its answers already."""


@transaction.atomic
def survey_from_template(*, agency, template: str, by, group=None) -> Survey:
    """A new draft survey with a copy of a ready question set, for staff to adapt."""
    question_set = QUESTION_SETS.get(template)
    if question_set is None:
        raise SurveyError("Choose one of the ready templates.")
    if question_set.audience == Survey.Audience.MEMBERS and group is None:
        raise SurveyError("A members' survey is for one group: choose the group.")
    survey = Survey.objects.create(
        agency=agency,
        audience=question_set.audience,
        group=group if question_set.audience == Survey.Audience.MEMBERS else None,
        title=question_set.title,
        intro=question_set.intro,
        title_es=question_set.title_es,
        intro_es=question_set.intro_es,
        created_by=by,
    )
    Question.objects.bulk_create(
        Question(
            survey=survey,
            order=(n + 1) * 10,
            kind=q.kind,
            text=q.text,
            help_text=q.help_text,
            required=q.required,
            choices="\n".join(q.choices),
            scale_low=q.scale_low,
            scale_high=q.scale_high,
            min_value=q.min_value,
            max_value=q.max_value,
            key=q.key,
            text_es=q.text_es,
            help_text_es=q.help_text_es,
            choices_es="\n".join(q.choices_es),
            scale_low_es=q.scale_low_es,
            scale_high_es=q.scale_high_es,
        )
        for n, q in enumerate(question_set.questions)
    )
    return survey


def _locked(survey):
    return Survey.objects.select_for_update().get(pk=survey.pk)


def open_problem(survey: Survey, today=None) -> str:
    """Why the survey cannot open now, or "" when it can. The page that asks to confirm the
    opening says so before anyone presses the button, with the same words as a refusal."""
    today = today or timezone.localdate()
    if survey.status == Survey.Status.OPEN:
        return "The survey is open already."
    if not survey.questions.exists():
        return "Add at least one question before opening the survey."
    if survey.closes_on and survey.closes_on < today:
        return "The closing day has passed: set a later one first."
    return ""


@transaction.atomic
def survey_open(*, survey: Survey, by) -> Survey:
    survey = _locked(survey)
    today = timezone.localdate()
    problem = open_problem(survey, today)
    if problem:
        raise SurveyError(problem)
    survey.status = Survey.Status.OPEN
    survey.opens_on = survey.opens_on or today
    survey.closed_on = None
    survey.save(update_fields=["status", "opens_on", "closed_on"])
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by) -> Survey:
    survey = _locked(survey)
    if survey.status != Survey.Status.OPEN:
        raise SurveyError("Only an open survey can be closed.")
    survey.status = Survey.Status.CLOSED
    survey.closed_on = timezone.localdate()
    survey.save(update_fields=["status", "closed_on"])
    return survey


@transaction.atomic
def survey_join(*, survey: Survey, by) -> Survey:
    """The group chooses to take part in a members' survey; only then does its link work."""
    survey = _locked(survey)
    if not survey.is_for_members:
        raise SurveyError(_("Only a members' survey is shared by a group."))
    if survey.status != Survey.Status.OPEN:
        raise SurveyError(_("This survey is not open."))
    if survey.group_joined_on is None:
        survey.group_joined_on = timezone.localdate()
        survey.save(update_fields=["group_joined_on"])
    return survey


def _editable(survey):
    if not survey.is_editable:
        raise SurveyError(
            "The questions cannot change once the survey has opened: answers already given "
            "would then mean something else. Make a new survey instead."
        )


def question_save(*, question: Question) -> Question:
    _editable(question.survey)
    if question.pk is None:
        last = question.survey.questions.aggregate(last=Max("order"))["last"] or 0
        question.order = last + 10
    if question.kind not in Question.CHOICE_KINDS:
        question.choices = question.choices_es = ""
    if question.kind != Question.Kind.NUMBER:
        question.min_value = question.max_value = None
    if question.kind != Question.Kind.SCALE:
        question.scale_low = question.scale_high = ""
        question.scale_low_es = question.scale_high_es = ""
    question.save()
    return question


def question_translate(*, question: Question) -> Question:
    """Save the question's Spanish versions, and nothing else. Allowed whatever the survey's
    status: a translation changes the words a Spanish reader sees, never what an answer means
    or how it is stored (always the original choice)."""
    question.save(update_fields=list(Question.SPANISH_FIELDS))
    return question


def question_delete(*, question: Question) -> None:
    _editable(question.survey)
    question.delete()


@transaction.atomic
def question_move(*, question: Question, up: bool) -> None:
    """Swap the question with its neighbour above or below."""
    _editable(question.survey)
    questions = list(question.survey.questions.select_for_update().order_by("order", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(questions):
        return
    questions[index], questions[other] = questions[other], questions[index]
    for n, q in enumerate(questions):
        q.order = (n + 1) * 10
    Question.objects.bulk_update(questions, ["order"])


def response_submit(
    *, survey: Survey, answers: dict, nonce: str, via: str = Response.Via.LINK
) -> Response:
    """Record one anonymous response. `answers` maps each question to a cleaned value (a string,
    a list of strings for several choices, an int, or None when skipped). `nonce` is the form's
    one-time key, required: a second POST of the same form records nothing and says so."""
    if not nonce:
        raise SurveyError(_("Your answers were not recorded: the form came without its key."))
    with transaction.atomic():
        locked = _locked(survey)
        if via == Response.Via.LINK and not locked.is_accepting():
            raise SurveyError(_("This survey is closed and no longer takes answers."))
        if via == Response.Via.PAPER and locked.status == Survey.Status.DRAFT:
            raise SurveyError("Open the survey before entering paper answers.")
        # cache.add is atomic: of two identical POSTs racing, one adds the key, one finds it.
        if not cache.add(f"surveys:nonce:{survey.pk}:{nonce}", 1, NONCE_SECONDS):
            raise AlreadyAnswered(_("We already have your answers — thank you."))
        response = Response.objects.create(survey=locked, via=via)
        rows = []
        for question, value in answers.items():
            values = value if isinstance(value, list | tuple) else [value]
            rows.extend(
                Answer(response=response, question=question, value=str(v).strip())
                for v in values
                if v is not None and str(v).strip() != ""
            )
        Answer.objects.bulk_create(rows)
    return response
