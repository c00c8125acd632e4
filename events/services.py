"""Writes on the events side: saving an event (its calendar sequence moves on), co-sponsorship
answered by the group, and registration with a capacity and a waiting list.

A registration holds nothing until the person confirms from the link mailed to them: otherwise
anyone could fill every place and the waiting list with made-up addresses, and make the agency
mail whoever they liked. Places go in the order people confirm; a link not used within
CONFIRM_WITHIN stops working and its registration is forgotten."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from events.models import CONFIRM_WITHIN, JointEvent, Registration, Sponsorship
from jobs.mail import mail_later
from liaison import installation

CANCEL_SALT = "events.cancel-registration"
CONFIRM_SALT = "events.confirm-registration"


class EventError(Exception):
    """An event action that cannot be taken; the message says why."""


def event_saved(event: JointEvent) -> None:
    """Move the calendar sequence on, so that calendar programs take the new version."""
    JointEvent.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)


@transaction.atomic
def sponsorship_answer(*, sponsorship: Sponsorship, accept: bool, by) -> Sponsorship:
    sponsorship = Sponsorship.objects.select_for_update().get(pk=sponsorship.pk)
    if sponsorship.group_id is None:
        raise EventError("Only a group answers an invitation to co-sponsor.")
    sponsorship.answer = Sponsorship.Answer.ACCEPTED if accept else Sponsorship.Answer.DECLINED
    sponsorship.answered_by = by
    sponsorship.answered_at = timezone.now()
    sponsorship.save()
    event_saved(sponsorship.event)
    return sponsorship


def register(
    *,
    event: JointEvent,
    name: str,
    email: str,
    phone: str = "",
    base_url: str,
    language: str = "",
):
    """Ask a person to confirm their registration by email. Nothing is held until they do (see
    `registration_confirm`). The event row is locked, so one address asking twice at once gets
    one registration."""
    email = email.strip().lower()
    try:
        with transaction.atomic():
            locked = JointEvent.objects.select_for_update().get(pk=event.pk)
            if not locked.takes_registrations:
                raise EventError(_("This event does not take registrations."))
            locked.registrations.expired().delete()
            existing = (
                locked.registrations.exclude(status=Registration.Status.CANCELLED)
                .filter(email=email)
                .first()
            )
            if existing is not None and existing.status == Registration.Status.PENDING:
                raise EventError(
                    _(
                        "We sent a link to confirm to this address already; it works for 24 "
                        "hours. Please look for it, in the spam folder too."
                    )
                )
            if existing is not None:
                raise EventError(_("This email address is registered for this event already."))
            registration = Registration.objects.create(
                event=locked,
                name=name,
                email=email,
                phone=phone,
                status=Registration.Status.PENDING,
                language=language,
            )
    except IntegrityError:
        raise EventError(_("This email address is registered for this event already.")) from None
    _ask_to_confirm(registration, base_url)
    return registration


def confirm_link(registration, base_url):
    token = signing.dumps({"r": registration.pk, "e": registration.email}, salt=CONFIRM_SALT)
    return base_url.rstrip("/") + reverse("events:confirm", args=[token])


def registration_from_confirm_token(token):
    try:
        found = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_WITHIN.total_seconds())
        pk, email = found["r"], found["e"]
    except signing.SignatureExpired:
        raise EventError(
            _("This link has expired: please register again on the event's page.")
        ) from None
    except (signing.BadSignature, KeyError, TypeError):
        raise EventError(_("This link is not valid. Was it copied completely?")) from None
    registration = Registration.objects.select_related("event").filter(pk=pk, email=email).first()
    if registration is None:
        raise EventError(_("This link has expired: please register again on the event's page."))
    return registration


def registration_confirm(*, registration: Registration, base_url: str) -> Registration:
    """The person confirmed from the mailed link: a place while there is one, else the waiting
    list, and the mail saying which, with the link to cancel. The event row is locked, so two
    people confirming for the last place at once get one place and one wait. Confirming twice
    changes nothing and sends nothing."""
    if registration.is_expired():
        Registration.objects.filter(pk=registration.pk, status=Registration.Status.PENDING).delete()
        raise EventError(_("This link has expired: please register again on the event's page."))
    with transaction.atomic():
        event = JointEvent.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise EventError(_("This registration was cancelled already."))
        if registration.status != Registration.Status.PENDING:
            return registration
        if not event.takes_registrations:
            raise EventError(_("This event does not take registrations."))
        taken = event.registrations.holding().count()
        registration.status = (
            Registration.Status.CONFIRMED
            if taken < event.capacity
            else Registration.Status.WAITLISTED
        )
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        registration.event = event
    _confirm(registration, base_url)
    return registration


def registrations_forget_unconfirmed(now=None) -> int:
    """Delete the registrations nobody confirmed in time, with the name and address typed in."""
    deleted, _by_model = Registration.objects.expired(now).delete()
    return deleted


def cancel_link(registration, base_url):
    token = signing.dumps(registration.pk, salt=CANCEL_SALT)
    return base_url.rstrip("/") + reverse("events:cancel", args=[token])


def registration_from_token(token):
    try:
        pk = signing.loads(token, salt=CANCEL_SALT, max_age=60 * 60 * 24 * 400)
    except signing.BadSignature:
        raise EventError(_("This link is not valid. Was it copied completely?")) from None
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None:
        raise EventError(_("This link is not valid. Was it copied completely?"))
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, base_url: str) -> Registration | None:
    """Cancel, and give the freed place to the first person waiting. Returns who moved up."""
    event = JointEvent.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise EventError(_("This registration was cancelled already."))
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save()
    if not was_confirmed:
        return None
    waiting = event.registrations.waiting().order_by("confirmed_at", "pk").first()
    if waiting:
        waiting.status = Registration.Status.CONFIRMED
        waiting.save(update_fields=["status"])
        transaction.on_commit(lambda: _confirm(waiting, base_url, moved_up=True))
    return waiting


def _when_and_where(event) -> str:
    """“Saturday, May 2, 6:00 p. m., Riverside Library, 45 Library Lane, Riverside 12580”, in
    the active language, ready to end a sentence: a time that ends with a period (Spanish
    “p. m.”) is not given a second one."""
    when = formats.date_format(
        timezone.localtime(event.starts_at), _("l, F j, g:i a"), use_l10n=True
    )
    if event.full_place:
        when = f"{when}, {event.full_place}"
    return when.removesuffix(".")


def _ask_to_confirm(registration, base_url):
    """The mail with the link to confirm, in the language the person registered in. It carries
    nothing they typed (not even the name), so that it cannot carry someone else's message."""
    event = registration.event
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        when = _when_and_where(event)
        subject = _("Please confirm: %(event)s") % {"event": event.shown_title}
        body = _(
            "Hello,\n\nSomeone, probably you, asked to register this email address for "
            "“%(event)s”, %(when)s.\n\nTo take a place, confirm within 24 hours: "
            "%(link)s\n\nNo place is held until you confirm. If you did not ask, ignore this "
            "email: nothing more will be sent.\n\n%(site)s"
        ) % {
            "event": event.shown_title,
            "when": when,
            "link": confirm_link(registration, base_url),
            "site": installation.profile().name,
        }
    mail_later(subject, body, [registration.email])


def _confirm(registration, base_url, moved_up=False):
    event = registration.event
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        when = _when_and_where(event)
        if registration.status == Registration.Status.CONFIRMED:
            first = (
                _("A place opened up: you are now registered")
                if moved_up
                else _("You are registered")
            )
            subject = _("Registered: %(event)s") % {"event": event.shown_title}
        else:
            first = _(
                "The event is full, so you are on the waiting list; we will write if a place opens"
            )
            subject = _("Waiting list: %(event)s") % {"event": event.shown_title}
        body = _(
            "Hello %(name)s,\n\n%(first)s for “%(event)s”, %(when)s.\n\n"
            "If you cannot come, please cancel here so someone else can: %(link)s\n\n%(site)s"
        ) % {
            "name": registration.name,
            "first": first,
            "event": event.shown_title,
            "when": when,
            "link": cancel_link(registration, base_url),
            "site": installation.profile().name,
        }
    mail_later(subject, body, [registration.email])
