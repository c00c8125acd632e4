"""Questions in two languages: staff write a Spanish version of a survey's texts, a respondent
reading the site in Spanish reads it, each text marked with the language it is written in, and
the answers are stored and counted in the original words whatever the language."""

import csv
import io

import pytest
from django.urls import reverse

from surveys.models import Answer, Question
from surveys.question_sets import QUESTION_SETS
from surveys.results import survey_results
from surveys.services import survey_from_template

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def page(client, survey, **headers):
    response = client.get(survey.get_respond_url(), **headers)
    assert response.status_code == 200
    return response


def answer(client, survey, headers, **answers):
    """Send the form as a respondent reading `headers`' language, by question key."""
    client.cookies.clear()  # another person: not the browser that answered a moment ago
    form = page(client, survey, **headers).context["form"]
    data = {"nonce": form.initial["nonce"]}
    for key, value in answers.items():
        data[f"q{survey.questions.get(key=key).pk}"] = value
    response = client.post(survey.get_respond_url(), data, **headers)
    assert response.status_code == 302, response.content.decode()[:2000]


# --- the respondent -----


def test_a_spanish_reader_reads_the_survey_in_spanish_marked_as_spanish(client, survey):
    body = page(client, survey, **SPANISH).content.decode()
    assert '<html lang="es">' in body
    assert '<h1 class="h3" lang="es">Los grupos de autoayuda y usted</h1>' in body
    assert '<p lang="es">Nos gustaría saber si nuestros clientes participan' in body
    participation = survey.questions.get(key="participation")
    assert (
        '<span lang="es">En los últimos 3 meses, ¿ha participado en un grupo de autoayuda' in body
    )
    # The labels are Spanish; the values sent stay the original choices.
    assert f'value="Yes" class="form-check-input" id="id_q{participation.pk}_0"' in body
    assert f'for="id_q{participation.pk}_0" lang="es">Sí</label>' in body
    assert f'for="id_q{participation.pk}_2" lang="es">No lo sé</label>' in body
    assert 'lang="es">Marque todas las que correspondan.</p>' in body
    assert 'lang="es">1 — Nada conforme</label>' in body
    assert 'lang="es">5 — Muy conforme</label>' in body
    assert ">Not sure<" not in body and "Tick all that apply" not in body


def test_an_english_reader_reads_the_originals(client, survey):
    body = page(client, survey, **ENGLISH).content.decode()
    assert '<h1 class="h3" lang="en">Self-help groups and you</h1>' in body
    assert '<span lang="en">In the last 3 months, have you taken part' in body
    assert 'lang="en">Not sure</label>' in body
    assert 'lang="en">1 — Not at all satisfied</label>' in body
    assert "Los grupos de autoayuda" not in body and "Sí" not in body
    main = body[body.index('id="main"') :]
    assert 'lang="es"' not in main


def test_a_text_without_a_spanish_version_shows_the_original_marked_english(
    client, survey, settings
):
    assert settings.LANGUAGE_CODE == "en"
    survey.title_es = ""
    survey.save()
    satisfaction = survey.questions.get(key="satisfaction")
    survey.questions.filter(pk=satisfaction.pk).update(text_es="", scale_low_es="")
    survey.questions.filter(key="participation").update(choices_es="")
    added = Question.objects.create(
        survey=survey, order=999, kind="single", text="Which day suits you?", choices="Mon\nTue"
    )
    body = page(client, survey, **SPANISH).content.decode()
    assert '<h1 class="h3" lang="en">Self-help groups and you</h1>' in body
    assert '<span lang="en">How satisfied are you with the group or groups?</span>' in body
    # Each end of the scale in its own language.
    assert 'lang="en">1 — Not at all satisfied</label>' in body
    assert 'lang="es">5 — Muy conforme</label>' in body
    # The question is Spanish, its choices (never translated) are marked English.
    assert '<span lang="es">En los últimos 3 meses' in body
    assert 'lang="en">Not sure</label>' in body
    assert '<span lang="en">Which day suits you?</span>' in body
    assert f'for="id_q{added.pk}_1" lang="en">Tue</label>' in body
    # The page around them is Spanish all the same.
    assert "(obligatoria)" in body


def test_a_spanish_answer_is_stored_and_counted_as_the_original_choice(
    client, client_of, survey, liaison
):
    for _ in range(3):
        answer(client, survey, SPANISH, participation="Yes", kinds=["Grief or bereavement group"])
    for _ in range(2):
        answer(client, survey, ENGLISH, participation="Yes", kinds=["Grief or bereavement group"])
    participation = survey.questions.get(key="participation")
    assert set(Answer.objects.filter(question=participation).values_list("value", flat=True)) == {
        "Yes"
    }
    result = survey_results(survey)
    rows = {row.label: row.count for row in result.by_key("participation").rows}
    assert rows["Yes"] == 5 and "Sí" not in rows
    assert {row.label: row.count for row in result.by_key("kinds").rows}[
        "Grief or bereavement group"
    ] == 5
    # The staff side stays in the original words, whatever the staff member's language.
    staff = client_of(liaison)
    results = staff.get(reverse("surveys:results", args=[survey.pk]), **SPANISH)
    assert "Grief or bereavement group" in results.content.decode()
    assert "Grupo de duelo" not in results.content.decode()
    export = staff.get(reverse("surveys:responses_csv", args=[survey.pk]), **SPANISH)
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert participation.text in rows[0]
    assert [row[rows[0].index(participation.text)] for row in rows[1:]] == ["Yes"] * 5


def test_a_label_sent_instead_of_the_value_is_refused(client, survey):
    response = page(client, survey, **SPANISH)
    data = {
        "nonce": response.context["form"].initial["nonce"],
        f"q{survey.questions.get(key='participation').pk}": "Sí",
    }
    refused = client.post(survey.get_respond_url(), data, **SPANISH)
    assert refused.status_code == 200
    assert not Answer.objects.exists()


def test_the_thanks_page_names_the_survey_in_spanish(client, survey):
    body = client.get(reverse("surveys:thanks", args=[survey.token]), **SPANISH).content.decode()
    assert '«<span lang="es">Los grupos de autoayuda y usted</span>»' in body


def test_staff_pages_show_the_questions_in_the_original_words(client_of, liaison, survey):
    staff = client_of(liaison)
    body = staff.get(reverse("surveys:enter", args=[survey.pk]), **SPANISH).content.decode()
    assert '<span lang="en">In the last 3 months, have you taken part' in body
    assert "En los últimos 3 meses" not in body


# --- the ready templates -----


@pytest.mark.parametrize("template", sorted(QUESTION_SETS))
def test_every_ready_template_comes_in_spanish_and_its_spanish_is_valid(
    template, agency, liaison, group
):
    survey = survey_from_template(agency=agency, template=template, by=liaison, group=group)
    assert survey.title_es and survey.intro_es
    for question in survey.questions.all():
        question.full_clean()
        assert question.text_es
        assert len(question.choice_list_es) == len(question.choice_list)
        assert bool(question.help_text_es) == bool(question.help_text)
        assert bool(question.scale_low_es) == bool(question.scale_low)


# --- staff write the Spanish versions -----


def question_data(**changes):
    data = {
        "kind": "single",
        "text": "Which day suits you?",
        "help_text": "Choose one.",
        "choices": "Monday\nTuesday\nFriday",
        "text_es": "¿Qué día le viene bien?",
        "help_text_es": "Elija uno.",
        "choices_es": "Lunes\nMartes\nViernes",
    }
    return {**data, **changes}


@pytest.fixture
def draft(agency, liaison):
    return survey_from_template(agency=agency, template="clients", by=liaison)


def test_staff_write_a_question_in_spanish_under_its_own_heading(client_of, liaison, draft):
    staff = client_of(liaison)
    add = reverse("surveys:question_add", args=[draft.pk])
    form = staff.get(add).content.decode()
    assert "In Spanish (optional)" in form
    assert form.index("In Spanish (optional)") < form.index('name="text_es"')
    assert form.index('name="max_value"') < form.index("In Spanish (optional)")
    assert 'lang="es"' in form[form.index('name="text_es"') - 200 :]
    assert staff.post(add, question_data()).status_code == 302
    added = draft.questions.last()
    assert (added.text_es, added.help_text_es) == ("¿Qué día le viene bien?", "Elija uno.")
    assert added.choice_list_es == ["Lunes", "Martes", "Viernes"]
    assert added.choice_list == ["Monday", "Tuesday", "Friday"]


def test_a_question_made_a_number_keeps_no_spanish_choices(client_of, liaison, draft):
    staff = client_of(liaison)
    question = draft.questions.get(key="participation")
    staff.post(
        reverse("surveys:question_edit", args=[draft.pk, question.pk]),
        question_data(kind="number", min_value=0, max_value=9, scale_low_es="Nada"),
    )
    question.refresh_from_db()
    assert question.kind == "number"
    assert (question.choices, question.choices_es, question.scale_low_es) == ("", "", "")
    assert question.text_es == "¿Qué día le viene bien?"


@pytest.mark.parametrize(
    ("choices_es", "said"),
    [
        ("Lunes\nMartes", "there are 3 choices and 2 Spanish lines"),
        ("Lunes\nMartes\nViernes\nSábado", "there are 3 choices and 4 Spanish lines"),
        ("Lunes\nLunes\nViernes", "Each Spanish choice must be different."),
    ],
)
def test_spanish_choices_that_do_not_match_are_refused_beside_the_field_keeping_the_text(
    client_of, liaison, draft, choices_es, said
):
    staff = client_of(liaison)
    before = draft.questions.count()
    response = staff.post(
        reverse("surveys:question_add", args=[draft.pk]), question_data(choices_es=choices_es)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["choices_es"]
    assert said in errors["choices_es"][0]
    body = response.content.decode()
    textarea = body[body.index('<textarea name="choices_es"') :]
    assert "is-invalid" in textarea[: textarea.index(">")]
    assert f"{choices_es}</textarea>" in body.replace("\r\n", "\n")
    assert said in body
    assert "¿Qué día le viene bien?" in body  # the rest is kept too
    assert draft.questions.count() == before


@pytest.mark.parametrize(
    ("name", "cap"), [("text_es", 300), ("help_text_es", 300), ("choices_es", 2000)]
)
def test_a_very_long_spanish_text_is_refused_beside_the_field(client_of, liaison, draft, name, cap):
    staff = client_of(liaison)
    typed = "x" * (cap + 1)
    response = staff.post(
        reverse("surveys:question_add", args=[draft.pk]), question_data(**{name: typed})
    )
    assert response.status_code == 200
    assert response.context["form"].errors[name] == [
        f"Ensure this value has at most {cap} characters (it has {cap + 1})."
    ]
    assert typed in response.content.decode()
    assert not draft.questions.filter(text="Which day suits you?").exists()


def test_staff_write_the_survey_title_and_introduction_in_spanish(client_of, liaison, draft):
    staff = client_of(liaison)
    url = draft.get_absolute_url()
    body = staff.get(url).content.decode()
    assert body.index('name="summary"') < body.index("In Spanish (optional)")
    assert body.index("In Spanish (optional)") < body.index('name="title_es"')
    fields = {
        "title": "Our spring survey",
        "intro": "Why we ask.",
        "title_es": "Nuestra encuesta de primavera",
        "intro_es": "Por qué preguntamos.",
        "summary": "",
    }
    assert staff.post(url, fields).status_code == 302
    draft.refresh_from_db()
    assert (draft.title_es, draft.intro_es) == (fields["title_es"], fields["intro_es"])
    long = staff.post(url, {**fields, "title_es": "t" * 201})
    assert long.context["form"].errors["title_es"] == [
        "Ensure this value has at most 200 characters (it has 201)."
    ]


def test_an_open_surveys_question_still_takes_its_spanish_version_and_nothing_else(
    client_of, liaison, survey
):
    staff = client_of(liaison)
    question = survey.questions.get(key="participation")
    survey_page = staff.get(survey.get_absolute_url()).content.decode()
    url = reverse("surveys:question_spanish", args=[survey.pk, question.pk])
    assert f'href="{url}"' in survey_page
    edit = reverse("surveys:question_edit", args=[survey.pk, question.pk])
    assert f'href="{edit}"' not in survey_page
    form = staff.get(url).content.decode()
    assert "In Spanish (optional)" in form and "One a line, in the same order" in form
    assert 'name="scale_low_es"' not in form  # not a scale
    response = staff.post(
        url,
        {
            "text_es": "¿Ha ido a un grupo en los últimos 3 meses?",
            "choices_es": "Sí\nNo\nNo estoy seguro",
            # The question itself is fixed: anything else sent is ignored.
            "text": "Changed",
            "choices": "A\nB",
            "kind": "number",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text_es == "¿Ha ido a un grupo en los últimos 3 meses?"
    assert question.choice_list_es == ["Sí", "No", "No estoy seguro"]
    assert question.kind == "single" and question.choice_list == ["Yes", "No", "Not sure"]
    assert question.text.startswith("In the last 3 months")
    bad = staff.post(url, {"text_es": "¿Fue?", "choices_es": "Sí\nNo"})
    assert bad.status_code == 200
    assert "there are 3 choices and 2 Spanish lines" in bad.content.decode()
    question.refresh_from_db()
    assert question.text_es == "¿Ha ido a un grupo en los últimos 3 meses?"
