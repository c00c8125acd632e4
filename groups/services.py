"""Writes on the directory side. One function per action, keyword-only arguments."""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.cache import cache
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
    SelfHelpGroup,
)
from jobs.mail import mail_later
from liaison import installation
from liaison.models import User

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
    """Count one directory search or group page view. Counts only: nothing about the person.

    The count goes to the cache first and to the database at most every
    DIRECTORY_USAGE_FLUSH_SECONDS, by whichever request comes when it is time: a busy directory
    then writes a few rows a minute instead of one for every page, all on the same row."""
    day = day or timezone.localdate()
    key = _usage_key(day, kind, audience)
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, 0, 3 * 86400)
        cache.incr(key)
    seconds = settings.DIRECTORY_USAGE_FLUSH_SECONDS
    if seconds <= 0 or cache.add("directory-usage:flushing", 1, seconds):
        usage_flush(today=day)


def _usage_key(day, kind, audience):
    return f"directory-usage:{day.isoformat()}:{kind}:{audience}"


def usage_flush(*, today=None) -> int:
    """Move the counts waiting in the cache (today's and yesterday's) into the database."""
    today = today or timezone.localdate()
    moved = 0
    for day in (today - dt.timedelta(days=1), today):
        for kind in DirectoryUsage.Kind.values:
            for audience in DirectoryUsage.Audience.values:
                key = _usage_key(day, kind, audience)
                waiting = cache.get(key) or 0
                if not waiting:
                    continue
                # Taken from the cache first: a count is never written twice.
                cache.decr(key, waiting)
                _usage_add(day, kind, audience, waiting)
                moved += waiting
    return moved


def _usage_add(day, kind, audience, n):
    rows = DirectoryUsage.objects.filter(day=day, kind=kind, audience=audience)
    if rows.update(count=F("count") + n):
        return
    try:
        with transaction.atomic():
            DirectoryUsage.objects.create(day=day, kind=kind, audience=audience, count=n)
    except IntegrityError:
        # Another request created the day's row between our update and insert.
        rows.update(count=F("count") + n)


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

CONFIRM_SALT = "groups.confirm-listing"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 45


def _absolute(base_url, path):
    return base_url.rstrip("/") + path


class LinkError(ListingError):
    """A signed link that is tampered with, expired, or already used."""

    def __init__(self, message, *, kind):
        super().__init__(message)
        self.kind = kind


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
                        "site_name": installation.profile().name,
                        "portal": _absolute(base_url, reverse("portal:home")),
                    },
                )
                subject = _("Is the listing of %(group)s still right?") % {"group": group.name}
            mail_later(subject, body, [leader.email])
            sent_emails += 1
        SelfHelpGroup.objects.filter(pk=group.pk).update(reminder_sent_at=now)
        sent_listings += 1
    return {"listings": sent_listings, "emails": sent_emails, "skipped": skipped}


# --- slugs -----------------------------------------------------------------------------------

RESERVED_SLUGS = {"new"}  # taken by /groups/new/


def free_slug(model, name):
    """A slug made from `name` that no row of `model` has yet."""
    base = slugify(name)[:100] or "group"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
