"""Plain helpers that make rows with sensible defaults; pass keywords to change any field."""

import itertools

from groups.models import GroupLeadership, SelfHelpGroup
from liaison.models import Agency, AgencyUnit, StaffMembership, User

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


def make_agency(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Agency {n}")
    kw.setdefault("slug", f"agency-{n}")
    return Agency.objects.create(**kw)


def make_unit(agency=None, **kw):
    n = next(_seq)
    kw.setdefault("name", f"Unit {n}")
    kw.setdefault("level", AgencyUnit.Level.PRACTITIONER)
    return AgencyUnit.objects.create(agency=agency or make_agency(), **kw)


def make_user(**kw):
    n = next(_seq)
    kw.setdefault("email", f"person{n}@example.org")
    kw.setdefault("full_name", f"Person {n}")
    password = kw.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **kw)


def make_staff(agency=None, role=StaffMembership.Role.PRACTITIONER, unit=None, **kw):
    """A user with a membership in `agency`; returns the user."""
    agency = agency or make_agency()
    membership_fields = {
        key: kw.pop(key) for key in ("title", "liaison_hours_per_week", "is_active") if key in kw
    }
    user = make_user(**kw)
    StaffMembership.objects.create(
        user=user, agency=agency, unit=unit, role=role, **membership_fields
    )
    return user


def make_group(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Group {n}")
    kw.setdefault("slug", f"group-{n}")
    kw.setdefault("status", SelfHelpGroup.Status.ACTIVE)
    return SelfHelpGroup.objects.create(**kw)


def make_leader(group=None, user=None):
    """A user who leads `group`; returns the user."""
    user = user or make_user()
    GroupLeadership.objects.create(user=user, group=group or make_group())
    return user
