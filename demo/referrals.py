"""Demo data of the referral side: clients, consents (one expired, one revoked), volunteers,
standard and intensive referrals in every state, follow-ups due and overdue, story sessions.
Idempotent: rows are found by natural keys and never rewritten."""

import datetime as dt

from django.utils import timezone

from groups.models import Language, SelfHelpGroup
from liaison.models import Agency, AgencyUnit, User
from referrals.models import (
    Client,
    ClientIdentity,
    Consent,
    Disclosure,
    FollowUp,
    PeerVolunteer,
    Referral,
    ReferralEvent,
    StorySession,
)

VOLUNTEERS = [
    ("riverside-womens-aa", "Carmen", "555-0181", "carmen.v@example.org", "Weekday evenings"),
    ("riverside-womens-aa", "Beth", "555-0182", "", "Saturday mornings"),
    ("nami-family-support-riverside", "Ana", "555-0183", "ana.v@example.org", "Thursdays"),
    ("smart-recovery-millbrook", "Dev", "555-0184", "dev.v@example.org", "Any evening"),
]

# record, initials, first, last, phone, email
CLIENTS = [
    ("RCM-10421", "TJ", "Tanya", "Jones", "555-0191", "tanya.j@example.com"),
    ("RCM-10438", "MR", "Marcus", "Reed", "555-0192", ""),
    ("RCM-10455", "LS", "Lucia", "Soto", "555-0193", "lucia.s@example.com"),
    ("RCM-10472", "KP", "Kevin", "Park", "555-0194", ""),
    ("RCM-10489", "AW", "Angela", "White", "555-0195", "angela.w@example.com"),
    ("RCM-10496", "DN", "Derek", "Nash", "555-0196", ""),
    ("RCM-10503", "HB", "Helen", "Brooks", "555-0197", ""),
]

# record, group, kind, volunteer, days ago, status path, at discharge
REFERRALS = [
    (
        "RCM-10421",
        "riverside-womens-aa",
        "intensive",
        "Carmen",
        95,
        ["volunteer_contacted", "meeting_arranged", "attended", "engaged"],
        False,
    ),
    (
        "RCM-10438",
        "smart-recovery-millbrook",
        "intensive",
        "Dev",
        40,
        ["volunteer_contacted", "meeting_arranged", "attended"],
        False,
    ),
    ("RCM-10455", "nami-family-support-riverside", "standard", "", 12, [], False),
    ("RCM-10472", "smart-recovery-millbrook", "standard", "", 35, ["not_attended"], True),
    ("RCM-10489", "riverside-womens-aa", "intensive", "Beth", 3, [], False),
    ("RCM-10496", "riverside-womens-aa", "standard", "", 60, ["declined"], False),
    (
        "RCM-10503",
        "nami-family-support-riverside",
        "intensive",
        "Ana",
        20,
        ["volunteer_contacted", "meeting_arranged"],
        False,
    ),
]


def seed_referrals():
    agency = Agency.objects.filter(slug="riverside").first()
    if agency is None:
        return
    today = timezone.localdate()
    unit = AgencyUnit.objects.get(agency=agency, name="Substance Use Services")
    practitioner = User.objects.get(email="clinician@riverside.example")
    groups = {g.slug: g for g in SelfHelpGroup.objects.filter(slug__in={r[1] for r in REFERRALS})}
    volunteers = {}
    for slug, first, phone, email, availability in VOLUNTEERS:
        volunteers[first], created = PeerVolunteer.objects.get_or_create(
            group=groups.get(slug) or SelfHelpGroup.objects.get(slug=slug),
            first_name=first,
            defaults={"phone": phone, "email": email, "availability": availability},
        )
        if created:
            volunteers[first].languages.set(Language.objects.filter(code="en"))
    clients = {}
    for record, initials, first, last, phone, email in CLIENTS:
        client, created = Client.objects.get_or_create(
            agency=agency,
            record_number=record,
            defaults={"unit": unit, "initials": initials, "created_by": practitioner},
        )
        if created:
            ClientIdentity.objects.create(
                client=client, first_name=first, last_name=last, phone=phone, email=email
            )
        clients[record] = client
    for record, slug, kind, volunteer_name, ago, path, at_discharge in REFERRALS:
        client = clients[record]
        if Referral.objects.filter(client=client, group=groups[slug]).exists():
            continue
        made_on = today - dt.timedelta(days=ago)
        volunteer = volunteers.get(volunteer_name)
        referral = Referral.objects.create(
            agency=agency,
            client=client,
            group=groups[slug],
            kind=kind,
            volunteer=volunteer,
            at_discharge=at_discharge,
            made_by=practitioner,
            made_on=made_on,
            status=path[-1] if path else "made",
            notes="Demo referral.",
        )
        ReferralEvent.objects.create(
            referral=referral, status="made", on=made_on, recorded_by=practitioner
        )
        for step, status in enumerate(path, start=1):
            ReferralEvent.objects.create(
                referral=referral,
                status=status,
                on=min(today, made_on + dt.timedelta(days=2 * step)),
                recorded_by=practitioner,
                note="The client changed their mind."
                if status == "declined"
                else ("Said the time did not suit." if status == "not_attended" else ""),
            )
        for days in (7, 30, 90):
            due = made_on + dt.timedelta(days=days)
            done = due < today - dt.timedelta(days=3) and referral.status in ("attended", "engaged")
            FollowUp.objects.create(
                referral=referral,
                offset_days=days,
                due_on=due,
                done_on=due if done else None,
                attended=True if done else None,
                meetings_attended=3 if done else None,
                still_attending=True if done else None,
                satisfaction=4 if done else None,
                recorded_by=practitioner if done else None,
            )
        if volunteer is not None:
            consent = Consent.objects.create(
                agency=agency,
                client=client,
                discloser=agency.name,
                share_first_name=True,
                share_phone=True,
                volunteer=volunteer,
                signed_on=made_on,
                expires_on=made_on + dt.timedelta(days=180),
                signed_how="paper",
                recorded_by=practitioner,
            )
            if "volunteer_contacted" in path:
                Disclosure.objects.create(
                    agency=agency,
                    client=client,
                    consent=consent,
                    referral=referral,
                    recipient=consent.recipient_name,
                    information=["first name", "phone number"],
                    purpose=consent.purpose,
                    method="email",
                    disclosed_by=practitioner,
                )
    # One consent expired, one revoked: both block any further disclosure.
    expired_client, revoked_client = clients["RCM-10472"], clients["RCM-10496"]
    if not Consent.objects.filter(client=expired_client).exists():
        Consent.objects.create(
            agency=agency,
            client=expired_client,
            discloser=agency.name,
            share_first_name=True,
            volunteer=volunteers["Dev"],
            signed_on=today - dt.timedelta(days=200),
            expires_on=today - dt.timedelta(days=20),
            signed_how="paper",
            recorded_by=practitioner,
        )
    if not Consent.objects.filter(client=revoked_client).exists():
        Consent.objects.create(
            agency=agency,
            client=revoked_client,
            discloser=agency.name,
            share_first_name=True,
            share_phone=True,
            volunteer=volunteers["Carmen"],
            signed_on=today - dt.timedelta(days=60),
            expires_on=today + dt.timedelta(days=120),
            signed_how="electronic",
            revoked_on=today - dt.timedelta(days=50),
            revoked_by=practitioner,
            recorded_by=practitioner,
        )
    storyteller = clients["RCM-10421"]
    for ago, reached in ((30, 9), (120, 12)):
        story, created = StorySession.objects.get_or_create(
            agency=agency,
            storyteller=storyteller,
            clients_reached=reached,
            defaults={
                "held_on": today - dt.timedelta(days=ago),
                "storyteller_consented": True,
                "recorded_by": practitioner,
            },
        )
        if created:
            story.groups.set([groups["riverside-womens-aa"]])


def volunteer_page() -> str:
    """The path of the own page of a demo volunteer who has been sent a newcomer's details."""
    volunteer = (
        PeerVolunteer.objects.filter(referrals__disclosures__isnull=False, is_active=True)
        .order_by("pk")
        .first()
    )
    return volunteer.get_absolute_url() if volunteer else ""
