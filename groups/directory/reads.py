"""Reads shared by the directory's pages: a group as the requester may see it, with its meetings
in the order they next meet."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from groups.models import DirectoryUsage, Meeting, SelfHelpGroup
from liaison.permissions import Can, can

Audience = DirectoryUsage.Audience


def is_staff(user):
    return can(user, Can.USE_OFFICE)


def with_next_meetings(meetings, now):
    """Meetings sorted by their next start, each carrying it as `.next_start`."""
    for meeting in meetings:
        meeting.next_start = meeting.next_occurrence(now)
    far = timezone.now().replace(year=9999)
    return sorted(meetings, key=lambda m: m.next_start or far)


def meeting_prefetch(queryset, to_attr):
    return Prefetch(
        "meetings",
        queryset=queryset.select_related("location").prefetch_related("languages"),
        to_attr=to_attr,
    )


def audience_of(is_staff):
    return Audience.STAFF if is_staff else Audience.PUBLIC


def visible_group(request, slug, *prefetch):
    """A group as the requester may see it: unlisted groups only for staff and their leaders."""
    group = get_object_or_404(
        SelfHelpGroup.objects.select_related("organization", "verified_by").prefetch_related(
            *prefetch
        ),
        slug=slug,
    )
    if group.status != SelfHelpGroup.Status.ACTIVE and not (
        is_staff(request.user)
        or (
            request.user.is_authenticated
            and group.leaderships.filter(user=request.user, ended_at__isnull=True).exists()
        )
    ):
        raise Http404
    return group


def listing_context(request, group, now):
    meetings = with_next_meetings(list(group.active_meetings), now)
    return {
        "group": group,
        "meetings": meetings,
        "stale": group.is_stale(now),
        "contacts": [c for c in group.contacts.all() if c.is_public],
        "now": now,
        "default_tz": settings.TIME_ZONE,
    }


LISTING_PREFETCH = (
    "focus_areas",
    "audience",
    "listing_languages",
    "contacts",
)


def active_meetings():
    return meeting_prefetch(
        Meeting.objects.filter(status=Meeting.Status.ACTIVE).order_by("start_time"),
        "active_meetings",
    )
