"""Writes on the directory side. One function per action, keyword-only arguments."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from groups.models import Assessment, DirectoryUsage, SelfHelpGroup


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
    assessment, _ = Assessment.objects.select_for_update().get_or_create(
        agency=agency, group=group, defaults={"assessed_by": by}
    )
    for field, value in values.items():
        setattr(assessment, field, value)
    assessment.assessed_by = by
    assessment.save()
    return assessment
