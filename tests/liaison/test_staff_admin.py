import re

import pytest
from django.core import mail
from django.urls import reverse

from liaison.models import AgencyUnit, StaffMembership, User
from tests.factory import make_staff, make_unit

Role = StaffMembership.Role


@pytest.fixture
def admin_client(client_of, agency_admin):
    return client_of(agency_admin)


def add_form(**overrides):
    data = {
        "full_name": "Jordan Blake",
        "email": "Jordan.Blake@Example.org",
        "role": Role.PRACTITIONER,
        "unit": "",
        "title": "Case manager",
        "liaison_hours_per_week": "2",
    }
    data.update(overrides)
    return data


def test_it_invites_a_staff_member_who_joins_on_accepting(
    admin_client, client_of, agency, unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("liaison:staff_add"), add_form(unit=unit.pk))
    assert response.status_code == 302
    assert not User.objects.filter(email="jordan.blake@example.org").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jordan.blake@example.org"]
    link = re.search(r"http://testserver(/accounts/staff-invitation/\S+/)", mail.outbox[0].body)
    assert "Jordan Blake" in admin_client.get(reverse("liaison:staff_list")).content.decode()
    invitee = client_of(None)
    response = invitee.post(
        link.group(1),
        {
            "full_name": "Jordan Blake",
            "password1": "a long quiet river",
            "password2": "a long quiet river",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="jordan.blake@example.org")
    assert user.membership.agency == agency
    assert user.membership.unit == unit
    assert user.membership.role == Role.PRACTITIONER
    assert invitee.get(link.group(1)).status_code == 410


def test_it_refuses_a_unit_of_another_agency_beside_the_field(admin_client, other_unit):
    response = admin_client.post(reverse("liaison:staff_add"), add_form(unit=other_unit.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert 'value="Jordan Blake"' in response.content.decode()
    assert not User.objects.filter(email="jordan.blake@example.org").exists()


def test_it_says_when_the_person_is_already_on_the_agencys_own_staff(admin_client, practitioner):
    response = admin_client.post(reverse("liaison:staff_add"), add_form(email=practitioner.email))
    assert response.status_code == 200
    assert "already on your staff list" in response.content.decode()


def test_it_keeps_what_was_typed_when_hours_are_out_of_range(admin_client):
    response = admin_client.post(
        reverse("liaison:staff_add"), add_form(liaison_hours_per_week="-3")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "greater than or equal to 0" in body
    assert 'value="Case manager"' in body


def test_it_lists_only_the_admins_own_agency(admin_client, practitioner, other_staff):
    body = admin_client.get(reverse("liaison:staff_list")).content.decode()
    assert practitioner.email in body
    assert other_staff.email not in body


def test_it_changes_a_role_and_unit(admin_client, agency, practitioner):
    new_unit = make_unit(agency, name="Substance Use Services")
    response = admin_client.post(
        reverse("liaison:staff_edit", args=[practitioner.membership.pk]),
        {
            "role": Role.LIAISON,
            "unit": new_unit.pk,
            "title": "",
            "liaison_hours_per_week": "10",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    membership = StaffMembership.objects.get(user=practitioner)
    assert (membership.role, membership.unit, membership.liaison_hours_per_week) == (
        Role.LIAISON,
        new_unit,
        10,
    )


def test_it_gives_404_for_another_agencys_staff_on_post_too(admin_client, other_staff):
    url = reverse("liaison:staff_edit", args=[other_staff.membership.pk])
    response = admin_client.post(url, {"role": Role.AGENCY_ADMIN, "liaison_hours_per_week": "0"})
    assert response.status_code == 404
    assert StaffMembership.objects.get(user=other_staff).role == Role.PRACTITIONER


def test_it_refuses_moving_staff_into_another_agencys_unit(admin_client, practitioner, other_unit):
    url = reverse("liaison:staff_edit", args=[practitioner.membership.pk])
    response = admin_client.post(
        url, {"role": Role.PRACTITIONER, "unit": other_unit.pk, "liaison_hours_per_week": "0"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert StaffMembership.objects.get(user=practitioner).unit != other_unit


def test_it_does_not_let_an_admin_lock_themself_out(admin_client, agency_admin):
    url = reverse("liaison:staff_edit", args=[agency_admin.membership.pk])
    response = admin_client.post(
        url, {"role": Role.PRACTITIONER, "liaison_hours_per_week": "0", "is_active": "on"}
    )
    assert response.status_code == 200
    assert "cannot remove your own agency admin role" in response.content.decode()
    assert StaffMembership.objects.get(user=agency_admin).role == Role.AGENCY_ADMIN
    response = admin_client.post(url, {"role": Role.AGENCY_ADMIN, "liaison_hours_per_week": "0"})
    assert "cannot deactivate your own account" in response.content.decode()
    assert StaffMembership.objects.get(user=agency_admin).is_active


def test_a_deactivated_membership_loses_office_access_on_the_next_request(
    admin_client, client, practitioner
):
    url = reverse("liaison:staff_edit", args=[practitioner.membership.pk])
    admin_client.post(url, {"role": Role.PRACTITIONER, "liaison_hours_per_week": "0"})
    client.force_login(User.objects.get(pk=practitioner.pk))
    assert client.get(reverse("pages:office")).status_code == 403


def test_it_adds_and_renames_units_within_the_agency(admin_client, agency):
    response = admin_client.post(
        reverse("liaison:unit_add"),
        {"name": "Peer Services", "level": AgencyUnit.Level.CLIENT, "is_active": "on"},
    )
    assert response.status_code == 302
    unit = AgencyUnit.objects.get(name="Peer Services")
    assert unit.agency == agency
    admin_client.post(
        reverse("liaison:unit_edit", args=[unit.pk]),
        {"name": "Peer Support Services", "level": AgencyUnit.Level.CLIENT},
    )
    unit.refresh_from_db()
    assert (unit.name, unit.is_active) == ("Peer Support Services", False)


def test_it_refuses_a_duplicate_unit_name_but_allows_it_in_another_agency(
    admin_client, unit, other_unit
):
    response = admin_client.post(
        reverse("liaison:unit_add"), {"name": unit.name.upper(), "level": "board"}
    )
    assert "already has a unit with this name" in response.content.decode()
    response = admin_client.post(
        reverse("liaison:unit_add"), {"name": other_unit.name, "level": "board"}
    )
    assert response.status_code == 302


def test_it_gives_404_for_another_agencys_unit_on_post(admin_client, other_unit):
    response = admin_client.post(
        reverse("liaison:unit_edit", args=[other_unit.pk]), {"name": "Taken", "level": "board"}
    )
    assert response.status_code == 404
    other_unit.refresh_from_db()
    assert other_unit.name == "Elsewhere Outpatient"


def test_the_unit_list_has_a_fixed_query_ceiling(
    admin_client, agency, django_assert_max_num_queries
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(reverse("liaison:unit_list")).status_code == 200
        return len(ctx)

    few = count_queries()
    for _ in range(30):
        unit = make_unit(agency)
        make_staff(agency, unit=unit)
    many = count_queries()
    assert few == many
    with django_assert_max_num_queries(6):
        admin_client.get(reverse("liaison:unit_list"))


def test_the_staff_list_has_a_fixed_query_ceiling(admin_client, agency):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(reverse("liaison:staff_list")).status_code == 200
        return len(ctx)

    few = count_queries()
    unit = make_unit(agency)
    for _ in range(40):
        make_staff(agency, unit=unit)
    assert count_queries() == few <= 6
