"""The demo referral side (`data/referrals.toml`): peer volunteers, clients, standard and
intensive referrals in every state, follow-ups due and overdue, consents (one expired, one
revoked), disclosures, story sessions and a deleted client. Idempotent: rows are found by natural
keys and never rewritten.

Clients, referrals, their steps and follow-ups go through the referral services. The services
date what they do today; the demo's referrals were made earlier, so their days are moved back
after. Consents, disclosures and deletions are written with the model's own validation instead of
`consent_revoke`, `disclose` and `client_delete`, which would stamp their audit entries with
today and mail the volunteer (the audit trail cannot be changed afterwards)."""

import datetime as dt

from django.utils import timezone

from audit.models import AuditEvent
from audit.trail import build, record_many
from demo import files
from groups.models import Language, Meeting, SelfHelpGroup
from liaison.models import Agency, AgencyUnit, User
from referrals.models import (
    Client,
    Consent,
    Disclosure,
    PeerVolunteer,
    Referral,
    ReferralEvent,
    StorySession,
)
from referrals.services import (
    client_create,
    followup_record,
    referral_advance,
    referral_create,
    volunteer_report,
    volunteer_save,
)

FILE = "referrals.toml"
FIELDS = {
    "volunteers": "group first_name phone email availability languages",
    "clients": "record_number initials first_name last_name phone email",
    "referrals": (
        "client group kind volunteer days_ago steps step_note at_discharge notes consent follow_up "
        "volunteer_reports meeting reminder"
    ),
    "consents": (
        "client volunteer share signed_how signed_days_ago expired_days_ago expires_in_days "
        "revoked_days_ago"
    ),
    "story_sessions": "storyteller days_ago clients_reached storyteller_consented groups",
    "deleted_clients": "record_number initials first_name last_name deleted_days_ago",
}
IDENTITY = ("first_name", "last_name", "phone", "email")
# What a consent may share, as the data files name it: first_name, phone, email, preferred_meeting.
SHARES = {field.removeprefix("share_"): field for field, _label in Consent.INFORMATION}
# The follow-ups answered are those due more than this many days ago.
FOLLOW_UP_GRACE_DAYS = 3


class _Demo:
    """What every row refers to: the agency, the unit, the practitioner, today."""

    def __init__(self, document):
        self.agency = Agency.objects.get(slug=document["agency"])
        self.unit = AgencyUnit.objects.get(agency=self.agency, name=document["unit"])
        self.practitioner = User.objects.get(email=document["practitioner"])
        self.today = timezone.localdate()


def _document():
    return files.read(FILE, fields=f"agency unit practitioner {' '.join(FIELDS)}")


def seed_referrals():
    document = _document()
    with document:
        demo = _Demo(document)
    volunteers = {}
    for row in document.rows("volunteers", name="first_name", fields=FIELDS["volunteers"]):
        with row:
            volunteers[row["first_name"]] = _seed_volunteer(row)
    clients = {}
    for row in document.rows("clients", name="record_number", fields=FIELDS["clients"]):
        with row:
            clients[row["record_number"]] = _seed_client(row, demo)
    for row in document.rows("referrals", name="client", fields=FIELDS["referrals"]):
        with row:
            _seed_referral(row, demo, clients, volunteers)
    for row in document.rows("consents", name="client", fields=FIELDS["consents"]):
        with row:
            _seed_consent(row, demo, clients, volunteers)
    for row in document.rows("story_sessions", name="days_ago", fields=FIELDS["story_sessions"]):
        with row:
            storyteller = files.pick(clients, row["storyteller"], "client")
            held_on = row.day(demo.today)
            if StorySession.objects.filter(
                agency=demo.agency, storyteller=storyteller, held_on=held_on
            ).exists():
                continue
            story = StorySession(
                agency=demo.agency,
                storyteller=storyteller,
                held_on=held_on,
                clients_reached=row["clients_reached"],
                storyteller_consented=row["storyteller_consented"],
                recorded_by=demo.practitioner,
            )
            story.full_clean()
            story.save()
            story.groups.set([SelfHelpGroup.objects.get(slug=slug) for slug in row["groups"]])


def _seed_volunteer(row):
    group = SelfHelpGroup.objects.get(slug=row["group"])
    volunteer = PeerVolunteer.objects.filter(group=group, first_name=row["first_name"]).first()
    if volunteer is None:
        volunteer = PeerVolunteer(
            group=group,
            first_name=row["first_name"],
            phone=row.get("phone", ""),
            email=row.get("email", ""),
            availability=row["availability"],
        )
        volunteer.full_clean()
        volunteer_save(volunteer=volunteer, changed=[])
        volunteer.languages.set([Language.objects.get(code=c) for c in row["languages"]])
    return volunteer


def _seed_client(row, demo):
    client = Client.objects.filter(agency=demo.agency, record_number=row["record_number"]).first()
    if client is None:
        client = client_create(
            agency=demo.agency,
            unit=demo.unit,
            record_number=row["record_number"],
            initials=row["initials"],
            identity={field: row.get(field, "") for field in IDENTITY},
            by=demo.practitioner,
        )
        # The client form validates what `client_create` saves.
        client.full_clean()
        client.identity.full_clean()
    return client


def _seed_referral(row, demo, clients, volunteers):
    client = files.pick(clients, row["client"], "client")
    group = SelfHelpGroup.objects.get(slug=row["group"])
    if Referral.objects.filter(client=client, group=group).exists():
        return
    volunteer = (
        files.pick(volunteers, row["volunteer"], "volunteer") if "volunteer" in row else None
    )
    by = demo.practitioner
    meeting = Meeting.objects.get(slug=row["meeting"], group=group) if "meeting" in row else None
    referral, _created = referral_create(
        client=client,
        group=group,
        kind=row["kind"],
        volunteer=volunteer,
        meeting=meeting,
        reminder=row.get("reminder", ""),
        at_discharge=row.get("at_discharge", False),
        notes=row["notes"],
        by=by,
    )
    made_on = row.day(demo.today)
    _move_back(referral, made_on)
    steps = row["steps"]
    for number, status in enumerate(steps, start=1):
        referral_advance(
            referral=referral,
            status=status,
            by=by,
            note=row.get("step_note", "") if number == len(steps) else "",
            on=min(demo.today, made_on + dt.timedelta(days=2 * number)),
        )
    referral.refresh_from_db()
    if "follow_up" in row:
        answers = row.table(
            "follow_up",
            fields="attended meetings_attended still_attending satisfaction discussed_in_session",
        )
        answered_before = demo.today - dt.timedelta(days=FOLLOW_UP_GRACE_DAYS)
        for followup in referral.follow_ups.filter(due_on__lt=answered_before):
            followup_record(
                followup=followup, values={"done_on": followup.due_on, **answers.values}, by=by
            )
    if volunteer is not None:
        consent_row = row.table("consent", fields="share signed_how expires_after_days")
        consent = _consent(
            demo,
            client=client,
            volunteer=volunteer,
            share=consent_row["share"],
            signed_how=consent_row["signed_how"],
            signed_on=made_on,
            expires_on=made_on + dt.timedelta(days=consent_row["expires_after_days"]),
        )
        if ReferralEvent.objects.filter(
            referral=referral, status=Referral.Status.VOLUNTEER_CONTACTED
        ).exists():
            disclosure = Disclosure(
                agency=demo.agency,
                client=client,
                consent=consent,
                referral=referral,
                recipient=consent.recipient_name,
                information=consent.information,
                purpose=consent.purpose,
                method=Disclosure.Method.EMAIL,
                disclosed_by=by,
            )
            disclosure.full_clean()
            disclosure.save()
    for report in row.get("volunteer_reports", []):
        # What the volunteer said from their own page, as they would in one tap.
        if volunteer_report(volunteer=volunteer, referral_id=referral.pk, report=report) is None:
            raise ValueError(f"the volunteer cannot report “{report}” on this referral")


def _move_back(referral, made_on):
    """Date a referral made today, its first step and its follow-ups, `made_on` instead."""
    Referral.objects.filter(pk=referral.pk).update(made_on=made_on)
    referral.made_on = made_on
    referral.events.filter(status=Referral.Status.MADE).update(on=made_on)
    for followup in referral.follow_ups.all():
        followup.due_on = made_on + dt.timedelta(days=followup.offset_days)
        followup.save(update_fields=["due_on"])


def _consent(demo, *, client, volunteer, share, **values) -> Consent:
    consent = Consent(
        agency=demo.agency,
        client=client,
        discloser=demo.agency.name,
        volunteer=volunteer,
        recorded_by=demo.practitioner,
        **values,
    )
    for what in share:
        setattr(consent, files.pick(SHARES, what, "information to share"), True)
    consent.full_clean()
    consent.save()
    return consent


def _seed_consent(row, demo, clients, volunteers):
    client = files.pick(clients, row["client"], "client")
    volunteer = files.pick(volunteers, row["volunteer"], "volunteer")
    if Consent.objects.filter(client=client, volunteer=volunteer).exists():
        return
    if "expired_days_ago" in row:
        expires_on = demo.today - dt.timedelta(days=row["expired_days_ago"])
    else:
        expires_on = demo.today + dt.timedelta(days=row["expires_in_days"])
    revoked = row.get("revoked_days_ago")
    signed = row.get("signed_days_ago")
    _consent(
        demo,
        client=client,
        volunteer=volunteer,
        share=row["share"],
        signed_how=row.get("signed_how", ""),
        signed_on=None if signed is None else demo.today - dt.timedelta(days=signed),
        expires_on=expires_on,
        revoked_on=None if revoked is None else demo.today - dt.timedelta(days=revoked),
        revoked_by=None if revoked is None else demo.practitioner,
    )


def seed_deleted_clients():
    """Clients deleted some days ago, waiting for the purge: the admin can still undo it."""
    document = _document()
    with document:
        demo = _Demo(document)
    for row in document.rows(
        "deleted_clients", name="record_number", fields=FIELDS["deleted_clients"]
    ):
        with row:
            if Client.objects.filter(
                agency=demo.agency, record_number=row["record_number"]
            ).exists():
                continue
            client = _seed_client(row, demo)
            # As `client_delete` does, days ago.
            client.deleted_at = timezone.now() - dt.timedelta(days=row["deleted_days_ago"])
            client.deleted_by = demo.practitioner
            client.save(update_fields=["deleted_at", "deleted_by"])
            event = build(
                AuditEvent.Action.CLIENT_DELETED, user=demo.practitioner, obj=client, client=client
            )
            event.at = client.deleted_at
            record_many([event])


def volunteer_page() -> str:
    """The path of the own page of a demo volunteer who has been sent a newcomer's details."""
    volunteer = (
        PeerVolunteer.objects.filter(referrals__disclosures__isnull=False, is_active=True)
        .order_by("pk")
        .first()
    )
    return volunteer.get_absolute_url() if volunteer else ""
