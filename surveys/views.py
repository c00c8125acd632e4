from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from groups.directory.printed import qr_svg
from groups.models import SelfHelpGroup
from liaison import csvio, ratelimit
from liaison.models import Agency, StaffMembership
from liaison.permissions import Can, can, get_for_user, leader_required, private_or_404, requires
from surveys.forms import (
    NewSurveyForm,
    QuestionForm,
    QuestionSpanishForm,
    ResponseForm,
    StudyForm,
    SurveyForm,
)
from surveys.models import MIN_CELL, Question, Response, Study, Survey
from surveys.results import HIDDEN, breakdowns, results_for, survey_results
from surveys.services import (
    FORM_KEY_SECONDS,
    AlreadyAnswered,
    SurveyError,
    open_problem,
    question_delete,
    question_move,
    question_save,
    question_translate,
    response_submit,
    survey_close,
    survey_from_template,
    survey_join,
    survey_open,
)

Role = StaffMembership.Role
KEEP_ROLES = (Role.LIAISON,)
# Executives see the aggregates; single responses stay with the liaison office.
RESULT_ROLES = (Role.LIAISON, Role.EXECUTIVE)
# The same browser sending answers again within this many seconds is told it already has.
DUPLICATE_SECONDS = 60
# Responses one address may send to one survey in an hour. More than one: a clinic's
# waiting-room computer, a shelter's tablet or a family's home connection is shared by several
# people who may each answer, and paper answers typed in by staff are not counted here. Few
# enough that one person cannot outweigh a survey's real answers.
RESPONSES_PER_ADDRESS_PER_HOUR = 20
DUPLICATES_NOTE = (
    "Each copy of the form carries a signed one-time key that works once and for "
    f"{FORM_KEY_SECONDS // 3600} hours: a form sent twice, without its key or with an old one "
    "records nothing. The same browser sending again within a minute is thanked and not "
    f"counted. One internet address may send at most {RESPONSES_PER_ADDRESS_PER_HOUR} responses "
    "to a survey in an hour (a shared computer in a waiting room may serve several clients); "
    "only a keyed hash of the address is kept, in the cache, for that hour, never with the "
    "answers. Software that fills in a field hidden from people is thanked and not counted."
)


ANSWERED_SALT = "surveys.answered"


def _answered_cookie(survey):
    return f"answered-{survey.pk}"


def _answered_recently(request, survey):
    """A signed cookie that lives for a minute in the respondent's browser only: the server
    keeps no record of who answered, not even a session."""
    value = request.get_signed_cookie(
        _answered_cookie(survey), default=None, salt=ANSWERED_SALT, max_age=DUPLICATE_SECONDS
    )
    return value == survey.token


def _posted(request):
    # A POST with nothing in it is still a POST: a form without its key, not a first visit.
    return request.POST if request.method == "POST" else None


# --- the anonymous respondent -----


@require_http_methods(["GET", "POST"])
def respond(request, token):
    """The anonymous link. Nothing about the respondent is kept: not the user (the page works
    signed out), not the IP address, not the time of day."""
    survey = get_object_or_404(Survey.objects.select_related("agency", "group"), token=token)
    if not survey.is_accepting():
        return render(request, "surveys/closed.html", {"survey": survey}, status=410)
    questions = list(survey.questions.all())
    # The respondent's language: the questions in Spanish for a Spanish reader, where staff
    # wrote them; the answers are stored in the original words all the same.
    form = ResponseForm(
        _posted(request), survey=survey, questions=questions, language=get_language()
    )
    notice, status = "", 200
    if request.method == "POST":
        if _answered_recently(request, survey):
            return render(request, "surveys/thanks.html", {"survey": survey, "already": True})
        valid = form.is_valid()
        if form.is_spam():
            # Software that fills in every field is thanked like a person and learns nothing.
            return redirect("surveys:thanks", token=survey.token)
        if form.has_bad_key:
            form = form.with_new_key()
            notice = gettext(
                "Your answers were not recorded: this page was opened too long ago, or it "
                "arrived incomplete. Please check your answers below and send them again."
            )
        elif valid and ratelimit.address_exceeded(
            request, f"survey:{survey.pk}", limit=RESPONSES_PER_ADDRESS_PER_HOUR
        ):
            notice = gettext(
                "Many answers to this survey came from this computer or network in the last "
                "hour, so these were not recorded. Please try again later."
            )
            status = 429
        elif valid:
            try:
                response_submit(
                    survey=survey, answers=form.answers(), nonce=form.cleaned_data["nonce"]
                )
            except AlreadyAnswered:
                return render(request, "surveys/thanks.html", {"survey": survey, "already": True})
            except SurveyError as error:
                return render(
                    request, "surveys/closed.html", {"survey": survey, "error": error}, status=410
                )
            thanked = redirect("surveys:thanks", token=survey.token)
            thanked.set_signed_cookie(
                _answered_cookie(survey),
                survey.token,
                salt=ANSWERED_SALT,
                max_age=DUPLICATE_SECONDS,
                path=survey.get_respond_url(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return thanked
        form.mark_errors()
    else:
        form.initial["nonce"] = form.new_nonce()
    return render(
        request,
        "surveys/respond.html",
        {"survey": survey, "form": form, "fields": _fields(form), "notice": notice},
        status=status,
    )


def _fields(form):
    return [form[f"q{q.pk}"] for q in form.questions]


@require_GET
def thanks(request, token):
    survey = get_object_or_404(Survey, token=token)
    return render(request, "surveys/thanks.html", {"survey": survey})


# --- the public evidence page -----


@require_GET
def evidence(request):
    """Every agency's published studies and survey summaries; `?agency=<slug>` narrows the page
    to one agency, for its web site to link to."""
    agency = Agency.objects.filter(slug=request.GET.get("agency") or "").first()
    studies = Study.objects.published().select_related("agency")
    surveys = Survey.objects.published()
    if agency:
        studies, surveys = studies.filter(agency=agency), surveys.filter(agency=agency)
    seen, unique = set(), []
    for study in studies:
        if study.title.lower() not in seen:
            seen.add(study.title.lower())
            unique.append(study)
    surveys = (
        surveys.exclude(status=Survey.Status.DRAFT)
        .select_related("agency", "group")
        .order_by("-opens_on", "-pk")[:20]
    )
    summaries = [r for r in results_for(surveys) if r.shown]
    return render(
        request,
        "surveys/evidence.html",
        {"studies": unique, "summaries": summaries, "min_cell": MIN_CELL, "agency": agency},
    )


# --- the office -----


@requires(Can.SEE_SURVEY_RESULTS)
def survey_list(request):
    surveys = (
        Survey.objects.for_user(request.user)
        .select_related("group")
        .annotate(n=Count("responses"))
        .order_by("-created_at", "-pk")
    )
    page = Paginator(surveys, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/office_list.html",
        {"page": page, "can_keep": can(request.user, Can.KEEP_SURVEYS), "min_cell": MIN_CELL},
    )


@requires(Can.KEEP_SURVEYS)
@require_http_methods(["GET", "POST"])
def survey_new(request):
    form = NewSurveyForm(request.POST or None, initial={"template": "clients"})
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_from_template(
                agency=request.user.agency,
                template=form.cleaned_data["template"],
                group=form.cleaned_data["group"],
                by=request.user,
            )
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "A draft survey with the template's questions. Adapt it, then open it."
            )
            return redirect(survey)
    return render(request, "surveys/survey_new.html", {"form": form})


def _survey(request, pk):
    return get_for_user(Survey.objects.select_related("group"), request.user, pk=pk)


def _link_works(survey):
    """Whether the anonymous link is worth handing out: the survey is open and, for a members'
    survey, the group has chosen to take part."""
    return survey.status == Survey.Status.OPEN and not (
        survey.is_for_members and survey.group_joined_on is None
    )


@requires(Can.KEEP_SURVEYS)
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk):
    survey = _survey(request, pk)
    responses = survey.responses.count()
    form = SurveyForm(request.POST or None, instance=survey, responses=responses)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved the survey.")
        return redirect(survey)
    share_url = request.build_absolute_uri(survey.get_respond_url())
    return render(
        request,
        "surveys/survey_edit.html",
        {
            "survey": survey,
            "form": form,
            "questions": survey.questions.all(),
            "responses": responses,
            "min_cell": MIN_CELL,
            "share_url": share_url,
            "qr": qr_svg(share_url) if _link_works(survey) else "",
        },
    )


@requires(Can.KEEP_SURVEYS)
@require_GET
def survey_open_confirm(request, pk):
    """Opening fixes the questions for good, so the button on the survey's page leads here
    first: this page says what opening does, and only its form (a POST to `survey_status`)
    opens the survey."""
    survey = _survey(request, pk)
    if survey.status == Survey.Status.OPEN:
        messages.info(request, "The survey is open already.")
        return redirect(survey)
    return render(
        request,
        "surveys/survey_open.html",
        {
            "survey": survey,
            "problem": open_problem(survey),
            "questions": survey.questions.count(),
            "min_cell": MIN_CELL,
        },
    )


@requires(Can.KEEP_SURVEYS)
@require_GET
def survey_link_print(request, pk):
    """The anonymous link on a sheet to print, with its QR code, for a waiting room's wall or a
    group's table: people answer on their own phone, and nobody has to type the address."""
    survey = get_for_user(Survey.objects.select_related("agency", "group"), request.user, pk=pk)
    share_url = request.build_absolute_uri(survey.get_respond_url())
    return render(
        request,
        "surveys/survey_link_print.html",
        {
            "survey": survey,
            "share_url": share_url,
            "qr": qr_svg(share_url),
            "link_works": survey.is_accepting(),
        },
    )


@requires(Can.KEEP_SURVEYS)
@require_POST
def survey_status(request, pk):
    survey = _survey(request, pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            survey_open(survey=survey, by=request.user)
            messages.success(request, "The survey is open: share its link.")
        elif action == "close":
            survey_close(survey=survey, by=request.user)
            messages.success(request, "The survey is closed: its link no longer takes answers.")
        else:
            messages.error(request, "Choose to open or to close the survey.")
    except SurveyError as error:
        messages.error(request, str(error))
    return redirect(survey)


@requires(Can.KEEP_SURVEYS)
@require_http_methods(["GET", "POST"])
def question_edit(request, pk, question_pk=None):
    survey = _survey(request, pk)
    question = (
        private_or_404(Question.objects.filter(survey=survey), pk=question_pk)
        if question_pk
        else Question(survey=survey, kind=Question.Kind.SINGLE)
    )
    if not survey.is_editable:
        messages.error(request, "The questions cannot change once the survey has opened.")
        return redirect(survey)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            question_save(question=form.instance)
        except SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Saved the question.")
        return redirect(survey)
    return render(
        request,
        "surveys/question_form.html",
        {"survey": survey, "question": question, "form": form},
    )


@requires(Can.KEEP_SURVEYS)
@require_http_methods(["GET", "POST"])
def question_spanish(request, pk, question_pk):
    """The Spanish version of a question, alone: it may be written or corrected once the survey
    has opened, when the question itself is fixed, since it changes no answer."""
    survey = _survey(request, pk)
    question = private_or_404(Question.objects.filter(survey=survey), pk=question_pk)
    form = QuestionSpanishForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        question_translate(question=form.instance)
        messages.success(request, "Saved the question in Spanish.")
        return redirect(survey)
    return render(
        request,
        "surveys/question_spanish.html",
        {"survey": survey, "question": question, "form": form},
    )


@requires(Can.KEEP_SURVEYS)
@require_POST
def question_change(request, pk, question_pk):
    """Move a question up or down, or remove it."""
    survey = _survey(request, pk)
    question = private_or_404(Question.objects.filter(survey=survey), pk=question_pk)
    action = request.POST.get("action")
    try:
        if action in ("up", "down"):
            question_move(question=question, up=action == "up")
        elif action == "delete":
            question_delete(question=question)
            messages.success(request, f"Removed “{question.text}”.")
    except SurveyError as error:
        messages.error(request, str(error))
    return redirect(survey)


@requires(Can.KEEP_SURVEYS)
def survey_print(request, pk):
    survey = _survey(request, pk)
    form = ResponseForm(survey=survey, questions=list(survey.questions.all()))
    return render(request, "surveys/survey_print.html", {"survey": survey, "fields": _fields(form)})


@requires(Can.KEEP_SURVEYS)
@require_http_methods(["GET", "POST"])
def survey_enter(request, pk):
    """Staff type in a paper questionnaire: the same questions and checks as the link."""
    survey = _survey(request, pk)
    form = ResponseForm(_posted(request), survey=survey, questions=list(survey.questions.all()))
    if request.method == "POST":
        valid = form.is_valid()
        if form.has_bad_key:
            form = form.with_new_key()
            messages.error(
                request,
                "These answers were not saved: the page was opened too long ago. "
                "Check them below and save again.",
            )
        elif valid:
            try:
                response_submit(
                    survey=survey,
                    answers=form.answers(),
                    nonce=form.cleaned_data["nonce"],
                    via=Response.Via.PAPER,
                )
            except SurveyError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Saved the paper answers. Enter the next one.")
            return redirect("surveys:enter", pk=survey.pk)
        form.mark_errors()
    else:
        form.initial["nonce"] = form.new_nonce()
    return render(
        request,
        "surveys/survey_enter.html",
        {"survey": survey, "form": form, "fields": _fields(form)},
    )


@requires(Can.SEE_SURVEY_RESULTS)
def results(request, pk):
    survey = _survey(request, pk)
    is_liaison = can(request.user, Can.KEEP_SURVEYS)
    result = survey_results(survey, with_texts=is_liaison)
    by_choices = [q.question for q in result.questions if q.question.kind in ("single", "scale")]
    by = next((q for q in by_choices if str(q.pk) == request.GET.get("by")), None)
    tables = []
    if result.shown and by:
        tables = breakdowns(survey, by, [q.question for q in result.questions if not q.hidden])
    charts = {f"q{q.question.pk}": q.chart for q in result.questions if q.rows and not q.hidden}
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "result": result,
            "min_cell": MIN_CELL,
            "is_liaison": is_liaison,
            "by_choices": by_choices,
            "by": by,
            "breakdowns": tables,
            "charts": charts,
            "duplicates_note": DUPLICATES_NOTE,
        },
    )


def _cell(value):
    return f"fewer than {MIN_CELL}" if value is HIDDEN else value


@requires(Can.SEE_SURVEY_RESULTS)
def results_csv(request, pk):
    """The aggregate, with the same suppression as the page."""
    survey = _survey(request, pk)
    result = survey_results(survey)
    response = csvio.response(f"survey-{survey.pk}-results.csv")
    writer = csvio.Writer(response)
    writer.writerow(["question", "answer", "count", "percent of those who answered"])
    if not result.shown:
        writer.writerow([f"Results show from {MIN_CELL} responses; there are fewer.", "", "", ""])
    else:
        _write_results(writer, survey, result, request.GET.get("by"))
    writer.writerow([])
    writer.writerow(["How duplicate answers are kept out", DUPLICATES_NOTE, "", ""])
    return response


def _write_results(writer, survey, result, by_pk):
    for q in result.questions:
        if q.hidden:
            writer.writerow([q.question.text, f"fewer than {MIN_CELL} answered", "", ""])
            continue
        for row in q.rows:
            writer.writerow([q.question.text, row.label, _cell(row.count), _cell(row.percent)])
        if q.average is not None:
            writer.writerow([q.question.text, "average", q.average, ""])
    by = next((q.question for q in result.questions if str(q.question.pk) == by_pk), None)
    if by:
        shown = [q.question for q in result.questions if not q.hidden]
        for table in breakdowns(survey, by, shown):
            writer.writerow([])
            writer.writerow([table.question.text, f"by: {by.text}", *table.columns])
            for label, cells in table.rows:
                writer.writerow(["", label, *(_cell(c) for c in cells)])


@requires(Can.KEEP_SURVEYS)
def responses_csv(request, pk):
    """Single responses, for the liaison office only, and still nothing that names anyone."""
    survey = _survey(request, pk)
    questions = list(survey.questions.all())
    responses = survey.responses.prefetch_related("answers").order_by("pk")
    response = csvio.response(f"survey-{survey.pk}-responses.csv")
    writer = csvio.Writer(response)
    writer.writerow(["response", "submitted on", "via", *(q.text for q in questions)])
    for n, entry in enumerate(responses, start=1):
        values = {}
        for answer in entry.answers.all():
            values.setdefault(answer.question_id, []).append(answer.value)
        writer.writerow(
            [
                n,
                entry.submitted_on,
                entry.via,
                *("; ".join(values.get(q.pk, [])) for q in questions),
            ]
        )
    return response


# --- studies for the evidence page -----


@requires(Can.KEEP_SURVEYS)
def studies(request):
    listing = Study.objects.for_user(request.user)
    return render(request, "surveys/studies.html", {"studies": listing})


@requires(Can.KEEP_SURVEYS)
@require_http_methods(["GET", "POST"])
def study_edit(request, pk=None):
    agency = request.user.agency
    study = get_for_user(Study, request.user, pk=pk) if pk else Study(agency=agency)
    form = StudyForm(request.POST or None, instance=study, agency=agency)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved the study.")
        return redirect("surveys:studies")
    return render(request, "surveys/study_form.html", {"form": form, "study": study})


# --- the leaders' side -----


@leader_required
def leader_surveys(request):
    surveys = (
        Survey.objects.filter(
            group__in=SelfHelpGroup.objects.led_by(request.user),
            audience=Survey.Audience.MEMBERS,
        )
        .exclude(status=Survey.Status.DRAFT)
        .select_related("group", "agency")
        .order_by("-opens_on", "-pk")
    )
    shown = [
        {
            "survey": s,
            "link": request.build_absolute_uri(s.get_respond_url()),
        }
        for s in surveys
    ]
    return render(request, "surveys/leader_surveys.html", {"surveys": shown})


@leader_required
@require_POST
def leader_join(request, pk):
    survey = private_or_404(
        Survey.objects.filter(
            audience=Survey.Audience.MEMBERS,
            group__in=SelfHelpGroup.objects.led_by(request.user),
        ),
        pk=pk,
    )
    try:
        survey_join(survey=survey, by=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("%(group)s takes part. Share the link below with the members.")
            % {"group": survey.group},
        )
    return redirect(reverse("portal:surveys") + f"#survey-{survey.pk}")
