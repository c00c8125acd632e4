"""The listing history shows each viewer exactly what they may see of the current listing.

The review: the history showed non-public contacts' surname, email and phone to the staff of
every agency."""

from django.urls import reverse

from groups.models import Contact
from tests.factory import make_leader, make_staff

CONTACT = {
    "version": 1,
    "first_name": "Ana",
    "last_name": "Delgado",
    "email": "ana.delgado@example.org",
    "phone": "555-0101",
    "position": 0,
}


def add_contact(client, group, **extra):
    response = client.post(reverse("groups:contact_add", args=[group.slug]), {**CONTACT, **extra})
    assert response.status_code == 302
    return Contact.objects.get(first_name="Ana")


def history(client, group):
    return client.get(reverse("groups:history", args=[group.slug])).content.decode()


def test_staff_see_of_a_public_contact_what_the_public_page_shows(
    client_of, group, leader, practitioner, outsider
):
    add_contact(client_of(leader), group, is_public="on")
    other_agency_liaison = make_staff(outsider.agency, "liaison", email="l@elsewhere.example")
    for viewer in (practitioner, other_agency_liaison):
        body = history(client_of(viewer), group)
        assert "Ana" in body and "D." in body
        for hidden in ("Delgado", "ana.delgado@example.org", "555-0101", leader.email):
            assert hidden not in body, (viewer, hidden)


def test_staff_see_nothing_of_a_contact_not_shown_publicly(client_of, group, leader, practitioner):
    add_contact(client_of(leader), group)  # is_public left off
    body = history(client_of(practitioner), group)
    assert "not shown publicly" in body
    for hidden in ("Ana", "Delgado", "ana.delgado@example.org", "555-0101"):
        assert hidden not in body


def test_whoever_keeps_the_listing_sees_it_whole(client_of, group, other_group, leader, liaison):
    add_contact(client_of(leader), group)
    body = history(client_of(leader), group)
    assert "Delgado" in body and "ana.delgado@example.org" in body and "555-0101" in body
    # A group without a leader is kept by liaison staff: they see its history whole.
    Contact.objects.all().delete()
    add_contact(client_of(liaison), other_group)
    assert "555-0101" in history(client_of(liaison), other_group)
    # Once it has a leader, the liaison sees what everyone else sees.
    make_leader(other_group)
    assert "555-0101" not in history(client_of(liaison), other_group)
