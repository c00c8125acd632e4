"""Opening a survey fixes its questions, so the button asks first and only the confirmation's
POST opens it; the open survey's link comes with a QR code and a sheet to print them."""

import re

from django.test import Client
from django.urls import reverse

from groups.directory.printed import qr_svg
from surveys.models import Survey
from surveys.services import survey_close, survey_from_template


def test_the_open_button_leads_to_a_confirmation_and_a_get_opens_nothing(
    client_of, liaison, agency
):
    survey = survey_from_template(agency=agency, template="clients", by=liaison)
    client = client_of(liaison)
    url = reverse("surveys:open", args=[survey.pk])
    page = client.get(survey.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and 'value="open"' not in page

    confirm = client.get(url)
    body = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Once open, the questions cannot be changed" in body
    assert "People can answer through the link" in body
    assert f'action="{reverse("surveys:status", args=[survey.pk])}"' in body
    assert 'method="post"' in body and "csrfmiddlewaretoken" in body
    assert 'name="action" value="open"' in body
    assert re.search(rf'href="{survey.get_absolute_url()}">Cancel</a>', body)
    survey.refresh_from_db()
    assert survey.status == "draft" and survey.opens_on is None


def test_the_confirmation_opens_the_survey_by_post_with_its_form_key(liaison, agency):
    survey = survey_from_template(agency=agency, template="clients", by=liaison)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(liaison)
    status = reverse("surveys:status", args=[survey.pk])
    assert strict.post(status, {"action": "open"}).status_code == 403  # no form key
    survey.refresh_from_db()
    assert survey.status == "draft"

    confirm = strict.get(reverse("surveys:open", args=[survey.pk])).content.decode()
    key = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm).group(1)
    opened = strict.post(status, {"action": "open", "csrfmiddlewaretoken": key}, follow=True)
    survey.refresh_from_db()
    assert survey.status == "open" and survey.opens_on
    assert "The survey is open: share its link." in opened.content.decode()


def test_the_confirmation_says_why_a_survey_cannot_open_and_offers_no_button(
    client_of, liaison, agency
):
    empty = Survey.objects.create(agency=agency, audience="clients", title="Empty")
    body = client_of(liaison).get(reverse("surveys:open", args=[empty.pk])).content.decode()
    assert "Add at least one question before opening the survey." in body
    assert 'value="open"' not in body


def test_an_open_survey_is_not_confirmed_again(client_of, liaison, survey):
    response = client_of(liaison).get(reverse("surveys:open", args=[survey.pk]), follow=True)
    assert response.redirect_chain[-1][0] == survey.get_absolute_url()
    assert "The survey is open already." in response.content.decode()


def test_opening_a_closed_survey_again_says_the_questions_stay(client_of, liaison, survey):
    survey_close(survey=survey, by=liaison)
    client = client_of(liaison)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Open it again" in page
    body = client.get(reverse("surveys:open", args=[survey.pk])).content.decode()
    assert "Open the survey again?" in body and "stay as they were" in body
    assert "Once open, the questions cannot be changed" not in body


def test_a_members_survey_says_the_group_decides(client_of, liaison, agency, group):
    survey = survey_from_template(agency=agency, template="members", group=group, by=liaison)
    body = client_of(liaison).get(reverse("surveys:open", args=[survey.pk])).content.decode()
    assert "decides whether the group takes part" in body


def test_the_open_surveys_page_shows_the_link_with_its_qr_code(client_of, liaison, survey):
    page = client_of(liaison).get(survey.get_absolute_url()).content.decode()
    link = f"http://testserver{survey.get_respond_url()}"
    qr = re.search(
        r'<div class="survey-qr" id="share-qr" aria-hidden="true">(.*?)</div>', page, re.S
    )
    assert qr and "<svg" in qr.group(1)
    # The drawing is the QR code of the public link, and the link is written beside it.
    assert qr.group(1) == qr_svg(link)
    assert qr_svg(link) != qr_svg(f"{link}x")
    assert f'id="share-url" readonly value="{link}"' in page
    assert reverse("surveys:link_print", args=[survey.pk]) in page
    assert "Print the link and QR code" in page


def test_no_qr_code_while_the_link_takes_no_answers(client_of, liaison, agency, member_survey):
    draft = survey_from_template(agency=agency, template="clients", by=liaison)
    client = client_of(liaison)
    for survey in (draft, member_survey):  # a draft; a group that has not chosen yet
        page = client.get(survey.get_absolute_url()).content.decode()
        # (The page's icons are <svg>s too: only the QR code's drawing counts here.)
        drawings = re.sub(r'<svg class="icon[^"]*".*?</svg>', "", page, flags=re.S)
        assert "<svg" not in drawings and survey.token not in page


def test_the_sheet_to_print_has_the_qr_code_and_the_link_in_words(client_of, liaison, survey):
    response = client_of(liaison).get(reverse("surveys:link_print", args=[survey.pk]))
    body = response.content.decode()
    link = f"http://testserver{survey.get_respond_url()}"
    assert response.status_code == 200
    assert qr_svg(link) in body
    assert f'<p class="survey-handout-url" id="share-url">{link}</p>' in body
    assert survey.title in body and "Your answers are anonymous" in body
    assert "data-print" in body and "js/print.js" in body and "css/surveys.css" in body
    assert "link-not-working" not in body


def test_the_sheet_of_a_draft_warns_that_the_link_takes_no_answers_yet(client_of, liaison, agency):
    draft = survey_from_template(agency=agency, template="clients", by=liaison)
    body = client_of(liaison).get(reverse("surveys:link_print", args=[draft.pk])).content.decode()
    assert "The link takes no answers at the moment" in body and "open the survey first" in body
