"""Demo data of the surveys side: the studies the paper cites on the evidence page, a draft
made from each ready template, and one closed client survey with about 80 anonymous responses,
published with a summary. Idempotent: found by title; responses are made only once."""

import datetime as dt
import random
from urllib.parse import quote_plus

from django.utils import timezone

from groups.models import SelfHelpGroup
from liaison.models import Agency, User
from surveys.models import Question, Response, Study, Survey
from surveys.services import response_submit, survey_from_template


def _pubmed(title):
    return f"https://pubmed.ncbi.nlm.nih.gov/?term={quote_plus(title)}"


MOOS = (
    "Long-term influence of duration and frequency of participation in Alcoholics Anonymous "
    "on individuals with alcohol use disorders"
)
TIMKO = "Intensive referral to 12-Step self-help groups and 6-month substance use disorder outcomes"
PISTRANG = "Mutual help groups for mental health problems: a review of effectiveness studies"

# title, authors, year, published in, link, plain-language summary
STUDIES = [
    (
        "Circles of Recovery: Self-Help Organizations for Addictions",
        "Humphreys K.",
        2004,
        "Cambridge University Press",
        "",
        "A book-length review showing that self-help groups for addiction reach very many people, "
        "help many of them, and cost health services almost nothing.",
    ),
    (
        MOOS,
        "Moos R.H., Moos B.S.",
        2004,
        "Journal of Consulting and Clinical Psychology 72(1):81–90",
        _pubmed(MOOS),
        "People with drinking problems who went to Alcoholics Anonymous longer and more often "
        "were more likely to be doing well years later.",
    ),
    (
        TIMKO,
        "Timko C., DeBenedetti A., Billow R.",
        2006,
        "Addiction 101(5):678–688",
        _pubmed(TIMKO),
        "When counsellors linked patients with a member of a 12-step group instead of only "
        "suggesting it, patients went to more meetings and used less alcohol and drugs.",
    ),
    (
        PISTRANG,
        "Pistrang N., Barker C., Humphreys K.",
        2008,
        "American Journal of Community Psychology 42:110–121",
        _pubmed(PISTRANG),
        "Across studies of groups for mental health problems, members often did as well as or "
        "better than people without a group, and no study found harm.",
    ),
    (
        "Patterns and correlates of self-help group membership in the United States",
        "Kessler R.C., Mickelson K.D., Zhao S.",
        1997,
        "Social Policy 27(3):27–46",
        "",
        "Millions of Americans have taken part in a self-help group, often for the same problems "
        "people bring to professionals.",
    ),
    (
        "Peer support among individuals with severe mental illness: a review of the evidence",
        "Davidson L., Chinman M., Kloos B., Weingarten R., Stayner D., Tebes J.K.",
        1999,
        "Clinical Psychology: Science and Practice 6(2):165–187",
        "",
        "Support from peers who have lived with serious mental illness is feasible and helps "
        "people feel hopeful and less alone.",
    ),
]

CLOSED_TITLE = "Clients and self-help groups, spring survey"
SUMMARY = (
    "In the spring we asked our clients, anonymously, whether they take part in self-help "
    "groups. About half had gone to a group in the last three months, most of them to a 12-step "
    "or peer support group, and most of those were satisfied. Times and places that did not suit "
    "were the most common obstacle; being introduced by a member helped most."
)


def seed_surveys():
    agency = Agency.objects.filter(slug="riverside").first()
    if agency is None:
        return
    for order, (title, authors, year, journal, url, summary) in enumerate(STUDIES, start=1):
        Study.objects.get_or_create(
            agency=agency,
            title=title,
            defaults={
                "authors": authors,
                "year": year,
                "journal": journal,
                "url": url,
                "summary": summary,
                "order": order,
            },
        )
    staff = User.objects.filter(email="liaison@riverside.example").first()
    if not Survey.objects.for_agency(agency).filter(title=CLOSED_TITLE).exists():
        _closed_client_survey(agency, staff)
    if not Survey.objects.for_agency(agency).filter(status=Survey.Status.DRAFT).exists():
        survey_from_template(agency=agency, template="clients", by=staff)
        group = SelfHelpGroup.objects.active().order_by("name").first()
        if group is not None:
            survey_from_template(agency=agency, template="members", group=group, by=staff)


def _closed_client_survey(agency, staff):
    survey = survey_from_template(agency=agency, template="clients", by=staff)
    today = timezone.localdate()
    opened = today - dt.timedelta(days=75)
    survey.title = CLOSED_TITLE
    survey.status = Survey.Status.OPEN
    survey.opens_on = opened
    survey.save()
    questions = {q.key: q for q in survey.questions.all()}
    rng = random.Random(12)  # the same demo every time
    for n in range(82):
        response = response_submit(
            survey=survey, answers=_answers(rng, questions), nonce=f"demo-{n}", via=_via(n)
        )
        day = opened + dt.timedelta(days=rng.randrange(0, 28))
        Response.objects.filter(pk=response.pk).update(submitted_on=day)
    survey.status = Survey.Status.CLOSED
    survey.closed_on = opened + dt.timedelta(days=30)
    survey.is_published = True
    survey.summary = SUMMARY
    survey.save()


def _via(n):
    return Response.Via.PAPER if n % 5 == 0 else Response.Via.LINK


def _pick(rng, question, weights):
    return rng.choices(question.choice_list, weights=weights)[0]


def _some(rng, question, chances):
    return [c for c, p in zip(question.choice_list, chances, strict=True) if rng.random() < p]


def _answers(rng, q):
    answers: dict[Question, object] = {}
    took_part = _pick(rng, q["participation"], [44, 31, 7])
    answers[q["participation"]] = took_part
    if took_part == "Yes":
        answers[q["kinds"]] = _some(rng, q["kinds"], [0.6, 0.35, 0.15, 0.08, 0.06, 0.05]) or [
            q["kinds"].choice_list[0]
        ]
        answers[q["meetings"]] = rng.choice([2, 4, 6, 8, 10, 12, 12, 20, 24, 30, 40])
        answers[q["satisfaction"]] = rng.choices(["2", "3", "4", "5"], weights=[2, 6, 18, 16])[0]
        answers[q["helped"]] = _some(rng, q["helped"], [0.5, 0.4, 0.3, 0.25, 0.15, 0.05])
    elif rng.random() < 0.8:
        answers[q["barriers"]] = _some(rng, q["barriers"], [0.45, 0.3, 0.25, 0.3, 0.2, 0.1])
    if rng.random() < 0.85:
        answers[q["agency_help"]] = rng.choices(["1", "2", "3", "4", "5"], [2, 4, 14, 30, 20])[0]
    if rng.random() < 0.1:
        answers[q["comments"]] = rng.choice(
            [
                "Someone from the group met me at the door. That made it easy.",
                "I would go if there was an evening meeting near the bus line.",
                "The online meeting works for me with the kids at home.",
            ]
        )
    return answers
