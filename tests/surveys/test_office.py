"""Staff make a survey from a template, adapt it while it is a draft, open and close it, enter
paper answers, publish a summary; leaders decide whether their group takes part."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Question, Response, Study, Survey
from surveys.question_sets import CLIENTS, MEMBERS
from surveys.services import survey_from_template, survey_open
from tests.factory import make_agency, make_survey_responses


def test_staff_create_a_client_survey_from_the_template(client_of, liaison, agency):
    client = client_of(liaison)
    response = client.post(reverse("surveys:office_new"), {"template": "clients"})
    survey = Survey.objects.get()
    assert response["Location"] == survey.get_absolute_url()
    assert survey.agency == agency and survey.status == "draft" and survey.group is None
    assert [q.text for q in survey.questions.all()] == [q.text for q in CLIENTS.questions]
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "self-help or mutual support group" in page


def test_a_members_survey_needs_a_group(client_of, liaison, group):
    client = client_of(liaison)
    response = client.post(reverse("surveys:office_new"), {"template": "members"})
    assert response.status_code == 200
    assert "choose the group" in response.content.decode()
    assert not Survey.objects.exists()
    client.post(reverse("surveys:office_new"), {"template": "members", "group": group.pk})
    survey = Survey.objects.get()
    assert survey.group == group and survey.questions.count() == len(MEMBERS.questions)


def test_staff_adapt_the_draft_add_edit_reorder_and_remove_questions(client_of, liaison, agency):
    survey = survey_from_template(agency=agency, template="clients", by=liaison)
    client = client_of(liaison)
    add = reverse("surveys:question_add", args=[survey.pk])
    bad = client.post(add, {"kind": "single", "text": "Favourite day?", "choices": "Monday"})
    assert "Give at least two choices" in bad.content.decode()
    client.post(add, {"kind": "single", "text": "Favourite day?", "choices": "Monday\nFriday\n"})
    added = survey.questions.last()
    assert added.text == "Favourite day?" and added.choice_list == ["Monday", "Friday"]
    bad = client.post(add, {"kind": "number", "text": "Age band?", "min_value": 9, "max_value": 1})
    assert "highest number is below the lowest" in bad.content.decode()

    first = survey.questions.first()
    client.post(
        reverse("surveys:question_edit", args=[survey.pk, first.pk]),
        {"kind": "single", "text": "Did you go?", "choices": "Yes\nNo", "required": "on"},
    )
    first.refresh_from_db()
    assert first.text == "Did you go?" and first.required

    change = reverse("surveys:question_change", args=[survey.pk, added.pk])
    client.post(change, {"action": "up"})
    texts = list(survey.questions.values_list("text", flat=True))
    assert texts[-2] == "Favourite day?"
    client.post(change, {"action": "delete"})
    assert not survey.questions.filter(pk=added.pk).exists()


def test_questions_are_fixed_once_the_survey_has_opened(client_of, liaison, survey):
    client = client_of(liaison)
    question = survey.questions.first()
    response = client.post(
        reverse("surveys:question_edit", args=[survey.pk, question.pk]),
        {"kind": "single", "text": "Changed", "choices": "A\nB"},
        follow=True,
    )
    assert "cannot change once the survey has opened" in response.content.decode()
    client.post(
        reverse("surveys:question_change", args=[survey.pk, question.pk]), {"action": "delete"}
    )
    question.refresh_from_db()
    assert question.text != "Changed"


def test_opening_and_closing(client_of, liaison, agency):
    survey = survey_from_template(agency=agency, template="clients", by=liaison)
    client = client_of(liaison)
    url = reverse("surveys:status", args=[survey.pk])
    page = client.post(url, {"action": "open"}, follow=True).content.decode()
    survey.refresh_from_db()
    assert survey.status == "open" and survey.opens_on
    assert survey.token in page  # the share link
    client.post(url, {"action": "close"})
    survey.refresh_from_db()
    assert survey.status == "closed" and survey.closed_on
    again = client.post(url, {"action": "close"}, follow=True).content.decode()
    assert "Only an open survey can be closed." in again


def test_a_survey_without_questions_cannot_open(client_of, liaison, agency):
    survey = Survey.objects.create(agency=agency, audience="clients", title="Empty")
    page = client_of(liaison).post(
        reverse("surveys:status", args=[survey.pk]), {"action": "open"}, follow=True
    )
    assert "Add at least one question" in page.content.decode()


def test_staff_enter_paper_answers_with_the_same_checks(client_of, liaison, survey):
    client = client_of(liaison)
    url = reverse("surveys:enter", args=[survey.pk])
    participation = survey.questions.get(key="participation")
    meetings = survey.questions.get(key="meetings")
    page = client.get(url)
    nonce = page.context["form"].initial["nonce"]
    bad = client.post(url, {"nonce": nonce, f"q{meetings.pk}": "500"})
    assert "Please answer this question." in bad.content.decode()
    assert "from 0 to 200" in bad.content.decode()
    ok = client.post(url, {"nonce": nonce, f"q{participation.pk}": "Yes"})
    assert ok.status_code == 302
    again = client.post(url, {"nonce": nonce, f"q{participation.pk}": "Yes"}, follow=True)
    assert "already have" in again.content.decode()
    assert list(Response.objects.values_list("via", flat=True)) == ["paper"]


def test_the_printable_version_has_the_same_questions(client_of, liaison, survey):
    body = client_of(liaison).get(reverse("surveys:print", args=[survey.pk])).content.decode()
    for question in survey.questions.all():
        assert question.text.replace("'", "&#x27;") in body
    assert "data-print" in body and "Please do not write your name" in body


def test_publishing_needs_5_responses_and_a_summary(client_of, liaison, survey, client):
    url = survey.get_absolute_url()
    staff = client_of(liaison)
    fields = {"title": survey.title, "intro": "", "is_published": "on", "summary": "We asked."}
    early = staff.post(url, fields)
    assert "published only with at least 5 responses" in early.content.decode()
    make_survey_responses(survey, [{"participation": "Yes", "satisfaction": "5"}] * 6)
    no_summary = staff.post(url, {**fields, "summary": ""})
    assert "Write a short summary" in no_summary.content.decode()
    assert staff.post(url, fields).status_code == 302
    client.logout()
    page = client.get(reverse("surveys:evidence")).content.decode()
    assert survey.title in page and "We asked." in page
    assert "6 responses" in page


def test_an_unpublished_or_small_survey_stays_off_the_evidence_page(client, survey):
    make_survey_responses(survey, [{"participation": "Yes"}] * 4)
    Survey.objects.filter(pk=survey.pk).update(is_published=True, summary="Secret")
    assert "Secret" not in client.get(reverse("surveys:evidence")).content.decode()


def test_staff_keep_the_list_of_studies(client_of, liaison, client, agency):
    staff = client_of(liaison)
    data = {
        "title": "Circles of Recovery",
        "authors": "Humphreys K.",
        "year": "2004",
        "journal": "Cambridge University Press",
        "url": "",
        "summary": "Self-help groups are a large and low-cost source of help.",
        "order": "1",
        "is_published": "on",
    }
    assert staff.post(reverse("surveys:study_add"), data).status_code == 302
    bad = staff.post(reverse("surveys:study_add"), {**data, "year": "204"})
    assert "year of publication" in bad.content.decode()
    duplicate = staff.post(reverse("surveys:study_add"), data)
    assert "on the list already" in duplicate.content.decode()
    hidden = Study.objects.create(
        agency=agency, title="Draft note", authors="X", year=2020, summary="S", is_published=False
    )
    client.logout()
    page = client.get(reverse("surveys:evidence")).content.decode()
    assert "Circles of Recovery" in page and "Humphreys K. (2004)" in page
    assert hidden.title not in page


def test_another_agencys_survey_and_study_are_404(client_of, liaison, other_agency):
    survey = Survey.objects.create(agency=other_agency, audience="clients", title="Theirs")
    study = Study.objects.create(
        agency=other_agency, title="T", authors="A", year=2000, summary="S"
    )
    client = client_of(liaison)
    for url in (
        reverse("surveys:office_survey", args=[survey.pk]),
        reverse("surveys:results", args=[survey.pk]),
        reverse("surveys:responses_csv", args=[survey.pk]),
        reverse("surveys:study_edit", args=[study.pk]),
    ):
        assert client.get(url).status_code == 404


# --- the leaders' side -----


def test_a_leader_chooses_to_take_part_and_then_gets_the_link(client_of, leader, member_survey):
    client = client_of(leader)
    url = reverse("portal:surveys")
    page = client.get(url).content.decode()
    assert member_survey.title in page and member_survey.token not in page
    assert client.get(member_survey.get_respond_url()).status_code == 410  # not yet
    client.post(reverse("portal:survey_join", args=[member_survey.pk]))
    page = client.get(url).content.decode()
    assert member_survey.token in page
    client.logout()
    assert client.get(member_survey.get_respond_url()).status_code == 200


def test_a_leader_cannot_join_for_another_group(client_of, leader, agency, liaison, other_group):
    theirs = survey_open(
        survey=survey_from_template(
            agency=agency, template="members", group=other_group, by=liaison
        ),
        by=liaison,
    )
    client = client_of(leader)
    assert client.post(reverse("portal:survey_join", args=[theirs.pk])).status_code == 404
    assert theirs.title not in client.get(reverse("portal:surveys")).content.decode()


def test_the_group_waits_and_staff_are_told(client_of, liaison, member_survey):
    page = client_of(liaison).get(member_survey.get_absolute_url()).content.decode()
    assert "Waiting for" in page and member_survey.token not in page


# --- query ceilings -----


def test_list_pages_have_fixed_query_ceilings(client_of, liaison, agency, client, leader, group):
    def count(c, url):
        c.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    def world(n):
        for i in range(n):
            survey = survey_open(
                survey=survey_from_template(agency=agency, template="clients", by=liaison),
                by=liaison,
            )
            make_survey_responses(survey, [{"participation": "Yes", "satisfaction": "4"}] * 5)
            Survey.objects.filter(pk=survey.pk).update(is_published=True, summary="S")
            Study.objects.create(
                agency=agency, title=f"Study {i} {n}", authors="A", year=2000, summary="S"
            )
            member = survey_from_template(
                agency=agency, template="members", group=group, by=liaison
            )
            survey_open(survey=member, by=liaison)

    staff = client_of(liaison)
    world(1)
    urls = [
        (staff, reverse("surveys:office_list")),
        (staff, reverse("surveys:studies")),
        (client, reverse("surveys:evidence")),
    ]
    few = [count(c, url) for c, url in urls]
    world(12)
    assert [count(c, url) for c, url in urls] == few
    assert max(few) <= 12
    lead = client_of(leader)
    before = count(lead, reverse("portal:surveys"))
    world(3)
    assert count(lead, reverse("portal:surveys")) == before


def test_the_results_page_has_a_fixed_query_count(client_of, liaison, survey):
    client = client_of(liaison)
    url = reverse("surveys:results", args=[survey.pk])
    make_survey_responses(survey, [{"participation": "Yes", "satisfaction": "4"}] * 5)

    by = {"by": survey.questions.get(key="participation").pk}

    def count(params=None):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        return len(ctx)

    few, few_by = count(), count(by)
    make_survey_responses(survey, [{"participation": "No", "meetings": 3}] * 40)
    make_survey_responses(survey, [{"kinds": ["Another kind of group"], "helped": []}] * 6)
    assert count() == few
    assert count(by) == few_by == few + 1


def test_two_agencies_keep_their_surveys_apart(client_of, liaison, survey):
    other = make_agency()
    Survey.objects.create(agency=other, audience="clients", title="Elsewhere survey")
    page = client_of(liaison).get(reverse("surveys:office_list")).content.decode()
    assert survey.title in page and "Elsewhere survey" not in page
    assert Question.objects.filter(survey=survey).exists()


def test_the_evidence_page_narrows_to_one_agency_for_its_web_site(client, agency, other_agency):
    Study.objects.create(agency=agency, title="Ours", authors="A", year=2001, summary="S")
    Study.objects.create(agency=other_agency, title="Theirs", authors="B", year=2002, summary="S")
    everything = client.get(reverse("surveys:evidence")).content.decode()
    assert "Ours" in everything and "Theirs" in everything
    ours = client.get(reverse("surveys:evidence"), {"agency": agency.slug}).content.decode()
    assert "Ours" in ours and "Theirs" not in ours and f"As chosen by {agency.name}" in ours
    unknown = client.get(reverse("surveys:evidence"), {"agency": "nope"})
    assert unknown.status_code == 200 and "Theirs" in unknown.content.decode()


def test_the_portal_home_tells_the_leader_a_survey_waits_for_the_groups_decision(
    client_of, leader, member_survey
):
    client = client_of(leader)
    assert (
        "1 survey for your group to decide on"
        in client.get(reverse("portal:home")).content.decode()
    )
    client.post(reverse("portal:survey_join", args=[member_survey.pk]))
    assert "to decide on" not in client.get(reverse("portal:home")).content.decode()
