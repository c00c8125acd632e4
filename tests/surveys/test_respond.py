"""The anonymous link: each question type's checks, what is kept when an answer is wrong,
closing, and the same form or browser sending twice."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from surveys.models import Answer, Response, Survey
from surveys.services import survey_close


def q(survey, key):
    return survey.questions.get(key=key)


def field(survey, key):
    return f"q{q(survey, key).pk}"


def form_data(client, survey, **answers):
    """GET the form (for its one-time key), then the answers by question key."""
    page = client.get(survey.get_respond_url())
    assert page.status_code == 200
    data = {"nonce": page.context["form"].initial["nonce"]}
    for key, value in answers.items():
        data[field(survey, key)] = value
    return data


def test_it_records_an_anonymous_response_with_each_kind_of_answer(client, survey):
    data = form_data(
        client,
        survey,
        participation="Yes",
        kinds=["12-step group (AA, NA, Al-Anon, ...)", "Grief or bereavement group"],
        meetings="12",
        satisfaction="4",
        comments="The Tuesday group was kind.",
    )
    response = client.post(survey.get_respond_url(), data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks", args=[survey.token])
    stored = Response.objects.get()
    values = sorted(stored.answers.values_list("question__key", "value"))
    assert values == [
        ("comments", "The Tuesday group was kind."),
        ("kinds", "12-step group (AA, NA, Al-Anon, ...)"),
        ("kinds", "Grief or bereavement group"),
        ("meetings", "12"),
        ("participation", "Yes"),
        ("satisfaction", "4"),
    ]
    assert "Thank you" in client.get(response["Location"]).content.decode()
    # Not even a session records that this browser answered: only a signed cookie, for a minute.
    from django.contrib.sessions.models import Session

    assert not Session.objects.exists()
    assert response.cookies[f"answered-{survey.pk}"]["max-age"] == 60


def test_a_required_question_left_empty_is_explained_and_the_rest_is_kept(client, survey):
    data = form_data(client, survey, meetings="7", comments="Kept text")
    response = client.post(survey.get_respond_url(), data)
    assert response.status_code == 200
    body = response.content.decode()
    name = field(survey, "participation")
    assert f'id="{name}-error"' in body
    assert "Please answer this question." in body
    assert f'aria-describedby="{name}-error"' in body
    assert 'value="7"' in body and "Kept text" in body
    assert not Response.objects.exists()


@pytest.mark.parametrize("bad", ["201", "-1", "twelve", "3.5"])
def test_a_number_out_of_range_or_not_a_number_is_refused(client, survey, bad):
    data = form_data(client, survey, participation="No", meetings=bad)
    response = client.post(survey.get_respond_url(), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please give a whole number from 0 to 200." in body
    assert 'aria-invalid="true"' in body
    assert f'value="{bad}"' in body
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("participation", "Maybe"),
        ("kinds", ["Knitting circle"]),
        ("satisfaction", "6"),
        ("satisfaction", "0"),
    ],
)
def test_a_choice_not_offered_is_refused(client, survey, key, bad):
    answers = {"participation": "Yes", key: bad}
    response = client.post(survey.get_respond_url(), form_data(client, survey, **answers))
    assert response.status_code == 200
    assert "Please choose one of the answers offered." in response.content.decode()
    assert not Response.objects.exists()


def test_a_long_text_is_refused_with_its_limit(client, survey):
    data = form_data(client, survey, participation="Yes", comments="x" * 1001)
    response = client.post(survey.get_respond_url(), data)
    assert response.status_code == 200
    assert "at most 1000 characters" in response.content.decode()
    assert not Response.objects.exists()


def test_optional_questions_may_be_skipped_and_store_nothing(client, survey):
    data = form_data(client, survey, participation="No")
    assert client.post(survey.get_respond_url(), data).status_code == 302
    assert list(Answer.objects.values_list("value", flat=True)) == ["No"]


def test_the_same_form_sent_twice_makes_one_response(client, survey):
    data = form_data(client, survey, participation="Yes")
    assert client.post(survey.get_respond_url(), data).status_code == 302
    client.cookies.clear()  # even from another browser session, the same form is the same form
    again = client.post(survey.get_respond_url(), data)
    assert again.status_code == 200
    assert "We already have your answers — thank you" in again.content.decode()
    assert Response.objects.count() == 1


def test_the_same_browser_sending_again_within_a_minute_is_thanked_not_counted(client, survey):
    assert (
        client.post(
            survey.get_respond_url(), form_data(client, survey, participation="Yes")
        ).status_code
        == 302
    )
    second = form_data(client, survey, participation="No")  # a fresh form, same browser
    again = client.post(survey.get_respond_url(), second)
    assert "We already have your answers" in again.content.decode()
    assert Response.objects.count() == 1


def test_the_same_browser_may_answer_again_after_a_minute(client, survey, monkeypatch):
    import time

    assert (
        client.post(
            survey.get_respond_url(), form_data(client, survey, participation="Yes")
        ).status_code
        == 302
    )
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    data = form_data(client, survey, participation="No")
    assert client.post(survey.get_respond_url(), data).status_code == 302
    assert Response.objects.count() == 2


def test_a_closed_survey_says_so_and_stores_nothing(client, survey, liaison):
    data = form_data(client, survey, participation="Yes")
    survey_close(survey=survey, by=liaison)
    response = client.post(survey.get_respond_url(), data)
    assert response.status_code == 410
    assert "This survey is closed" in response.content.decode()
    assert not Response.objects.exists()
    assert client.get(survey.get_respond_url()).status_code == 410


def test_a_survey_past_its_closing_day_is_closed(client, survey):
    import datetime as dt

    from django.utils import timezone

    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    response = client.get(survey.get_respond_url())
    assert response.status_code == 410
    assert "no longer takes answers" in response.content.decode()


def test_a_draft_is_not_open_yet(client, agency, liaison):
    from surveys.services import survey_from_template

    draft = survey_from_template(agency=agency, template="clients", by=liaison)
    response = client.get(draft.get_respond_url())
    assert response.status_code == 410
    assert "not open yet" in response.content.decode()


def test_an_unknown_link_is_404(client, db):
    assert client.get(reverse("surveys:respond", args=["no-such-token"])).status_code == 404


def test_the_respond_page_is_accessible_markup(client, survey):
    body = client.get(survey.get_respond_url()).content.decode()
    assert "<fieldset" in body and "<legend" in body
    for question in survey.questions.all():
        if question.kind in ("number", "text"):
            assert f'for="id_q{question.pk}"' in body
    assert "<script>" not in body and "onclick" not in body
    assert 'name="viewport"' in body


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serializes writers anyway",
)
def test_two_simultaneous_posts_of_the_same_form_make_one_response():
    from surveys.services import AlreadyAnswered, response_submit, survey_from_template, survey_open
    from tests.factory import make_agency

    agency = make_agency()
    survey = survey_open(
        survey=survey_from_template(agency=agency, template="clients", by=None), by=None
    )
    participation = survey.questions.get(key="participation")
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        barrier.wait()
        try:
            response_submit(survey=survey, answers={participation: "Yes"}, nonce="same-form")
            outcomes.append("recorded")
        except AlreadyAnswered:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already", "recorded"]
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_choice_sent_twice_in_one_form_counts_once(client, survey):
    choice = "Grief or bereavement group"
    data = form_data(client, survey, participation="Yes", kinds=[choice, choice])
    assert client.post(survey.get_respond_url(), data).status_code == 302
    assert Answer.objects.filter(value=choice).count() == 1


# --- stuffing: the key is required and works once, one address is limited, a honeypot -----


def test_a_form_without_its_key_records_nothing_and_asks_to_send_again(client, survey):
    data = form_data(client, survey, participation="Yes", comments="Kept text")
    del data["nonce"]
    response = client.post(survey.get_respond_url(), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your answers were not recorded" in body
    assert "Kept text" in body
    assert not Response.objects.exists()
    # The page came back with a fresh key: sending it again records the answers once.
    again = dict(data, nonce=response.context["form"].data["nonce"])
    assert client.post(survey.get_respond_url(), again).status_code == 302
    assert Response.objects.count() == 1


@pytest.mark.parametrize("key", ["", "tampered", "x" * 300])
def test_a_blank_or_forged_key_records_nothing(client, survey, key):
    data = form_data(client, survey, participation="Yes")
    data["nonce"] = key
    response = client.post(survey.get_respond_url(), data)
    assert "Your answers were not recorded" in response.content.decode()
    assert not Response.objects.exists()


def test_another_surveys_key_or_an_expired_key_records_nothing(
    client, survey, member_survey, monkeypatch
):
    import time

    from surveys.services import survey_join

    survey_join(survey=member_survey, by=None)
    other_key = client.get(member_survey.get_respond_url()).context["form"].initial["nonce"]
    data = form_data(client, survey, participation="Yes")
    assert (
        "not recorded"
        in client.post(survey.get_respond_url(), dict(data, nonce=other_key)).content.decode()
    )
    later = time.time() + 7 * 60 * 60  # the form was left open for seven hours
    monkeypatch.setattr(time, "time", lambda: later)
    assert "not recorded" in client.post(survey.get_respond_url(), data).content.decode()
    assert not Response.objects.exists()


def test_two_people_opening_the_form_at_once_get_two_keys(client, survey, monkeypatch):
    import time

    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)  # the same second
    first = client.get(survey.get_respond_url()).context["form"].initial["nonce"]
    second = client.get(survey.get_respond_url()).context["form"].initial["nonce"]
    assert first != second


def test_one_address_may_send_20_responses_to_a_survey_in_an_hour(client, survey, member_survey):
    from surveys.views import RESPONSES_PER_ADDRESS_PER_HOUR

    assert RESPONSES_PER_ADDRESS_PER_HOUR == 20
    for _ in range(RESPONSES_PER_ADDRESS_PER_HOUR):
        client.cookies.clear()  # the next client at the waiting-room computer
        data = form_data(client, survey, participation="Yes")
        assert (
            client.post(survey.get_respond_url(), data, REMOTE_ADDR="203.0.113.9").status_code
            == 302
        )
    client.cookies.clear()
    data = form_data(client, survey, participation="No", comments="Kept text")
    refused = client.post(survey.get_respond_url(), data, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Many answers to this survey came from this computer" in body
    assert "Kept text" in body
    assert Response.objects.filter(survey=survey).count() == 20
    # Another address, or another survey from the same address, is not held back.
    assert (
        client.post(survey.get_respond_url(), data, REMOTE_ADDR="203.0.113.10").status_code == 302
    )
    from surveys.services import survey_join

    survey_join(survey=member_survey, by=None)
    used = form_data(client, member_survey)
    used[field(member_survey, "used_services")] = "Yes"
    response = client.post(member_survey.get_respond_url(), used, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


def test_a_filled_honeypot_is_thanked_like_anyone_and_stores_nothing(client, survey):
    data = form_data(client, survey, participation="Yes")
    data["homepage"] = "http://spam.example"
    response = client.post(survey.get_respond_url(), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks", args=[survey.token])
    assert not Response.objects.exists()
    page = client.get(survey.get_respond_url()).content.decode()
    assert 'class="hp-field" aria-hidden="true"' in page
    assert 'tabindex="-1"' in page


def test_the_service_refuses_a_response_without_a_key(survey):
    from surveys.services import SurveyError, response_submit

    participation = survey.questions.get(key="participation")
    with pytest.raises(SurveyError):
        response_submit(survey=survey, answers={participation: "Yes"}, nonce="")
    assert not Response.objects.exists()


def test_the_results_say_how_duplicates_are_kept_out(client_of, survey, liaison):
    client = client_of(liaison)
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "How duplicate answers are kept out" in page
    assert "one-time key" in page and "at most 20 responses" in page
    exported = client.get(reverse("surveys:results_csv", args=[survey.pk])).content.decode()
    assert "How duplicate answers are kept out" in exported


def test_a_post_with_nothing_in_it_records_nothing_and_says_so(client, survey):
    response = client.post(survey.get_respond_url(), {})
    assert response.status_code == 200
    assert "Your answers were not recorded" in response.content.decode()
    assert not Response.objects.exists()
