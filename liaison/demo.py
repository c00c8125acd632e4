"""Demo data of the agency side. Idempotent: rows are found by natural keys and never rewritten."""

from liaison.models import Agency, AgencyUnit, StaffMembership, User

DEMO_PASSWORD = "demo-password-2026"

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


def logins():
    """(email, what they are) for each demo login, in the order `make run` prints them."""
    rows = [(SUPERUSER[0], "superuser — Django admin at /admin/")]
    for spec in AGENCIES:
        for email, _name, role, *_rest in spec["staff"]:
            rows.append((email, f"{Role(role).label}, {spec['name']}"))
    return rows
