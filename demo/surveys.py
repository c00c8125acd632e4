"""The demo surveys side (`data/surveys.toml`): the studies the paper cites on the evidence page, a
draft made from each ready template, and one closed client survey with anonymous responses,
published with a summary; the templates bring their questions in Spanish. Idempotent: found by
title; responses are made only once."""

import datetime as dt
import random

from django.utils import timezone

from demo import files
from groups.models import SelfHelpGroup
from liaison.models import Agency, User
from surveys.models import Response, Study, Survey
from surveys.services import response_submit, survey_close, survey_from_template, survey_open

STUDY_FIELDS = "title authors year journal url summary"
CLOSED_FIELDS = (
    "title title_es template opened_days_ago closed_after_days responses answered_within_days "
    "paper_every seed summary answers"
)


def seed_surveys():
    fields = "agency staff drafts studies closed_survey"
    document = files.read("surveys.toml", fields=fields)
    with document:
        agency = Agency.objects.get(slug=document["agency"])
        staff = User.objects.get(email=document["staff"])
    for order, row in enumerate(document.rows("studies", name="title", fields=STUDY_FIELDS), 1):
        with row:
            if Study.objects.filter(agency=agency, title=row["title"]).exists():
                continue
            study = Study(
                agency=agency,
                title=row["title"],
                authors=row["authors"],
                year=row["year"],
                journal=row["journal"],
                url=row.get("url", ""),
                summary=row["summary"],
                order=order,
            )
            study.full_clean()
            study.save()
    closed = document.table("closed_survey", fields=CLOSED_FIELDS)
    with closed:
        if not Survey.objects.for_agency(agency).filter(title=closed["title"]).exists():
            _closed_survey(closed, agency, staff)
    with document:
        if not Survey.objects.for_agency(agency).filter(status=Survey.Status.DRAFT).exists():
            for template in document["drafts"]:
                # A members' survey is for one group: the first active one.
                group = SelfHelpGroup.objects.active().order_by("name").first()
                survey_from_template(agency=agency, template=template, by=staff, group=group)


def _closed_survey(spec, agency, staff):
    survey = survey_from_template(agency=agency, template=spec["template"], by=staff)
    today = timezone.localdate()
    opened = today - dt.timedelta(days=spec["opened_days_ago"])
    survey.title = spec["title"]
    survey.title_es = spec.get("title_es", "")
    survey.opens_on = opened
    survey.full_clean()
    survey.save()
    survey = survey_open(survey=survey, by=staff)
    questions = {q.key: q for q in survey.questions.all()}
    rng = random.Random(spec["seed"])  # the same demo every time
    for n in range(spec["responses"]):
        via = Response.Via.PAPER if n % spec["paper_every"] == 0 else Response.Via.LINK
        answers = _answers(rng, questions, spec["answers"])
        response = response_submit(survey=survey, answers=answers, nonce=f"demo-{n}", via=via)
        day = opened + dt.timedelta(days=rng.randrange(0, spec["answered_within_days"]))
        Response.objects.filter(pk=response.pk).update(submitted_on=day)
    survey = survey_close(survey=survey, by=staff)
    survey.closed_on = opened + dt.timedelta(days=spec["closed_after_days"])
    survey.is_published = True
    survey.summary = spec["summary"]
    survey.full_clean()
    survey.save()


def _answers(rng, questions, spec):
    """One person's answers, drawn as `spec` says (see surveys.toml)."""

    def draw(key):
        question, how = files.pick(questions, key, "question"), files.pick(spec, key, "question")
        if "chances" in how:
            chances = how["chances"]
            return [
                c for c, p in zip(question.choice_list, chances, strict=True) if rng.random() < p
            ]
        values = how.get("values", question.choice_list)
        if "weights" in how:
            return rng.choices(values, weights=how["weights"])[0]
        return rng.choice(values)

    def answered(key):
        return rng.random() < spec[key]["answered"]

    answers = {}
    took_part = draw("participation")
    answers[questions["participation"]] = took_part
    if took_part == "Yes":
        # Who took part went to at least one kind of group.
        answers[questions["kinds"]] = draw("kinds") or [questions["kinds"].choice_list[0]]
        for key in ("meetings", "satisfaction", "helped"):
            answers[questions[key]] = draw(key)
    elif answered("barriers"):
        answers[questions["barriers"]] = draw("barriers")
    for key in ("agency_help", "comments"):
        if answered(key):
            answers[questions[key]] = draw(key)
    return answers
