"""The directory's search: typos corrected word by word (PostgreSQL), the organization a search
names first, and the groups found counted once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.directory import search, spelling
from groups.directory.search import refresh_search_for
from groups.models import Organization, SearchWord, SelfHelpGroup
from tests.factory import make_group

URL = reverse("groups:directory")
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="typo correction and full-text rank are PostgreSQL's"
)
AA_GROUPS = {"Grupo Esperanza de AA", "Serenity Seekers", "Tuesday Night Big Book"}
CORRECTED = "Showing results for"


def names(response):
    return [group.name for group in response.context["page"].object_list]


@pytest.fixture
def fellowships(db):
    aa = Organization.objects.get(slug="aa")
    na = Organization.objects.get(slug="na")
    families = Organization.objects.get(slug="families-anonymous")
    return {
        "serenity": make_group(
            name="Serenity Seekers",
            organization=aa,
            focus=["alcohol"],
            description="A friendly AA meeting: the Big Book, then sharing.",
        ),
        "big_book": make_group(
            name="Tuesday Night Big Book",
            organization=aa,
            focus=["alcohol"],
            description="We read the Big Book aloud and discuss it.",
        ),
        "families": make_group(
            name="Families Anonymous of Riverside",
            organization=families,
            focus=["family"],
            description="For parents and partners of alcoholics and addicts: hope and serenity "
            "whether or not the one we love recovers.",
        ),
        "clean": make_group(
            name="Clean and Free",
            organization=na,
            focus=["drugs"],
            description="Recovery from addiction to any drug.",
        ),
        "grupo": make_group(
            name="Grupo Esperanza de AA",
            organization=aa,
            focus=["alcohol"],
            description="Juntas en español.",
        ),
    }


# --- typos (PostgreSQL) ---------------------------------------------------------------------------


@postgresql_only
def test_a_misspelt_word_is_corrected_and_the_page_says_what_it_searched_for(client, fellowships):
    response = client.get(URL, {"q": "serenty"})
    body = response.content.decode()
    assert names(response)[0] == "Serenity Seekers"
    assert "Showing results for “serenity”" in body
    # The box keeps what was typed.
    assert 'value="serenty"' in body


@postgresql_only
def test_each_misspelt_word_is_corrected_and_a_known_word_stays(client, fellowships):
    response = client.get(URL, {"q": "Serenity Seekrs"})
    assert names(response) == ["Serenity Seekers"]
    assert "Showing results for “Serenity Seekers”" in response.content.decode()
    # Two letters swapped, which trigrams alone miss.
    response = client.get(URL, {"q": "grupo esperanza", "focus": "alcohol"})
    assert names(response) == ["Grupo Esperanza de AA"]
    response = client.get(URL, {"q": "gurpo esperanza"})
    assert names(response) == ["Grupo Esperanza de AA"]
    assert "Showing results for “grupo esperanza”" in response.content.decode()


@postgresql_only
def test_a_typo_in_an_organizations_name_is_corrected(client, fellowships):
    response = client.get(URL, {"q": "narcotics anonymus"})
    assert names(response) == ["Clean and Free"]
    assert "Showing results for “narcotics anonymous”" in response.content.decode()
    response = client.get(URL, {"q": "alcoholic anonymus"})
    assert "Showing results for “alcoholic anonymous”" in response.content.decode()
    assert set(names(response)[:3]) == AA_GROUPS


@postgresql_only
def test_a_word_with_no_close_word_finds_nothing_and_is_not_guessed(client, fellowships):
    response = client.get(URL, {"q": "xqzwv"})
    assert names(response) == []
    assert CORRECTED not in response.content.decode()
    # One word corrected, the other left as typed: nothing has both.
    response = client.get(URL, {"q": "serenty xqzwv"})
    assert names(response) == []
    assert "Showing results for “serenity xqzwv”" in response.content.decode()
    # A short word is not stretched to a longer one with little in common.
    assert spelling.check(["hpe"]).fixes == {}


@postgresql_only
def test_a_search_that_finds_something_is_never_corrected(client, fellowships):
    response = client.get(URL, {"q": "serenity"})
    assert CORRECTED not in response.content.decode()
    assert "Serenity Seekers" in names(response)


@postgresql_only
def test_the_printed_list_says_what_it_searched_for(client, fellowships):
    response = client.get(reverse("groups:print"), {"q": "serenty"})
    assert "Showing results for “serenity”" in response.content.decode()


@postgresql_only
def test_the_words_follow_the_listed_groups(db, fellowships):
    assert SearchWord.objects.filter(word="seekers", group_count=1).exists()
    assert SearchWord.objects.filter(word="al-anon").exists()  # an organization's short name
    assert not SearchWord.objects.filter(word="the").exists()  # a stop word
    group = fellowships["serenity"]
    SelfHelpGroup.objects.filter(pk=group.pk).update(status=SelfHelpGroup.Status.INACTIVE)
    refresh_search_for(SelfHelpGroup.objects.filter(pk=group.pk))
    # An unlisted group's words are no longer offered as corrections.
    assert not SearchWord.objects.filter(word="seekers").exists()
    # A day's name stays whatever the groups are called.
    assert SearchWord.objects.get(word="tuesday").group_count == 1


@postgresql_only
def test_a_published_group_is_found_and_its_words_known(client, db):
    from groups.listing.new_groups import new_group_publish, new_group_request
    from tests.factory import make_user

    request = new_group_request(
        values={"name": "Lighthouse Caregivers", "description": "For caregivers."},
        focus_areas=[],
        request_values={"contact_name": "Ana", "contact_email": "ana@example.org"},
    )
    assert not SearchWord.objects.filter(word="lighthouse").exists()
    new_group_publish(request=request, by=make_user(), base_url="https://example.org")
    assert SearchWord.objects.filter(word="lighthouse").exists()
    assert names(client.get(URL, {"q": "lighthous caregivers"})) == ["Lighthouse Caregivers"]


# --- the organization a search names, first (both databases) --------------------------------------


def test_the_organization_named_by_the_whole_search_ranks_first(client, fellowships):
    found = names(client.get(URL, {"q": "alcoholics anonymous"}))
    # Families Anonymous has both words too (its name, its description), but it is not AA.
    assert found[-1] == "Families Anonymous of Riverside"
    assert set(found[:3]) == AA_GROUPS


def test_an_organizations_short_name_ranks_its_groups_first(client, fellowships):
    found = names(client.get(URL, {"q": "AA"}))
    assert set(found[:3]) == AA_GROUPS


def test_the_page_counts_the_groups_found_once(client, fellowships):
    client.get(URL, {"q": "serenity"})
    with CaptureQueriesContext(connection) as ctx:
        client.get(URL, {"q": "serenity"})
    counts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1


# --- the parts (no database) ----------------------------------------------------------------------


def test_edit_distance_counts_a_swap_as_one_edit():
    assert spelling.edit_distance("serenty", "serenity") == 1
    assert spelling.edit_distance("greif", "grief") == 1
    assert spelling.edit_distance("anonymus", "anonymous") == 1
    assert spelling.edit_distance("skitzophrenia", "schizophrenia") == 3
    assert spelling.edit_distance("hope", "hope") == 0


def test_the_words_of_a_text_keep_hyphenated_words_whole_and_in_parts():
    assert spelling.text_words("Al-Anon Family Groups of NA 12") == {
        "al-anon",
        "anon",
        "family",
        "groups",
    }
    assert spelling.text_words("Grupo Recuperación") == {"grupo", "recuperación"}


def test_the_corrected_search_keeps_what_was_typed_around_the_corrected_words():
    fixes = {"anonymus": "anonymous", "serenty": "serenity"}
    assert (
        spelling.corrected_text("Serenty group, alcoholics anonymus", fixes, search._WORD)
        == "Serenity group, alcoholics anonymous"
    )


def test_an_organization_renamed_in_the_admin_finds_its_groups_by_the_new_name(
    client, superuser, fellowships
):
    na = Organization.objects.get(slug="na")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:groups_organization_change", args=[na.pk]),
        {
            "name": "Narcotics Anonymous World Services",
            "short_name": "NA",
            "slug": "na",
            "approach": na.approach,
            "description": na.description,
            "website": na.website,
            "focus_areas": [area.pk for area in na.focus_areas.all()],
        },
    )
    assert response.status_code == 302
    client.logout()
    assert names(client.get(URL, {"q": "world services"})) == ["Clean and Free"]


@postgresql_only
def test_the_search_vector_is_kept_in_the_row(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions, attstorage FROM pg_class "
            "JOIN pg_attribute ON attrelid = pg_class.oid "
            "WHERE relname = 'groups_selfhelpgroup' AND attname = 'search_vector'"
        )
        options, storage = cursor.fetchone()
    assert "toast_tuple_target=4080" in options
    assert storage == "m"
