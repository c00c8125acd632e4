"""The paper's typology in use: liaison staff say what kind of group it is (where it locates the
problem, how structured, how autonomous); staff see it on the group page and the brief (never on
the printed page), and search the directory by it."""

from django.urls import reverse

from groups.models import ListingChange, SelfHelpGroup
from tests.factory import make_group, make_meeting


def test_liaison_staff_set_the_kind_of_group_and_the_history_keeps_it(client_of, liaison, group):
    client = client_of(liaison)
    url = reverse("groups:typology", args=[group.slug])
    page = client.get(url).content.decode()
    assert "Where the group locates the problem" in page
    response = client.post(
        url,
        {
            "problem_locus": "society",
            "format_structure": "open",
            "autonomy": "facilitated",
            "version": group.version,
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.problem_locus, group.format_structure, group.autonomy) == (
        "society",
        "open",
        "facilitated",
    )
    change = ListingChange.objects.get(group=group, source="staff")
    assert set(change.fields) == {
        "where the group locates the problem",
        "format structure",
        "autonomy",
    }


def test_a_stale_form_is_refused_and_says_what_changed(client_of, liaison, group):
    client = client_of(liaison)
    url = reverse("groups:typology", args=[group.slug])
    data = {"problem_locus": "society", "format_structure": "", "autonomy": "independent"}
    client.post(url, {**data, "version": group.version})
    response = client.post(url, {**data, "problem_locus": "both", "version": group.version})
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.problem_locus == "society"


def test_staff_see_it_on_the_group_page_and_the_brief_not_in_print(client_of, practitioner, group):
    group.problem_locus = SelfHelpGroup.ProblemLocus.INDIVIDUAL
    group.save()
    client = client_of(practitioner)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Kind of group" in page and "Within the individual" in page
    brief = client.get(reverse("groups:brief", args=[group.slug])).content.decode()
    assert 'class="no-print alert alert-light border small brief-typology"' in brief
    assert "Within the individual" in brief
    client.logout()
    assert "Within the individual" not in client.get(group.get_absolute_url()).content.decode()


def test_staff_search_the_directory_by_it(client_of, liaison, db):
    facilitated = make_group(name="Facilitated", autonomy="facilitated", problem_locus="society")
    make_meeting(facilitated)
    make_meeting(make_group(name="Member-led", autonomy="independent"))
    client = client_of(liaison)
    url = reverse("groups:directory")
    found = client.get(url, {"autonomy": "facilitated"})
    assert [g.name for g in found.context["page"].object_list] == ["Facilitated"]
    assert "Kind of group (staff)" in found.content.decode()
    assert [g.name for g in client.get(url, {"locus": "society"}).context["page"]] == [
        "Facilitated"
    ]
    client.logout()
    assert "Kind of group (staff)" not in client.get(url).content.decode()
    # A bad value is said beside its field, to anyone.
    body = client.get(url, {"autonomy": "bogus"}).content.decode()
    assert 'id="id_autonomy-error"' in body


def test_a_kind_not_on_the_list_gets_an_error_beside_it_and_changes_nothing(
    client_of, liaison, group
):
    response = client_of(liaison).post(
        reverse("groups:typology", args=[group.slug]),
        {"problem_locus": "mars", "autonomy": "independent", "version": group.version},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    group.refresh_from_db()
    assert group.problem_locus == ""
