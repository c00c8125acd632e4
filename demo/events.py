"""Demo data of the events side: partners by sector and a year of joint events across kinds and
both awareness periods, some with registration. Idempotent: found by natural keys."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone

from events.models import JointEvent, Partner, Registration, Sponsorship
from groups.models import SelfHelpGroup
from liaison.models import Agency

PARTNERS = [
    ("County Department of Health", "government", "Rita Alvarez"),
    ("Riverside Public Library", "education", "Sam Cole"),
    ("St. Mark's Episcopal Church", "religious", "Rev. Ann Hughes"),
    ("Riverside Gazette", "media", "Tom Baxter"),
    ("Hudson Valley Workforce Center", "employment", "Joy Kim"),
    ("Riverside General Hospital", "health", "Dr. Omar Said"),
]

# title, kind, (month, day, hour) relative year offset, hours, place, public, status, capacity,
# groups, partners, expected, actual
EVENTS = [
    (
        "Depression screening day",
        "screening",
        (0, 10, 6, 10),
        5,
        "Riverside Public Library",
        True,
        "held",
        40,
        ["dbsa-riverside-evening-online"],
        ["Riverside Public Library", "County Department of Health"],
        60,
        72,
    ),
    (
        "Recovery Month celebration picnic",
        "celebration",
        (0, 9, 20, 12),
        4,
        "Riverside Park",
        True,
        "held",
        None,
        ["riverside-womens-aa", "smart-recovery-millbrook"],
        ["St. Mark's Episcopal Church"],
        150,
        180,
    ),
    (
        "Film and discussion: “Anonymous People”",
        "film",
        (0, 9, 12, 18),
        3,
        "Riverside Public Library, Room A",
        True,
        "held",
        60,
        ["nami-family-support-riverside"],
        ["Riverside Public Library"],
        50,
        44,
    ),
    (
        "Memorial service for those lost to overdose",
        "memorial",
        (0, 8, 31, 19),
        2,
        "St. Mark's Episcopal Church",
        True,
        "held",
        None,
        ["double-trouble-riverside"],
        ["St. Mark's Episcopal Church"],
        80,
        95,
    ),
    (
        "Community panel: recovery and work",
        "community_panel",
        (1, 1, 21, 18),
        2,
        "Hudson Valley Workforce Center",
        True,
        "confirmed",
        30,
        ["smart-recovery-millbrook"],
        ["Hudson Valley Workforce Center"],
        30,
        None,
    ),
    (
        "Provider workshop: referring to self-help groups",
        "provider_workshop",
        (1, 2, 11, 13),
        3,
        "Riverside General Hospital, Auditorium",
        False,
        "confirmed",
        None,
        ["nami-family-support-riverside"],
        ["Riverside General Hospital"],
        40,
        None,
    ),
    (
        "Mental Illness Awareness Week panel",
        "panel",
        (1, 10, 6, 18),
        2,
        "Riverside Public Library",
        True,
        "planned",
        50,
        ["nami-family-support-riverside"],
        ["Riverside Gazette"],
        50,
        None,
    ),
    (
        "Recovery Month banner display on Main Street",
        "banner",
        (1, 9, 1, 9),
        24 * 29,
        "Main Street",
        True,
        "planned",
        None,
        ["riverside-womens-aa"],
        [],
        None,
        None,
    ),
    (
        "Radio interview on the local station",
        "media",
        (0, 12, 15, 8),
        1,
        "",
        True,
        "confirmed",
        None,
        ["dbsa-riverside-evening-online"],
        ["Riverside Gazette"],
        None,
        None,
    ),
    (
        "Book exhibit: self-help and recovery",
        "book_exhibit",
        (1, 3, 2, 10),
        6,
        "Riverside Public Library",
        True,
        "cancelled",
        None,
        [],
        ["Riverside Public Library"],
        None,
        None,
    ),
]


def _when(spec, today):
    """(years from this one, month, day, hour) as an aware datetime."""
    year_offset, month, day, hour = spec
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return dt.datetime(today.year + year_offset, month, day, hour, tzinfo=zone)


def seed_events():
    agency = Agency.objects.filter(slug="riverside").first()
    if agency is None:
        return
    today = timezone.localdate()
    partners = {}
    for name, sector, contact in PARTNERS:
        partners[name], _ = Partner.objects.get_or_create(
            agency=agency, name=name, defaults={"sector": sector, "contact_name": contact}
        )
    groups = {g.slug: g for g in SelfHelpGroup.objects.all()}
    for (
        title,
        kind,
        when,
        hours,
        place,
        public,
        status,
        capacity,
        group_slugs,
        partner_names,
        expected,
        actual,
    ) in EVENTS:
        starts = _when(when, today)
        event, created = JointEvent.objects.get_or_create(
            agency=agency,
            title=title,
            defaults={
                "kind": kind,
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=hours),
                "place": place,
                "is_public": public,
                "status": status,
                "capacity": capacity,
                "expected_attendance": expected,
                "actual_attendance": actual,
                "description": "Held together with local self-help groups and partners.",
            },
        )
        if not created:
            continue
        Sponsorship.objects.create(event=event, is_agency=True, role="host")
        for n, slug in enumerate(group_slugs):
            if slug in groups:
                answer = "invited" if status == "planned" and n == 0 else "accepted"
                Sponsorship.objects.create(
                    event=event, group=groups[slug], role="cosponsor", answer=answer
                )
        for name in partner_names:
            Sponsorship.objects.create(event=event, partner=partners[name], role="cosponsor")
        if capacity and status in ("confirmed", "held"):
            for n, person in enumerate(["Kim Lee", "Ravi Patel", "Ana Souza", "Joe Burke"]):
                Registration.objects.create(
                    event=event,
                    name=person,
                    email=f"guest{n}@example.com",
                    status="confirmed",
                    confirmed_at=timezone.now(),
                )
            if status == "confirmed":
                # Asked to register, not confirmed by email yet: holds no place.
                Registration.objects.create(
                    event=event,
                    name="Sam Ortiz",
                    email="guest4@example.com",
                    status="pending",
                    language="es",
                )
