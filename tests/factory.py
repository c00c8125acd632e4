"""Plain helpers that make rows with sensible defaults; pass keywords to change any field."""

import datetime as dt
import itertools
import secrets

from django.utils import timezone

from groups import schedule
from groups.directory.search import refresh_search_for
from groups.models import (
    Assessment,
    AudienceTag,
    FocusArea,
    GroupLeadership,
    Language,
    Location,
    Meeting,
    Organization,
    SelfHelpGroup,
)
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


def make_group(focus=(), audience=(), **kw):
    """A listed group; `focus` and `audience` are slugs of the reference data."""
    n = next(_seq)
    kw.setdefault("name", f"Group {n}")
    kw.setdefault("slug", f"group-{n}")
    kw.setdefault("status", SelfHelpGroup.Status.ACTIVE)
    kw.setdefault("verified_at", timezone.now() - dt.timedelta(days=30))
    group = SelfHelpGroup.objects.create(**kw)
    if focus:
        group.focus_areas.set(FocusArea.objects.filter(slug__in=focus))
    if audience:
        group.audience.set(AudienceTag.objects.filter(slug__in=audience))
    refresh_search_for(SelfHelpGroup.objects.filter(pk=group.pk))
    return group


def make_organization(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Organization {n}")
    kw.setdefault("slug", f"organization-{n}")
    kw.setdefault("approach", Organization.Approach.PEER_SUPPORT)
    return Organization.objects.create(**kw)


def make_location(**kw):
    n = next(_seq)
    kw.setdefault("name", f"Hall {n}")
    kw.setdefault("street", f"{n} Main Street")
    kw.setdefault("city", "Riverside")
    kw.setdefault("state", "NY")
    kw.setdefault("postal_code", "10001")
    return Location.objects.create(**kw)


def make_meeting(group=None, days=(2,), languages=("en",), refresh=True, **kw):
    """A weekly in-person open meeting (Tuesday 7 pm by default); `days` 0 = Sunday."""
    group = group or make_group()
    n = next(_seq)
    kw.setdefault("slug", f"{group.slug}-meeting-{n}")
    kw.setdefault("weekdays", schedule.mask_from_days(days))
    kw.setdefault("start_time", dt.time(19))
    kw.setdefault("end_time", dt.time(20))
    kw.setdefault("timezone", "America/New_York")
    mode = kw.setdefault("mode", Meeting.Mode.IN_PERSON)
    if mode != Meeting.Mode.ONLINE:
        kw.setdefault("location", make_location())
    if mode != Meeting.Mode.IN_PERSON:
        kw.setdefault("conference_url", "https://meet.example.org/abc")
    if kw.get("recurrence") == Meeting.Recurrence.MONTHLY:
        kw.setdefault("month_week", 1)
    meeting = Meeting(group=group, **kw)
    meeting.full_clean()
    meeting.save()
    meeting.languages.set(Language.objects.filter(code__in=languages))
    if refresh:
        refresh_search_for(SelfHelpGroup.objects.filter(pk=group.pk))
    return meeting


def make_assessment(agency, group, **kw):
    kw.setdefault("maturity", Assessment.Level.GOOD)
    kw.setdefault("notes", "Stable leadership; welcoming to newcomers.")
    return Assessment.objects.create(agency=agency, group=group, **kw)


def make_leader(group=None, user=None):
    """A user who leads `group`; returns the user."""
    user = user or make_user()
    GroupLeadership.objects.create(user=user, group=group or make_group())
    return user


def make_client(agency, unit, **kw):
    from referrals.models import Client, ClientIdentity

    n = next(_seq)
    identity = {
        "first_name": kw.pop("first_name", "Jordan"),
        "last_name": kw.pop("last_name", "Blake"),
        "phone": kw.pop("phone", "555-0166"),
        "email": kw.pop("email", "jordan@example.org"),
    }
    kw.setdefault("record_number", f"R-{n:05d}")
    kw.setdefault("initials", "JB")
    client = Client.objects.create(agency=agency, unit=unit, **kw)
    ClientIdentity.objects.create(client=client, **identity)
    return client


def make_volunteer(group, **kw):
    from referrals.models import PeerVolunteer

    kw.setdefault("first_name", "Sam")
    kw.setdefault("phone", "555-0177")
    kw.setdefault("email", "sam.volunteer@example.org")
    return PeerVolunteer.objects.create(group=group, **kw)


def make_consent(client, volunteer=None, **kw):
    from referrals.models import Consent

    kw.setdefault("discloser", client.agency.name)
    kw.setdefault("share_first_name", True)
    kw.setdefault("share_phone", True)
    kw.setdefault("signed_on", timezone.localdate() - dt.timedelta(days=1))
    kw.setdefault("expires_on", timezone.localdate() + dt.timedelta(days=180))
    kw.setdefault("signed_how", "paper")
    return Consent.objects.create(agency=client.agency, client=client, volunteer=volunteer, **kw)


def make_event(agency, **kw):
    from events.models import JointEvent

    start = kw.pop("starts_at", timezone.now() + dt.timedelta(days=10))
    kw.setdefault("kind", "screening")
    kw.setdefault("title", f"Event {next(_seq)}")
    kw.setdefault("status", "confirmed")
    kw.setdefault("place", "Riverside Library")
    return JointEvent.objects.create(
        agency=agency,
        starts_at=start,
        ends_at=kw.pop("ends_at", start + dt.timedelta(hours=3)),
        **kw,
    )


def make_survey_responses(survey, rows, via="link"):
    """Record responses straight through the service: `rows` is a list of {question key: value}."""
    from surveys.services import response_submit

    questions = {q.key: q for q in survey.questions.all()}
    return [
        response_submit(
            survey=survey,
            answers={questions[k]: v for k, v in row.items()},
            nonce=secrets.token_urlsafe(12),
            via=via,
        )
        for row in rows
    ]


def make_visit(agency, staff, group, day, hours=1, status="done", **fields):
    """A staff visit to `group` planned for `day`, done that day when its status is done (give
    `done_on=` for another day, or for a visit cancelled after it was marked done)."""
    from decimal import Decimal

    from exchanges.models import Visit

    fields.setdefault("done_on", day if status == "done" else None)
    fields.setdefault("kind", "contact")
    return Visit.objects.create(
        agency=agency,
        staff=staff,
        group=group,
        planned_on=day,
        status=status,
        hours=Decimal(hours),
        **fields,
    )
