"""English and Spanish on the public side: the switch, Accept-Language, dates and weekdays, the
official meeting type labels, listing languages, and mails in the registrant's language."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from groups.models import Language
from tests.factory import make_event, make_group, make_leader, make_meeting
from tests.groups.test_listing import listing_data

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}


def run_command(*args, **kwargs):
    """A management command as cron runs it: what it hands to on_commit runs as it commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(*args, **kwargs)


@pytest.mark.django_db
def test_the_first_visit_follows_accept_language(client):
    spanish = client.get("/", **SPANISH).content.decode()
    assert '<html lang="es">' in spanish
    assert "Encuentre un grupo de autoayuda o de apoyo" in spanish
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="en">' in english
    assert "Find a self-help or support group" in english


@pytest.mark.django_db
def test_the_switch_keeps_the_page_and_its_query(client):
    page = "/groups/?day=tuesday&language=es"
    html = client.get(page).content.decode()
    assert 'name="next" value="/groups/?day=tuesday&amp;language=es"' in html
    assert 'name="language" value="es"' in html
    response = client.post(reverse("set_language"), {"language": "es", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert "Buscar un grupo" in client.get(page).content.decode()
    # The choice outlasts the browser's wish.
    assert "Buscar un grupo" in client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.django_db
def test_a_group_page_in_spanish_has_spanish_weekdays_times_and_meeting_types(client):
    group = make_group(name="Grupo Esperanza", description="Nos reunimos los martes.")
    make_meeting(group, days=(1, 3), type_codes=["12x12", "W"], start_time=dt.time(19, 30))
    html = client.get(group.get_absolute_url(), **SPANISH).content.decode()
    assert "Lunes y miércoles, 7:30 p. m. – 8 p. m." in html
    assert "a las 7:30 p. m.</strong>" in html  # the next date, with Django's "a" format
    assert "12 Pasos y 12 Tradiciones" in html
    assert "Mujeres" in html
    assert "Reunión abierta" in html
    assert "Nos reunimos los martes." in html  # what the group wrote stays as written
    english = client.get(group.get_absolute_url()).content.decode()
    assert "Mondays and Wednesdays, 7:30 pm – 8 pm" in english
    assert "12 Steps &amp; 12 Traditions" in english


@pytest.mark.django_db
def test_a_monthly_meeting_reads_naturally_in_spanish(client):
    group = make_group()
    make_meeting(group, days=(5,), recurrence="monthly", month_week=-1, start_time=dt.time(12))
    html = client.get(group.get_absolute_url(), **SPANISH).content.decode()
    assert "Último viernes del mes, 12 p. m." in html


@pytest.mark.django_db
def test_the_directory_filters_by_the_language_a_listing_is_written_in(client):
    spanish_listing = make_group(name="Grupo Luz", text_language="es", description="Un grupo.")
    spanish_listing.listing_languages.set(Language.objects.filter(code="es"))
    make_group(name="Hope Group")
    html = client.get("/groups/", {"listing_language": "es"}).content.decode()
    assert "Grupo Luz" in html
    assert "Hope Group" not in html
    page = client.get(spanish_listing.get_absolute_url()).content.decode()
    assert "This listing is written in:" in page
    # The group's own words are marked with their language (the page around them is English).
    assert '<p class="lead fs-6" lang="es">Un grupo.</p>' in page


@pytest.mark.django_db
def test_a_leader_marks_the_languages_of_the_listing(client_of, group):
    leader = make_leader(group)
    spanish = Language.objects.get(code="es")
    response = client_of(leader).post(
        reverse("groups:edit", args=[group.slug]),
        listing_data(group, listing_languages=[spanish.pk]),
    )
    assert response.status_code == 302
    assert list(group.listing_languages.values_list("code", flat=True)) == ["es"]


@pytest.mark.django_db
def test_a_registration_in_spanish_gets_its_mail_in_spanish(client, agency):
    event = make_event(agency, capacity=5, title="Día de la salud")
    response = client.post(
        event.get_absolute_url(), {"name": "Ana", "email": "ana@example.org"}, **SPANISH
    )
    assert "Revise su correo" in response.content.decode()
    assert event.registrations.get().language == "es"
    asked = mail.outbox[-1]
    assert asked.subject == "Confirme: Día de la salud"
    assert asked.body.startswith("Hola:")
    # Confirmed from a browser set to English, the mail is still in the registration's language.
    link = next(word for word in asked.body.split() if "/confirm/" in word)
    client.post(link[link.index("/events/") :], HTTP_ACCEPT_LANGUAGE="en")
    message = mail.outbox[-1]
    assert message.subject == "Inscripción: Día de la salud"
    assert message.body.startswith("Hola, Ana:")


@pytest.mark.django_db
def test_feeds_stay_in_english_whatever_the_browser_asks(client):
    group = make_group()
    make_meeting(group, type_codes=["12x12"])
    feed = client.get("/meetings.json", **SPANISH).json()
    assert feed[0]["types"]
    hsds = client.get(reverse("hsds:services"), {"full": "true"}, **SPANISH).content.decode()
    assert "Tuesdays" in hsds
    assert "martes" not in hsds


@pytest.mark.django_db
def test_a_search_in_spanish_finds_meetings_by_their_spanish_words(client):
    group = make_group(name="Riverside Women AA")
    make_meeting(group, days=(2,), mode="online", type_codes=["W"])
    make_group(name="Healing After Loss")
    html = client.get("/groups/", {"q": "martes mujeres"}, **SPANISH).content.decode()
    assert "Riverside Women AA" in html
    assert "Healing After Loss" not in html


@pytest.mark.django_db
def test_a_leader_who_signs_in_in_spanish_gets_the_reminder_in_spanish(client):
    from django.utils import timezone

    from tests.factory import PASSWORD, make_user

    group = make_group(name="Grupo Luz", verified_at=timezone.now() - dt.timedelta(days=400))
    leader = make_leader(group, user=make_user(email="luz@example.org"))
    response = client.post(
        reverse("login"), {"username": "luz@example.org", "password": PASSWORD}, **SPANISH
    )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.language == "es"
    run_command("send_verification_reminders", base_url="https://liaison.example.org")
    message = mail.outbox[-1]
    assert message.subject == "¿Sigue siendo correcta la ficha de Grupo Luz?"
    assert "Todavía no se ha revisado" in message.body or "Se revisó por última vez" in message.body


@pytest.mark.django_db
def test_a_suggestion_made_in_spanish_is_not_taken_for_a_stale_one(client, client_of):
    from django.core.cache import cache

    from groups.models import Suggestion
    from tests.groups.test_listing import suggest_data

    cache.clear()
    group = make_group(name="Grupo Luz")
    meeting = make_meeting(group)
    leader = make_leader(group)
    data = suggest_data(group, meeting, **{f"m{meeting.pk}_status": "paused"})
    client.post(reverse("groups:suggest", args=[group.slug]), data, **SPANISH)
    suggestion = Suggestion.objects.get()
    assert suggestion.changes["meetings"][str(meeting.pk)]["status"]["from"] == "Meeting"
    review = client_of(leader).get(reverse("groups:suggestion", args=[group.slug, suggestion.pk]))
    assert "changed since" not in review.content.decode()
    assert "<ins>Paused for now</ins>" in review.content.decode()
    client_of(leader).post(
        reverse("groups:suggestion", args=[group.slug, suggestion.pk]), {"accept": "1"}
    )
    meeting.refresh_from_db()
    assert meeting.status == "paused"
