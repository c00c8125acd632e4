"""Writes on the referral side. Identity leaves the agency only through `disclose()`, which checks
the consent and writes the ledger in the same transaction."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from referrals.models import (
    Client,
    ClientIdentity,
    Consent,
    Disclosure,
    FollowUp,
    Referral,
    ReferralEvent,
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
                made_by=by,
                submission=submission or None,
            )
            referral.full_clean(exclude=["submission"])
            referral.save()
            ReferralEvent.objects.create(referral=referral, status=Status.MADE, recorded_by=by)
            FollowUp.objects.bulk_create(
                FollowUp(
                    referral=referral,
                    offset_days=days,
                    due_on=referral.made_on + dt.timedelta(days=days),
                )
                for days in settings.FOLLOW_UP_DAYS
            )
    except IntegrityError:
        # The same submission arrived twice at once: the other request made it.
        return Referral.objects.get(submission=submission), False
    return referral, True


NEXT_STATES = {
    Status.MADE: [
        Status.VOLUNTEER_CONTACTED,
        Status.MEETING_ARRANGED,
        Status.ATTENDED,
        Status.NOT_ATTENDED,
        Status.DECLINED,
        Status.CLOSED,
    ],
    Status.VOLUNTEER_CONTACTED: [
        Status.MEETING_ARRANGED,
        Status.ATTENDED,
        Status.NOT_ATTENDED,
        Status.DECLINED,
        Status.CLOSED,
    ],
    Status.MEETING_ARRANGED: [Status.ATTENDED, Status.NOT_ATTENDED, Status.DECLINED, Status.CLOSED],
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
    if method == Disclosure.Method.EMAIL and volunteer.email:
        # The volunteer's language is not known: the site's, whatever the practitioner reads.
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "referrals/email/volunteer_introduction.txt",
                {
                    "volunteer": volunteer,
                    "details": details,
                    "referral": referral,
                    "disclosure": disclosure,
                    "site_name": settings.SITE_NAME,
                },
            )
        transaction.on_commit(
            lambda: send_mail(
                f"A newcomer for {referral.group.name}", body, None, [volunteer.email]
            )
        )
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
        Status.MEETING_ARRANGED,
    ):
        referral_advance(
            referral=referral,
            status=Status.NOT_ATTENDED,
            by=by,
            note=f"Follow-up at {followup.offset_days} days.",
        )
    return followup
