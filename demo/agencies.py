"""Demo data of the agency side. Idempotent: rows are found by natural keys and never rewritten."""

import datetime as dt

from django.utils import timezone

from liaison.models import Agency, AgencyUnit, StaffInvitation, StaffMembership, User

DEMO_PASSWORD = "demo-password-2026"
# The demo accounts that need a second factor share this authenticator key (RFC 6238's test
# key); `manage.py demo_code` prints its current code. Never used outside the demo accounts.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"

Role = StaffMembership.Role
Level = AgencyUnit.Level

AGENCIES = [
    {
        "slug": "riverside",
        "name": "Riverside Community Mental Health",
        "phone": "(555) 010-2000",
        "email": "info@riverside.example",
        "address": "120 River Street, Riverside",
        "units": [
            ("Board of Directors", Level.BOARD),
            ("Executive Team", Level.EXECUTIVE),
            ("Outpatient Counseling", Level.PRACTITIONER),
            ("Substance Use Services", Level.PRACTITIONER),
            ("Client Advisory Council", Level.CLIENT),
        ],
        "staff": [
            (
                "admin@riverside.example",
                "Alex Morgan",
                Role.AGENCY_ADMIN,
                "Executive Team",
                "Systems administrator",
                0,
            ),
            (
                "director@riverside.example",
                "Dana Whitfield",
                Role.EXECUTIVE,
                "Executive Team",
                "Executive director",
                0,
            ),
            (
                "liaison@riverside.example",
                "Luis Ortega",
                Role.LIAISON,
                "Outpatient Counseling",
                "Self-help liaison coordinator",
                12,
            ),
            (
                "clinician@riverside.example",
                "Priya Shah",
                Role.PRACTITIONER,
                "Substance Use Services",
                "Licensed clinical social worker",
                2,
            ),
        ],
    },
    {
        "slug": "lakeside",
        "name": "Lakeside Recovery Center",
        "phone": "(555) 010-3000",
        "email": "info@lakeside.example",
        "address": "8 Harbor Road, Lakeside",
        "units": [
            ("Board", Level.BOARD),
            ("Leadership", Level.EXECUTIVE),
            ("Clinical Services", Level.PRACTITIONER),
            ("Alumni Council", Level.CLIENT),
        ],
        "staff": [
            (
                "admin@lakeside.example",
                "Morgan Lee",
                Role.AGENCY_ADMIN,
                "Leadership",
                "Operations manager",
                0,
            ),
            (
                "clinician@lakeside.example",
                "Sam Rivera",
                Role.PRACTITIONER,
                "Clinical Services",
                "Counselor",
                0,
            ),
        ],
    },
]

SUPERUSER = ("root@liaison.example", "Installation Administrator")


def demo_user(email, full_name, **extra):
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed_agencies():
    for spec in AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            slug=spec["slug"],
            defaults={k: spec[k] for k in ("name", "phone", "email", "address")},
        )
        units = {}
        for name, level in spec["units"]:
            units[name], _ = AgencyUnit.objects.get_or_create(
                agency=agency, name=name, defaults={"level": level}
            )
        for email, full_name, role, unit, title, hours in spec["staff"]:
            user = demo_user(email, full_name)
            StaffMembership.objects.get_or_create(
                user=user,
                defaults={
                    "agency": agency,
                    "unit": units[unit],
                    "role": role,
                    "title": title,
                    "liaison_hours_per_week": hours,
                },
            )
    demo_user(SUPERUSER[0], SUPERUSER[1], is_staff=True, is_superuser=True)
    seed_second_factors()
    seed_staff_invitations()


# Invited, not yet accepted: shown on the agency admin's staff list. (agency, email, name, role,
# invited by)
STAFF_INVITATIONS = [
    (
        "riverside",
        "new.clinician@riverside.example",
        "Sam Okoye",
        StaffMembership.Role.PRACTITIONER,
        "admin@riverside.example",
    ),
]


def seed_staff_invitations():
    for slug, email, full_name, role, by in STAFF_INVITATIONS:
        agency = Agency.objects.get(slug=slug)
        StaffInvitation.objects.get_or_create(
            agency=agency,
            email=email,
            defaults={
                "full_name": full_name,
                "role": role,
                "invited_by": User.objects.filter(email=by).first(),
                "expires_at": timezone.now() + dt.timedelta(days=7),
            },
        )


def demo_key_text() -> str:
    from base64 import b32encode

    return b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode().rstrip("=")


def seed_second_factors():
    """Demo accounts that must sign in with a second factor get the demo authenticator."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from liaison import mfa

    emails = [SUPERUSER[0]] + [
        email for spec in AGENCIES for email, _name, role, *_rest in spec["staff"]
    ]
    for user in User.objects.filter(email__in=emails).select_related():
        if mfa.required_for(user):
            TOTPDevice.objects.get_or_create(
                user=user,
                name="Demo authenticator",
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
            )


def logins():
    """(email, what they are) for each demo login, in the order `make run` prints them."""
    rows = [(SUPERUSER[0], "superuser — Django admin at /admin/")]
    for spec in AGENCIES:
        for email, _name, role, *_rest in spec["staff"]:
            rows.append((email, f"{Role(role).label}, {spec['name']}"))
    return rows


# --- the exchanges -------------------------------------------------------------------------------

LUIS_JOB = (
    "Keeps the agency in two-way exchange with the self-help groups of the county: visits groups "
    "and cultivates their contact persons, keeps the directory current with the groups' leaders, "
    "arranges training with self-help speakers, and co-hosts community events."
)

# (agency, staff email, group slug, kind, days ago planned, done?, hours, contact, learned)
VISITS = [
    (
        "riverside",
        "clinician@riverside.example",
        "riverside-womens-aa",
        "open_meeting",
        60,
        True,
        "2",
        "Maria G.",
        "Warm and practical; many mothers; a reading then sharing in turn.",
    ),
    (
        "riverside",
        "liaison@riverside.example",
        "nami-family-support-riverside",
        "contact",
        40,
        True,
        "1.5",
        "Maria G.",
        "Families mostly of young adults with psychosis; strong on education.",
    ),
    (
        "riverside",
        "liaison@riverside.example",
        "smart-recovery-millbrook",
        "open_meeting",
        120,
        True,
        "2",
        "Dev P.",
        "Structured, tools-based; welcoming to people on medication.",
    ),
    (
        "riverside",
        "liaison@riverside.example",
        "grow-riverside",
        "contact",
        200,
        True,
        "1",
        "",
        "Written programme; members want more referrals of people leaving hospital.",
    ),
    (
        "riverside",
        "clinician@riverside.example",
        "double-trouble-riverside",
        "contact",
        -7,
        False,
        "0",
        "",
        "",
    ),
    (
        "riverside",
        "liaison@riverside.example",
        "nami-family-support-riverside",
        "open_meeting",
        -10,
        False,
        "0",
        "",
        "",
    ),
    (
        "lakeside",
        "clinician@lakeside.example",
        "dbsa-lakeside",
        "open_meeting",
        30,
        True,
        "2",
        "Ellen",
        "Lakeside's own visit: invisible to Riverside.",
    ),
]

TRAININGS = [
    (
        "riverside",
        "Panel: members of AA, NAMI and DBSA on what helps",
        "panel",
        90,
        "2",
        ["riverside-womens-aa", "nami-family-support-riverside", "dbsa-riverside-evening-online"],
        "Maria (AA), Ana (NAMI), Joe (DBSA)",
        ["clinician@riverside.example", "liaison@riverside.example", "director@riverside.example"],
    ),
    (
        "riverside",
        "A simulated support-group meeting",
        "simulation",
        240,
        "3",
        ["grow-riverside"],
        "Two GROW organizers",
        ["clinician@riverside.example"],
    ),
    (
        "riverside",
        "Making referrals that work: linking clients with volunteers",
        "referral_workshop",
        20,
        "1.5",
        ["smart-recovery-millbrook"],
        "Dev (SMART Recovery)",
        ["clinician@riverside.example", "liaison@riverside.example"],
    ),
]

BOARD = [
    ("Rosa Diaz", True, "nami-family-support-riverside", "", 500),
    ("Walter Kim", True, "", "aa", 300),
    ("Dr. Helen Park", False, "", "", 900),
    ("James Okoro", False, "", "", 700),
    ("Linda Marsh", False, "", "", 400),
    ("Tom Becker", False, "", "", 1200),
    ("Aisha Rahman", False, "", "", 100),
]

# (kind, group slug, organization slug, status, signed days ago, renews in days)
TIES = [
    ("liaison", "", "nami", "active", 320, 45),
    ("space", "riverside-womens-aa", "", "active", 200, 165),
    ("referral", "smart-recovery-millbrook", "", "proposed", None, None),
    ("cosponsor", "", "dbsa", "active", 100, 265),
]

# (group slug, kind, days ago, amount, in kind, description)
SUPPORT = [
    ("nami-family-support-riverside", "newsletter", 80, "600", None, "Quarterly family newsletter"),
    ("riverside-womens-aa", "space", 30, None, "1200", "Room B on Saturdays, free of charge"),
    ("grow-riverside", "printing", 150, "150", None, "Meeting flyers"),
    (
        "double-trouble-riverside",
        "presentation",
        60,
        None,
        "200",
        "Talk on medication and recovery",
    ),
]

ACTIVITIES = [
    (
        "web_link",
        "executive",
        100,
        ["nami-family-support-riverside"],
        "",
        "Agency web site links to local NAMI and AA meeting lists.",
    ),
    (
        "research",
        "practitioner",
        45,
        ["dbsa-riverside-evening-online"],
        "State university",
        "Survey of members' use of professional services, designed with the group.",
    ),
    (
        "speaker",
        "client",
        15,
        ["riverside-womens-aa"],
        "",
        "A member told her story to the intensive outpatient group.",
    ),
]


def seed_exchanges():
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from exchanges.models import Activity, BoardSeat, FormalTie, Support, TrainingSession, Visit
    from groups.models import Meeting, Organization, SelfHelpGroup

    today = timezone.localdate()
    agencies = {agency.slug: agency for agency in Agency.objects.all()}
    groups = {group.slug: group for group in SelfHelpGroup.objects.all()}
    users = {user.email: user for user in User.objects.all()}
    StaffMembership.objects.filter(
        user__email="liaison@riverside.example", job_description=""
    ).update(job_description=LUIS_JOB)
    for agency_slug, email, slug, kind, ago, done, hours, contact, learned in VISITS:
        group = groups.get(slug)
        if group is None:
            continue
        meeting = (
            Meeting.objects.filter(group=group, status="active", access="open").first()
            if kind == "open_meeting"
            else None
        )
        if kind == "open_meeting" and meeting is None:
            kind = "contact"
        day = today - dt.timedelta(days=ago)
        Visit.objects.get_or_create(
            agency=agencies[agency_slug],
            staff=users[email],
            group=group,
            kind=kind,
            defaults={
                "meeting": meeting,
                "planned_on": day,
                "status": "done" if done else "planned",
                "done_on": day if done else None,
                "hours": Decimal(hours),
                "contact_person": contact,
                "learned_culture": learned,
                "announce_to_group": not done,
            },
        )
    for agency_slug, title, kind, ago, hours, slugs, presenters, attendees in TRAININGS:
        training, created = TrainingSession.objects.get_or_create(
            agency=agencies[agency_slug],
            title=title,
            defaults={
                "kind": kind,
                "held_on": today - dt.timedelta(days=ago),
                "hours": Decimal(hours),
                "presenters": presenters,
            },
        )
        if created:
            training.groups.set([groups[s] for s in slugs if s in groups])
            training.attendees.set([users[e] for e in attendees])
    riverside = agencies["riverside"]
    organizations = {org.slug: org for org in Organization.objects.all()}
    for name, leader, group_slug, org_slug, ago in BOARD:
        BoardSeat.objects.get_or_create(
            agency=riverside,
            holder_name=name,
            defaults={
                "is_self_help_leader": leader,
                "group": groups.get(group_slug),
                "organization": organizations.get(org_slug),
                "term_start": today - dt.timedelta(days=ago),
                "term_end": today - dt.timedelta(days=ago) + dt.timedelta(days=3 * 365),
            },
        )
    for kind, group_slug, org_slug, status, signed, renews in TIES:
        FormalTie.objects.get_or_create(
            agency=riverside,
            kind=kind,
            group=groups.get(group_slug),
            organization=organizations.get(org_slug),
            defaults={
                "status": status,
                "signed_on": today - dt.timedelta(days=signed) if signed is not None else None,
                "renews_on": today + dt.timedelta(days=renews) if renews is not None else None,
            },
        )
    for slug, kind, ago, amount, in_kind, description in SUPPORT:
        Support.objects.get_or_create(
            agency=riverside,
            group=groups[slug],
            kind=kind,
            description=description,
            defaults={
                "given_on": today - dt.timedelta(days=ago),
                "amount": Decimal(amount) if amount else None,
                "in_kind_value": Decimal(in_kind) if in_kind else None,
            },
        )
    for kind, level, ago, slugs, partners, summary in ACTIVITIES:
        activity, created = Activity.objects.get_or_create(
            agency=riverside,
            summary=summary,
            defaults={
                "kind": kind,
                "level": level,
                "happened_on": today - dt.timedelta(days=ago),
                "partners": partners,
                "recorded_by": users["liaison@riverside.example"],
            },
        )
        if created:
            activity.groups.set([groups[s] for s in slugs if s in groups])
