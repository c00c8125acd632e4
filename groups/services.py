"""Writes on the directory side. One function per action, keyword-only arguments."""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groups.models import (
    Assessment,
    DirectoryUsage,
    GroupLeadership,
    LeaderInvitation,
    NewGroupRequest,
    SelfHelpGroup,
)
from liaison.models import User
from liaison.services import user_language_remember

REMIND_EVERY_DAYS = 14


class ListingError(Exception):
    """A change to a listing that cannot be made."""


@transaction.atomic
def group_verify(*, group: SelfHelpGroup, by) -> SelfHelpGroup:
    """Record that the listing was checked and is accurate, by whom and when."""
    group.verified_at = timezone.now()
    group.verified_by = by
    group.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return group


def usage_record(*, kind: str, audience: str, day=None) -> None:
    """Count one directory search or group page view. Counts only: nothing about the person."""
    day = day or timezone.localdate()
    rows = DirectoryUsage.objects.filter(day=day, kind=kind, audience=audience)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DirectoryUsage.objects.create(day=day, kind=kind, audience=audience, count=1)
    except IntegrityError:
        # Another request created today's row between our update and insert.
        rows.update(count=F("count") + 1)


@transaction.atomic
def assessment_save(*, agency, group: SelfHelpGroup, by, **values) -> Assessment:
    assessment, _created = Assessment.objects.select_for_update().get_or_create(
        agency=agency, group=group, defaults={"assessed_by": by}
    )
    for field, value in values.items():
        setattr(assessment, field, value)
    assessment.assessed_by = by
    assessment.save()
    return assessment


# --- leaders -------------------------------------------------------------------------------------

INVITATION_DAYS = 14
INVITATION_SALT = "groups.leader-invitation"
CONFIRM_SALT = "groups.confirm-listing"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 45


class LinkError(ListingError):
    """A signed link that is tampered with, expired, or already used."""

    def __init__(self, message, *, kind):
        super().__init__(message)
        self.kind = kind


def _absolute(base_url, path):
    return base_url.rstrip("/") + path


@transaction.atomic
def leader_invite(*, group, email, name, by, base_url) -> LeaderInvitation:
    """Invite a person to keep the group's listing; the emailed link works once, for 14 days."""
    email = User.objects.normalize_email(email)
    if GroupLeadership.objects.filter(
        group=group, user__email=email, ended_at__isnull=True
    ).exists():
        raise ListingError(_("This person already keeps the listing."))
    invitation = LeaderInvitation.objects.create(
        group=group,
        email=email,
        name=name,
        invited_by=by,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    token = signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)
    link = _absolute(base_url, reverse("portal:invitation", args=[token]))
    # The invitee's language is not known yet: the mail is in the site's language, whatever
    # language the inviting staff member reads the site in.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "groups/email/leader_invitation.txt",
            {"invitation": invitation, "link": link, "site_name": settings.SITE_NAME, "by": by},
        )
        subject = _("Keep the listing of %(group)s") % {"group": group.name}
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


def invitation_from_token(token) -> LeaderInvitation:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 86400)
    except signing.SignatureExpired:
        raise LinkError(_("This invitation has expired."), kind="expired") from None
    except signing.BadSignature:
        raise LinkError(
            _("This link is not valid. Was it copied completely?"), kind="invalid"
        ) from None
    invitation = LeaderInvitation.objects.select_related("group").filter(pk=data.get("i")).first()
    if invitation is None:
        raise LinkError(_("This link is not valid. Was it copied completely?"), kind="invalid")
    if invitation.accepted_at:
        raise LinkError(_("This invitation was already used."), kind="used")
    if invitation.revoked_at:
        raise LinkError(_("This invitation was withdrawn."), kind="used")
    if invitation.expires_at <= timezone.now():
        raise LinkError(_("This invitation has expired."), kind="expired")
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user=None, full_name="", password=None, language="") -> User:
    """Make the invited person a leader of the group, creating their account if needed."""
    invitation = LeaderInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open():
        raise LinkError(_("This invitation was already used or has expired."), kind="used")
    if user is None:
        user = User.objects.filter(email=invitation.email).first()
        if user is None:
            user = User.objects.create_user(
                email=invitation.email, password=password, full_name=full_name
            )
        elif password and not user.has_usable_password():
            user.set_password(password)
            user.full_name = user.full_name or full_name
            user.save()
    if user.email != invitation.email:
        raise ListingError(_("This invitation was sent to another email address."))
    if language:
        user_language_remember(user=user, language=language)
    GroupLeadership.objects.get_or_create(user=user, group=invitation.group, ended_at__isnull=True)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


@transaction.atomic
def leadership_end(*, leadership, by) -> None:
    """Take a leader off a listing; it takes effect on their next request."""
    leadership.ended_at = timezone.now()
    leadership.save(update_fields=["ended_at"])


# --- verification ----------------------------------------------------------------------------


def confirm_token(group, user) -> str:
    stamp = int(group.verified_at.timestamp()) if group.verified_at else 0
    return signing.dumps({"g": group.pk, "u": user.pk, "v": stamp}, salt=CONFIRM_SALT)


def group_from_confirm_token(token, slug):
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkError(_("This link has expired."), kind="expired") from None
    except signing.BadSignature:
        raise LinkError(
            _("This link is not valid. Was it copied completely?"), kind="invalid"
        ) from None
    group = SelfHelpGroup.objects.filter(pk=data.get("g"), slug=slug).first()
    leader = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if group is None or leader is None:
        raise LinkError(_("This link is not valid. Was it copied completely?"), kind="invalid")
    if not GroupLeadership.objects.filter(group=group, user=leader, ended_at__isnull=True).exists():
        raise LinkError(_("You no longer keep this listing."), kind="invalid")
    stamp = int(group.verified_at.timestamp()) if group.verified_at else 0
    if stamp != data.get("v"):
        raise LinkError(_("The listing was already confirmed — thank you."), kind="used")
    return group, leader


def verification_reminders_send(*, now=None, base_url) -> dict:
    """Email the leaders of listings due for verification within 30 days, at most once per
    listing per 14 days."""
    now = now or timezone.now()
    due = (
        SelfHelpGroup.objects.active()
        .verification_due(now)
        .filter(leaderships__ended_at__isnull=True, leaderships__user__is_active=True)
        .distinct()
    )
    recent = Q(reminder_sent_at__gte=now - dt.timedelta(days=REMIND_EVERY_DAYS))
    skipped = due.filter(recent).count()
    sent_listings = 0
    sent_emails = 0
    for group in due.exclude(recent).prefetch_related("leaderships__user"):
        leaders = [
            lead.user
            for lead in group.leaderships.all()
            if lead.ended_at is None and lead.user.is_active
        ]
        for leader in leaders:
            link = _absolute(
                base_url, reverse("groups:confirm", args=[group.slug, confirm_token(group, leader)])
            )
            with translation.override(leader.language or settings.LANGUAGE_CODE):
                body = render_to_string(
                    "groups/email/verification_reminder.txt",
                    {
                        "group": group,
                        "leader": leader,
                        "link": link,
                        "site_name": settings.SITE_NAME,
                        "portal": _absolute(base_url, reverse("portal:home")),
                    },
                )
                subject = _("Is the listing of %(group)s still right?") % {"group": group.name}
            send_mail(subject, body, None, [leader.email])
            sent_emails += 1
        SelfHelpGroup.objects.filter(pk=group.pk).update(reminder_sent_at=now)
        sent_listings += 1
    return {"listings": sent_listings, "emails": sent_emails, "skipped": skipped}


# --- new groups ------------------------------------------------------------------------------


@transaction.atomic
def new_group_request(*, values: dict, focus_areas, request_values: dict) -> NewGroupRequest:
    group = SelfHelpGroup.objects.create(
        slug=free_slug(SelfHelpGroup, values["name"]),
        status=SelfHelpGroup.Status.PENDING,
        **values,
    )
    group.focus_areas.set(focus_areas)
    return NewGroupRequest.objects.create(group=group, **request_values)


RESERVED_SLUGS = {"new"}  # taken by /groups/new/


def free_slug(model, name):
    """A slug made from `name` that no row of `model` has yet."""
    base = slugify(name)[:100] or "group"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def new_group_publish(
    *, request: NewGroupRequest, by, assistance_offered="", review_note="", invite=False, base_url
):
    request = NewGroupRequest.objects.select_for_update().get(pk=request.pk)
    if request.decision != NewGroupRequest.Decision.PENDING:
        raise ListingError(_("This request was already reviewed."))
    group = request.group
    group.status = SelfHelpGroup.Status.ACTIVE
    group.verified_at = timezone.now()
    group.verified_by = by
    group.save(update_fields=["status", "verified_at", "verified_by", "updated_at"])
    request.decision = NewGroupRequest.Decision.PUBLISHED
    request.reviewed_by = by
    request.reviewed_at = timezone.now()
    request.assistance_offered = assistance_offered
    request.review_note = review_note
    request.save()
    if invite:
        leader_invite(
            group=group,
            email=request.contact_email,
            name=request.contact_name,
            by=by,
            base_url=base_url,
        )
    return request


@transaction.atomic
def new_group_decline(*, request: NewGroupRequest, by, review_note=""):
    request = NewGroupRequest.objects.select_for_update().get(pk=request.pk)
    if request.decision != NewGroupRequest.Decision.PENDING:
        raise ListingError(_("This request was already reviewed."))
    request.group.status = SelfHelpGroup.Status.INACTIVE
    request.group.save(update_fields=["status", "updated_at"])
    request.decision = NewGroupRequest.Decision.DECLINED
    request.reviewed_by = by
    request.reviewed_at = timezone.now()
    request.review_note = review_note
    request.save()
    return request
