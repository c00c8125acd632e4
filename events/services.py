"""Writes on the events side: saving an event (its calendar sequence moves on), co-sponsorship
answered by the group, and registration with a capacity and a waiting list."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from events.models import JointEvent, Registration, Sponsorship

CANCEL_SALT = "events.cancel-registration"


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
    """Sign a person up: a place while there is one, else the waiting list. The event row is
    locked, so two people asking for the last place at once get one place and one wait."""
    email = email.strip().lower()
    try:
        with transaction.atomic():
            locked = JointEvent.objects.select_for_update().get(pk=event.pk)
            if not locked.takes_registrations:
                raise EventError(_("This event does not take registrations."))
            if (
                locked.registrations.exclude(status=Registration.Status.CANCELLED)
                .filter(email=email)
                .exists()
            ):
                raise EventError(_("This email address is registered for this event already."))
            taken = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
            status = (
                Registration.Status.CONFIRMED
                if taken < locked.capacity
                else Registration.Status.WAITLISTED
            )
            registration = Registration.objects.create(
                event=locked,
                name=name,
                email=email,
                phone=phone,
                status=status,
                language=language,
            )
    except IntegrityError:
        raise EventError(_("This email address is registered for this event already.")) from None
    _confirm(registration, base_url)
    return registration


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
    waiting = (
        event.registrations.filter(status=Registration.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting:
        waiting.status = Registration.Status.CONFIRMED
        waiting.save(update_fields=["status"])
        transaction.on_commit(lambda: _confirm(waiting, base_url, moved_up=True))
    return waiting


def _confirm(registration, base_url, moved_up=False):
    event = registration.event
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        when = formats.date_format(
            timezone.localtime(event.starts_at), _("l, F j, g:i a"), use_l10n=True
        )
        if registration.status == Registration.Status.CONFIRMED:
            first = (
                _("A place opened up: you are now registered")
                if moved_up
                else _("You are registered")
            )
            subject = _("Registered: %(event)s") % {"event": event.title}
        else:
            first = _(
                "The event is full, so you are on the waiting list; we will write if a place opens"
            )
            subject = _("Waiting list: %(event)s") % {"event": event.title}
        place = ", " + event.place if event.place else ""
        body = _(
            "Hello %(name)s,\n\n%(first)s for “%(event)s”, %(when)s%(place)s.\n\n"
            "If you cannot come, please cancel here so someone else can: %(link)s\n\n%(site)s"
        ) % {
            "name": registration.name,
            "first": first,
            "event": event.title,
            "when": when,
            "place": place,
            "link": cancel_link(registration, base_url),
            "site": settings.SITE_NAME,
        }
    send_mail(subject, body, None, [registration.email])
