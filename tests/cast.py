"""The people and places every test knows by name: an agency with its staff in each role, a
second agency whose admin is the outsider, two groups and a leader. `conftest.py` hands them out
one by one as fixtures; `everyone()` makes the whole cast at once, for a world built once per
module (`tests/once.py`)."""

from types import SimpleNamespace

from liaison.models import AgencyUnit, StaffMembership, User
from tests.factory import make_agency, make_group, make_leader, make_staff, make_unit

Role = StaffMembership.Role


def agency():
    return make_agency(name="Riverside Test Agency", slug="riverside-test")


def other_agency():
    return make_agency(name="Elsewhere Agency", slug="elsewhere")


def unit(agency):
    return make_unit(agency, name="Outpatient", level=AgencyUnit.Level.PRACTITIONER)


def other_unit(other_agency):
    return make_unit(other_agency, name="Elsewhere Outpatient")


def practitioner(agency, unit):
    return make_staff(agency, Role.PRACTITIONER, unit, email="priya@example.org", full_name="Priya")


def liaison(agency, unit):
    return make_staff(agency, Role.LIAISON, unit, email="luis@example.org", full_name="Luis")


def executive(agency):
    return make_staff(agency, Role.EXECUTIVE, email="dana@example.org", full_name="Dana")


def agency_admin(agency):
    return make_staff(agency, Role.AGENCY_ADMIN, email="alex@example.org", full_name="Alex")


def outsider(other_agency, other_unit):
    """An agency admin of the other agency: full rights there, none here."""
    return make_staff(
        other_agency, Role.AGENCY_ADMIN, other_unit, email="morgan@example.org", full_name="Morgan"
    )


def other_staff(other_agency, other_unit):
    return make_staff(other_agency, Role.PRACTITIONER, other_unit, email="sam@example.org")


def group():
    return make_group(name="Riverside Women's AA", slug="riverside-womens-aa")


def other_group():
    return make_group(name="Hilltop NA", slug="hilltop-na")


def leader(group):
    return make_leader(group)


def superuser():
    return User.objects.create_superuser(email="root@example.org", password="x" * 16)


def everyone():
    """The whole cast, as one namespace with the fixtures' names."""
    c = SimpleNamespace(agency=agency(), other_agency=other_agency())
    c.unit, c.other_unit = unit(c.agency), other_unit(c.other_agency)
    c.practitioner = practitioner(c.agency, c.unit)
    c.liaison = liaison(c.agency, c.unit)
    c.executive = executive(c.agency)
    c.agency_admin = agency_admin(c.agency)
    c.outsider = outsider(c.other_agency, c.other_unit)
    c.group, c.other_group = group(), other_group()
    c.leader = leader(c.group)
    c.superuser = superuser()
    return c
