"""Writes on the referral side. Identity leaves the agency only through `disclose()`, which checks
the consent and writes the ledger in the same transaction."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from audit.trail import Action, record
from jobs.mail import mail_later
from jobs.queue import background, later
from jobs.sms import send_text
from liaison import installation
from referrals import monthly
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
    new_access_key,
)

Status = Referral.Status


class ReferralError(Exception):
    """A referral-side action that cannot be taken; the message says why."""


# --- clients and consents -------------------------------------------------------------------------


@transaction.atomic
def client_create(*, agency, unit, record_number, initials, identity: dict, by) -> Client:
    if unit.agency_id != agency.pk:
        raise ReferralError("That unit belongs to another agency.")
    client = Client.objects.create(
        agency=agency,
        unit=unit,
        record_number=record_number,
        initials=initials.upper(),
        created_by=by,
    )
    ClientIdentity.objects.create(client=client, **identity)
    return client


@transaction.atomic
def consent_revoke(*, consent: Consent, by, day=None) -> Consent:
    """Revocation takes effect at once: every later disclosure is refused."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_on:
        raise ReferralError("This consent was already revoked.")
    consent.revoked_on = day or timezone.localdate()
    consent.revoked_by = by
    consent.save(update_fields=["revoked_on", "revoked_by"])
    record(Action.CONSENT_REVOKED, user=by, obj=consent, client=consent.client)
    return consent


@transaction.atomic
def consent_sign(*, consent: Consent, signed_on, signed_how, by) -> Consent:
    """The client signed the printed form: from that day on the consent may be relied on."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_on:
        raise ReferralError("This consent was revoked; record a new one for the client to sign.")
    if consent.signed_on:
        raise ReferralError("This consent is signed already.")
    consent.signed_on, consent.signed_how = signed_on, signed_how
    consent.full_clean()
    consent.save(update_fields=["signed_on", "signed_how"])
    record(Action.CONSENT_SIGNED, user=by, obj=consent, client=consent.client)
    return consent


def consent_for(client, recipient, day=None):
    """The consent under which `recipient` may receive the client's information today, or a
    ReferralError saying what is missing."""
    day = day or timezone.localdate()
    consents = [c for c in client.consents.all() if c.names(recipient)]
    if not consents:
        raise ReferralError(
            f"There is no consent naming {recipient} as the recipient. Record the client's "
            "written consent first."
        )
    valid = [c for c in consents if c.is_valid_on(day)]
    if not valid:
        states = sorted({c.status(day) for c in consents})
        raise ReferralError(
            f"The client's consent for {recipient} is {' and '.join(states)}: nothing can be "
            "shared."
        )
    return max(valid, key=lambda c: (c.signed_on, c.pk))


# --- peer volunteers -----------------------------------------------------------------------------

VOLUNTEER_CONTACT_FIELDS = ("phone", "email")


@transaction.atomic
def volunteer_save(*, volunteer: PeerVolunteer, changed: list[str]) -> PeerVolunteer:
    """Save a volunteer as their group's leader keeps them. A new phone or email gives the
    volunteer a new link, opening nothing disclosed before, and holds further disclosures until
    a practitioner records the client's consent again."""
    if volunteer.pk and set(changed) & set(VOLUNTEER_CONTACT_FIELDS):
        volunteer.access_key = new_access_key()
        volunteer.contact_changed_at = timezone.now()
    volunteer.save()
    return volunteer


def volunteer_disclosures(volunteer: PeerVolunteer, day=None):
    """What clients agreed to share with this volunteer and still do: disclosures under a
    consent naming them, valid today, made since their contact details last changed."""
    day = day or timezone.localdate()
    disclosures = (
        Disclosure.objects.filter(
            referral__volunteer=volunteer,
            consent__volunteer=volunteer,
            disclosed_at__gte=volunteer.contact_changed_at,
            client__deleted_at__isnull=True,
            referral__deleted_at__isnull=True,
        )
        .select_related("referral__group", "referral__meeting", "consent", "client__identity")
        .order_by("-disclosed_at")
    )
    rows = []
    for disclosure in disclosures:
        consent = disclosure.consent
        identity = getattr(disclosure.client, "identity", None)
        if identity is None or not consent.is_valid_on(day):
            continue
        rows.append(
            {
                "disclosure": disclosure,
                "referral": disclosure.referral,
                "details": consented_details(consent, identity, disclosure.referral),
            }
        )
    return rows


# --- referrals ------------------------------------------------------------------------------------


def referral_create(
    *,
    client,
    group,
    kind,
    volunteer=None,
    meeting=None,
    at_discharge=False,
    notes="",
    reminder="",
    by,
    submission=None,
) -> tuple[Referral, bool]:
    """Refer a client to a group. Sending the same form twice makes one referral."""
    if submission:
        existing = Referral.objects.filter(submission=submission).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            referral = Referral(
                agency=client.agency,
                client=client,
                group=group,
                kind=kind,
                volunteer=volunteer,
                meeting=meeting,
                at_discharge=at_discharge,
                notes=notes,
                reminder=reminder,
                made_by=by,
                submission=submission or None,
            )
            referral.full_clean(exclude=["submission"])
            referral.save()
            ReferralEvent.objects.create(referral=referral, status=Status.MADE, recorded_by=by)
            follow_ups = FollowUp.objects.bulk_create(
                FollowUp(
                    referral=referral,
                    offset_days=days,
                    due_on=referral.made_on + dt.timedelta(days=days),
                )
                for days in settings.FOLLOW_UP_DAYS
            )
            monthly.mark_stale(referral.agency_id, "followups", [f.due_on for f in follow_ups])
    except IntegrityError:
        # The same submission arrived twice at once: the other request made it.
        return Referral.objects.get(submission=submission), False
    return referral, True


NEXT_STATES = {
    Status.MADE: [
        Status.VOLUNTEER_CONTACTED,
        Status.MET_VOLUNTEER,
        Status.NOT_REACHED,
        Status.MEETING_ARRANGED,
        Status.ATTENDED,
        Status.NOT_ATTENDED,
        Status.DECLINED,
        Status.CLOSED,
    ],
    Status.VOLUNTEER_CONTACTED: [
        Status.MET_VOLUNTEER,
        Status.NOT_REACHED,
        Status.MEETING_ARRANGED,
        Status.ATTENDED,
        Status.NOT_ATTENDED,
        Status.DECLINED,
        Status.CLOSED,
    ],
    Status.MET_VOLUNTEER: [
        Status.MEETING_ARRANGED,
        Status.ATTENDED,
        Status.NOT_ATTENDED,
        Status.DECLINED,
        Status.CLOSED,
    ],
    Status.NOT_REACHED: [
        Status.VOLUNTEER_CONTACTED,
        Status.MET_VOLUNTEER,
        Status.MEETING_ARRANGED,
        Status.ATTENDED,
        Status.NOT_ATTENDED,
        Status.DECLINED,
        Status.CLOSED,
    ],
    Status.MEETING_ARRANGED: [
        Status.MET_VOLUNTEER,
        Status.ATTENDED,
        Status.NOT_ATTENDED,
        Status.DECLINED,
        Status.CLOSED,
    ],
    Status.ATTENDED: [Status.ENGAGED, Status.NOT_ATTENDED, Status.CLOSED],
    Status.NOT_ATTENDED: [Status.MEETING_ARRANGED, Status.ATTENDED, Status.DECLINED, Status.CLOSED],
    Status.ENGAGED: [Status.CLOSED],
    Status.DECLINED: [Status.CLOSED],
    Status.CLOSED: [],
}


@transaction.atomic
def referral_advance(*, referral: Referral, status: str, by, note="", on=None) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if status not in NEXT_STATES[referral.status]:
        raise ReferralError(
            f"A referral that is “{referral.get_status_display().lower()}” cannot become "
            f"“{Status(status).label.lower()}”."
        )
    if status in (Status.DECLINED, Status.CLOSED, Status.NOT_ATTENDED) and not note.strip():
        raise ReferralError("Say why, in a few words.")
    referral.status = status
    referral.save(update_fields=["status"])
    ReferralEvent.objects.create(
        referral=referral, status=status, recorded_by=by, note=note, on=on or timezone.localdate()
    )
    return referral


# What a peer volunteer can say from their page, in one tap, and the state each one means.
VOLUNTEER_REPORTS = {
    "contacted": Status.VOLUNTEER_CONTACTED,
    "met": Status.MET_VOLUNTEER,
    "went_together": Status.ATTENDED,
    "not_reached": Status.NOT_REACHED,
}


@transaction.atomic
def volunteer_report(*, volunteer: PeerVolunteer, referral_id: int, report: str):
    """The volunteer says how it went with a newcomer they may see (a valid consent names them,
    `volunteer_disclosures`); None when they may not. A report the referral has gone past is
    kept out of its states (the practitioner has a later word) and returns the referral as is."""
    status = VOLUNTEER_REPORTS.get(report)
    visible = {row["referral"].pk for row in volunteer_disclosures(volunteer)}
    if status is None or referral_id not in visible:
        return None
    referral = Referral.objects.select_for_update().get(pk=referral_id)
    if status not in NEXT_STATES[referral.status]:
        return referral
    referral.status = status
    referral.save(update_fields=["status"])
    ReferralEvent.objects.create(
        referral=referral,
        status=status,
        volunteer=volunteer,
        note=f"Reported by {volunteer.first_name}, the peer volunteer"[:300],
    )
    return referral


@transaction.atomic
def disclose(*, referral: Referral, by, method=Disclosure.Method.EMAIL) -> Disclosure:
    """Hand the client's consented details to the referral's volunteer, and log it."""
    if referral.volunteer_id is None:
        raise ReferralError("Only an intensive referral links the client with a volunteer.")
    client = Client.objects.select_for_update().get(pk=referral.client_id)
    volunteer = referral.volunteer
    if not volunteer.is_active:
        raise ReferralError("This volunteer is no longer active with the group.")
    consent = consent_for(client, volunteer)
    if volunteer.contact_changed_at > consent.created_at:
        # Whoever keeps the group's volunteers could point the volunteer's address elsewhere:
        # the client consented to the person reached at the address known when they signed.
        raise ReferralError(
            "The volunteer's phone or email changed after the consent was signed. Check with "
            "the client and the volunteer, then record the consent again."
        )
    identity = getattr(client, "identity", None)
    if identity is None:
        raise ReferralError("The client's identity is not recorded.")
    details = consented_details(consent, identity, referral)
    disclosure = Disclosure.objects.create(
        agency=referral.agency,
        client=client,
        consent=consent,
        referral=referral,
        recipient=consent.recipient_name,
        information=[label for label, _ in details],
        purpose=consent.purpose,
        method=method,
        disclosed_by=by,
    )
    record(
        Action.DISCLOSURE,
        user=by,
        obj=disclosure,
        client=client,
        detail=f"{', '.join(disclosure.information)} to {disclosure.recipient} ({method})",
    )
    if method == Disclosure.Method.EMAIL and volunteer.email:
        # Only the disclosure's id goes into the queue: the mail is written by the task, so no
        # client details sit in the task table.
        later(volunteer_introduction_send, disclosure.pk)
    if referral.status == Status.MADE:
        referral.status = Status.VOLUNTEER_CONTACTED
        referral.save(update_fields=["status"])
        ReferralEvent.objects.create(
            referral=referral,
            status=Status.VOLUNTEER_CONTACTED,
            recorded_by=by,
            note="Consented details sent to the volunteer.",
        )
    return disclosure


def consented_details(consent, identity, referral) -> list[tuple[str, str]]:
    """Exactly the information the consent names, as (label, value)."""
    values = {
        "first_name": ("first name", identity.first_name),
        "phone": ("phone number", identity.phone),
        "email": ("email address", identity.email),
        "preferred_meeting": (
            "preferred meeting",
            referral.meeting.schedule_text if referral.meeting else "",
        ),
    }
    return [values[field] for field in consent.fields if values[field][1]]


# --- follow-ups -----------------------------------------------------------------------------------


@transaction.atomic
def followup_record(*, followup: FollowUp, values: dict, by) -> FollowUp:
    for field, value in values.items():
        setattr(followup, field, value)
    followup.done_on = followup.done_on or timezone.localdate()
    followup.recorded_by = by
    followup.full_clean()
    followup.save()
    referral = followup.referral
    open_before_attending = (
        Status.MADE,
        Status.VOLUNTEER_CONTACTED,
        Status.MET_VOLUNTEER,
        Status.NOT_REACHED,
        Status.MEETING_ARRANGED,
        Status.NOT_ATTENDED,
    )
    if followup.attended and referral.status in open_before_attending:
        referral_advance(
            referral=referral,
            status=Status.ATTENDED,
            by=by,
            note=f"Follow-up at {followup.offset_days} days.",
        )
        referral.refresh_from_db()
    if (
        followup.offset_days >= 90
        and followup.still_attending
        and referral.status == Status.ATTENDED
    ):
        referral_advance(
            referral=referral,
            status=Status.ENGAGED,
            by=by,
            note=f"Still attending at {followup.offset_days} days.",
        )
    elif followup.attended is False and referral.status in (
        Status.MADE,
        Status.VOLUNTEER_CONTACTED,
        Status.MET_VOLUNTEER,
        Status.NOT_REACHED,
        Status.MEETING_ARRANGED,
    ):
        referral_advance(
            referral=referral,
            status=Status.NOT_ATTENDED,
            by=by,
            note=f"Follow-up at {followup.offset_days} days.",
        )
    return followup


# --- deletion, retention and the client's own copy -----


def consent_recorded(*, consent: Consent, by) -> None:
    record(Action.CONSENT_RECORDED, user=by, obj=consent, client=consent.client)


@transaction.atomic
def client_delete(*, client: Client, by) -> Client:
    """Out of every list at once; identity removed by `purge_clients` after the retention."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.deleted_at is None:
        client.deleted_at = timezone.now()
        client.deleted_by = by
        client.save(update_fields=["deleted_at", "deleted_by"])
        referrals = Referral.objects.filter(client=client, deleted_at__isnull=True)
        monthly.mark_referrals_stale(referrals)
        referrals.update(deleted_at=client.deleted_at, deleted_by=by)
        record(Action.CLIENT_DELETED, user=by, obj=client, client=client)
    return client


@transaction.atomic
def client_restore(*, client: Client, by) -> Client:
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.purged_at is not None:
        raise ReferralError("The identity was purged; the client cannot be restored.")
    if client.deleted_at is not None:
        referrals = Referral.objects.filter(client=client, deleted_at=client.deleted_at)
        monthly.mark_referrals_stale(referrals)
        referrals.update(deleted_at=None, deleted_by=None)
        client.deleted_at = None
        client.deleted_by = None
        client.save(update_fields=["deleted_at", "deleted_by"])
        record(Action.CLIENT_RESTORED, user=by, obj=client, client=client)
    return client


@transaction.atomic
def referral_delete(*, referral: Referral, by) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.deleted_at is None:
        referral.deleted_at = timezone.now()
        referral.deleted_by = by
        referral.save(update_fields=["deleted_at", "deleted_by"])
        record(Action.REFERRAL_DELETED, user=by, obj=referral, client=referral.client)
    return referral


def purge_due(now=None, days=None):
    """Deleted clients whose retention period is over and whose identity is still held."""
    days = settings.CLIENT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    return Client.objects.filter(deleted_at__lte=cutoff, purged_at__isnull=True)


@transaction.atomic
def client_purge(*, client: Client) -> None:
    """Remove the identity and free text for good; the pseudonymous record, the referral
    states and the disclosure ledger stay, and the audit trail keeps a tombstone."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.purged_at is not None:
        return
    ClientIdentity.objects.filter(client=client).delete()
    Referral.objects.filter(client=client).update(notes="")
    FollowUp.objects.filter(referral__client=client).update(notes="")
    ReferralEvent.objects.filter(referral__client=client).update(note="")
    client.initials = ""
    client.purged_at = timezone.now()
    client.save(update_fields=["initials", "purged_at"])
    record(
        Action.CLIENT_PURGED,
        obj=client,
        client=client,
        actor="purge_clients",
        detail=f"identity removed {settings.CLIENT_RETENTION_DAYS} days after deletion",
    )


def client_export(client: Client) -> dict:
    """Everything held about one client, for the client's own copy (or a transfer)."""
    identity = getattr(client, "identity", None)
    referrals = client.referrals.select_related("group", "meeting", "volunteer").prefetch_related(
        "events", "follow_ups"
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "agency": client.agency.name,
        "client": {
            "record_number": client.record_number,
            "initials": client.initials,
            "unit": client.unit.name,
            "active": client.is_active,
            "created_at": client.created_at.isoformat(),
            "deleted_at": client.deleted_at.isoformat() if client.deleted_at else None,
        },
        "identity": (
            {
                "first_name": identity.first_name,
                "last_name": identity.last_name,
                "phone": identity.phone,
                "email": identity.email,
                "preferred_language": str(identity.preferred_language or ""),
            }
            if identity
            else None
        ),
        "consents": [
            {
                "recipient": consent.recipient_name,
                "information": consent.information,
                "purpose": consent.purpose,
                "signed_on": consent.signed_on.isoformat() if consent.signed_on else None,
                "expires_on": consent.expires_on.isoformat() if consent.expires_on else None,
                "expiry_event": consent.expiry_event,
                "revoked_on": consent.revoked_on.isoformat() if consent.revoked_on else None,
            }
            for consent in client.consents.select_related("volunteer", "contact")
        ],
        "referrals": [
            {
                "group": referral.group.name,
                "kind": referral.kind,
                "status": referral.status,
                "made_on": referral.made_on.isoformat(),
                "at_discharge": referral.at_discharge,
                "volunteer": referral.volunteer.first_name if referral.volunteer else None,
                "notes": referral.notes,
                "deleted": referral.deleted_at is not None,
                "history": [
                    {"status": event.status, "on": event.on.isoformat(), "note": event.note}
                    for event in referral.events.all()
                ],
                "follow_ups": [
                    {
                        "due_on": followup.due_on.isoformat(),
                        "done_on": followup.done_on.isoformat() if followup.done_on else None,
                        "attended": followup.attended,
                        "meetings_attended": followup.meetings_attended,
                        "still_attending": followup.still_attending,
                        "has_sponsor": followup.has_sponsor,
                        "satisfaction": followup.satisfaction,
                        "notes": followup.notes,
                    }
                    for followup in referral.follow_ups.all()
                ],
            }
            for referral in referrals
        ],
        "disclosures": [
            {
                "disclosed_at": disclosure.disclosed_at.isoformat(),
                "recipient": disclosure.recipient,
                "information": disclosure.information,
                "purpose": disclosure.purpose,
                "method": disclosure.method,
            }
            for disclosure in Disclosure.objects.filter(client=client).order_by("disclosed_at")
        ],
        "story_sessions_told": [
            {
                "held_on": story.held_on.isoformat(),
                "consented": story.storyteller_consented,
                "groups": [group.name for group in story.groups.all()],
            }
            for story in StorySession.objects.filter(storyteller=client).prefetch_related("groups")
        ],
    }


@background
def volunteer_introduction_send(disclosure_id: int) -> dict:
    """Mail the volunteer what the client agreed to share, exactly as disclosed, while the
    consent still holds and the volunteer's address is the one it was disclosed to."""
    disclosure = Disclosure.objects.select_related(
        "referral__volunteer", "referral__group", "referral__meeting", "consent", "client__identity"
    ).get(pk=disclosure_id)
    referral, consent = disclosure.referral, disclosure.consent
    volunteer = referral.volunteer
    identity = getattr(disclosure.client, "identity", None)
    if (
        identity is None
        or not volunteer.email
        or not consent.is_valid_on(timezone.localdate())
        or volunteer.contact_changed_at > disclosure.disclosed_at
    ):
        return {"sent": 0}
    # The volunteer's language is not known: the site's, whatever the practitioner reads.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "referrals/email/volunteer_introduction.txt",
            {
                "volunteer": volunteer,
                "details": consented_details(consent, identity, referral),
                "referral": referral,
                "disclosure": disclosure,
                "site_name": installation.profile().name,
                "link": settings.SITE_URL.rstrip("/") + volunteer.get_absolute_url(),
            },
        )
    EmailMessage(f"A newcomer for {referral.group.name}", body, None, [volunteer.email]).send()
    return {"sent": 1}


# --- periodic jobs --------------------------------------------------------------------------------


def followups_due_send(day=None) -> dict:
    """Mail each practitioner the follow-ups due today or overdue (pseudonyms only)."""
    today = day or timezone.localdate()
    due = (
        FollowUp.objects.due(today)
        .filter(referral__made_by__is_active=True, referral__deleted_at__isnull=True)
        .exclude(referral__status__in=["declined", "closed"])
        .select_related("referral__made_by", "referral__client", "referral__group")
        .order_by("referral__made_by_id", "due_on")
    )
    by_person = defaultdict(list)
    for followup in due:
        by_person[followup.referral.made_by].append(followup)
    for person, followups in by_person.items():
        lines = [
            f"- {f.referral.client} → {f.referral.group}: {f.offset_days}-day follow-up "
            f"due {f.due_on:%b %d}{' (overdue)' if f.due_on < today else ''}"
            for f in followups
        ]
        mail_later(
            f"{len(followups)} follow-up(s) due",
            "Follow-ups due today or overdue:\n\n"
            + "\n".join(lines)
            + f"\n\nRecord them in {installation.profile().name}: {settings.SITE_URL}/referrals/",
            [person.email],
        )
    return {
        "follow_ups": sum(len(items) for items in by_person.values()),
        "practitioners": len(by_person),
    }


def clients_purge_due() -> dict:
    """Remove the identity of clients deleted longer ago than the retention period."""
    due = list(purge_due().order_by("deleted_at"))
    for client in due:
        client_purge(client=client)
    return {"purged": len(due)}


# --- reminders of the first meeting ---------------------------------------------------------------

REMINDER_SALT = "referrals.reminder-stop"
# Referrals still on their way to a first meeting.
BEFORE_A_MEETING = [
    Status.MADE,
    Status.VOLUNTEER_CONTACTED,
    Status.MET_VOLUNTEER,
    Status.NOT_REACHED,
    Status.MEETING_ARRANGED,
]


def reminder_stop_token(referral: Referral) -> str:
    return signing.dumps(referral.pk, salt=REMINDER_SALT)


def reminder_from_token(token: str):
    """The referral a reminder's stop link names, or None for a link that is not ours."""
    try:
        pk = signing.loads(token, salt=REMINDER_SALT)
    except signing.BadSignature:
        return None
    return Referral.objects.filter(pk=pk, deleted_at__isnull=True).first()


def reminders_due_send(day=None) -> dict:
    """Queue tomorrow's reminders: a referral whose client asked for one, whose meeting is
    tomorrow, still before a first meeting, not reminded yet. The task reads the client's
    details itself: no identity waits in the queue."""
    today = day or timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    candidates = Referral.objects.filter(
        reminder__in=[Referral.Reminder.EMAIL, Referral.Reminder.TEXT],
        reminder_sent_on__isnull=True,
        deleted_at__isnull=True,
        status__in=BEFORE_A_MEETING,
        meeting__status="active",
    ).select_related("meeting")
    queued = 0
    for referral in candidates:
        start = referral.meeting.next_occurrence(_end_of(today))
        if start is not None and start.date() == tomorrow:
            later(meeting_reminder_send, referral.pk)
            queued += 1
    return {"queued": queued}


def _end_of(day):
    """The last moment of `day`: the meeting a reminder is about is the next one after it."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def reminder_text(referral: Referral, start, stop_link: str) -> str:
    meeting = referral.meeting
    if meeting.is_in_person and meeting.location:
        where = f"{meeting.location.name}, {meeting.location.formatted_address}"
    else:
        where = meeting.conference_url or meeting.conference_phone
    return render_to_string(
        "referrals/email/meeting_reminder.txt",
        {
            "group": referral.group,
            "meeting": meeting,
            "start": start,
            "where": where,
            "stop_link": stop_link,
        },
    ).strip()


@background
def meeting_reminder_send(referral_id: int) -> dict:
    """Remind the client of tomorrow's meeting, in their language, the way they chose."""
    referral = (
        Referral.objects.select_related(
            "group", "meeting__location", "client__identity__preferred_language"
        )
        .filter(pk=referral_id, deleted_at__isnull=True, reminder_sent_on__isnull=True)
        .first()
    )
    identity = getattr(referral.client, "identity", None) if referral else None
    if referral is None or identity is None or not referral.reminder or referral.meeting is None:
        return {"sent": 0}
    language = identity.preferred_language.code if identity.preferred_language else ""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    stop_link = settings.SITE_URL.rstrip("/") + reverse(
        "referral_reminder_stop", args=[reminder_stop_token(referral)]
    )
    with translation.override(language):
        start = referral.meeting.next_occurrence(_end_of(timezone.localdate()))
        if start is None:
            return {"sent": 0}
        body = reminder_text(referral, start, stop_link)
        subject = translation.gettext("Your meeting tomorrow: %(group)s") % {
            "group": referral.group.name
        }
    if referral.reminder == Referral.Reminder.EMAIL and identity.email:
        EmailMessage(subject, body, None, [identity.email]).send()
    elif referral.reminder == Referral.Reminder.TEXT and identity.phone:
        send_text(identity.phone, body)
    else:
        return {"sent": 0}
    Referral.objects.filter(pk=referral.pk).update(reminder_sent_on=timezone.localdate())
    return {"sent": 1}


def reminder_stop(referral: Referral) -> None:
    Referral.objects.filter(pk=referral.pk).update(reminder=Referral.Reminder.NONE)
