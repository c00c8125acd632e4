"""A group writes its listing in one language or two: each visitor reads their own language
where the group wrote it, else what the group wrote, marked with its language."""

import pytest
from django.urls import reverse

from groups.models import SelfHelpGroup
from tests.factory import make_group, make_leader, make_meeting
from tests.groups.test_listing import listing_data

SPANISH = {
    "second_language": "es",
    "second_description": "Un grupo de AA de habla hispana.",
    "second_who_attends": "Hombres y mujeres de habla hispana.",
    "second_typical_format": "Los miembros pasan a la tribuna.",
}


@pytest.fixture
def bilingual(db):
    group = make_group(
        name="Grupo Nueva Vida de AA",
        description="A Spanish-speaking AA group.",
        who_attends="Spanish-speaking men and women.",
        typical_format="Members come to the podium.",
        **SPANISH,
    )
    make_meeting(group)
    return group


def test_a_visitor_reads_the_groups_texts_in_their_language_marked_with_it(client, bilingual):
    url = bilingual.get_absolute_url()
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<p class="lead fs-6" lang="es">Un grupo de AA de habla hispana.' in spanish
    assert '<p lang="es">Hombres y mujeres de habla hispana.' in spanish
    assert "A Spanish-speaking AA group." not in spanish
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<p class="lead fs-6" lang="en">A Spanish-speaking AA group.' in english
    assert "Un grupo de AA" not in english


def test_texts_written_in_one_language_are_shown_to_everyone_marked_with_it(client, db):
    group = make_group(
        name="Grupo Esperanza",
        text_language="es",
        description="Un grupo de NA en español.",
    )
    page = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<p class="lead fs-6" lang="es">Un grupo de NA en español.' in page
    # What the group did not write is said in the page's language.
    assert '<p lang="en">The group has not described who usually comes.' in page


def test_a_leader_writes_the_second_language_and_the_directory_finds_it(client_of, db):
    group = make_group(name="Grupo Nueva Vida de AA", description="An AA group.")
    make_meeting(group)
    leader = make_leader(group)
    response = client_of(leader).post(
        reverse("groups:edit", args=[group.slug]), listing_data(group, **SPANISH)
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.second_description == SPANISH["second_description"]
    assert {language.code for language in group.listing_languages.all()} == {"en", "es"}
    found = client_of(None).get(reverse("groups:directory"), {"listing_language": "es"})
    assert [g.pk for g in found.context["page"]] == [group.pk]
    searched = client_of(None).get(reverse("groups:directory"), {"q": "tribuna"})
    assert [g.pk for g in searched.context["page"]] == [group.pk]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"second_language": ""}, "Say which language the second texts are written in"),
        ({"second_language": "en"}, "Choose the other language"),
        ({"second_language": "fr"}, "Select a valid choice"),
        ({"second_description": "x" * 20_000}, "at most 10000 characters"),
    ],
)
def test_a_bad_second_language_is_said_beside_the_field(client_of, db, overrides, message):
    group = make_group(name="Grupo", description="An AA group.")
    leader = make_leader(group)
    response = client_of(leader).post(
        reverse("groups:edit", args=[group.slug]), listing_data(group, **{**SPANISH, **overrides})
    )
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert "Hombres y mujeres de habla hispana." in body
    assert SelfHelpGroup.objects.get(pk=group.pk).second_language == ""
