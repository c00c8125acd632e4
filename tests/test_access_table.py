"""README's table of who may do what is the code's."""

from pathlib import Path

from liaison.models import StaffMembership
from liaison.permissions import TABLE, Can, can, table_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_shows_the_access_table_of_the_code():
    assert table_markdown() in README.read_text()


def test_every_capability_has_a_rule():
    assert set(TABLE) == set(Can)


def test_the_table_is_what_the_roles_get(
    practitioner, liaison, executive, agency_admin, leader, superuser
):
    Role = StaffMembership.Role
    people = {
        Role.PRACTITIONER: practitioner,
        Role.LIAISON: liaison,
        Role.EXECUTIVE: executive,
        Role.AGENCY_ADMIN: agency_admin,
    }
    for capability, rule in TABLE.items():
        for role, person in people.items():
            assert can(person, capability) == (role in rule.roles), (capability, role)
        assert can(leader, capability) == ("group leader" in rule.roles), capability
        assert can(superuser, capability) == ("superuser" in rule.roles), capability
        assert can(None, capability) is False
