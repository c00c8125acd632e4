"""The liaison office's listing work, as querysets: the listings queue shows them, the office
home counts them."""

from groups.models import KeepRequest, NewGroupRequest, SelfHelpGroup, Suggestion


def leaderless():
    """Groups without an active leader: the office keeps their listings."""
    return SelfHelpGroup.objects.exclude(
        leaderships__ended_at__isnull=True, leaderships__user__is_active=True
    )


def new_group_requests():
    return NewGroupRequest.objects.filter(decision=NewGroupRequest.Decision.PENDING)


def suggestions():
    """Suggestions for groups without a leader (a led group's leaders answer their own)."""
    return Suggestion.objects.filter(status=Suggestion.Status.PENDING, group__in=leaderless())


def checks_due(now=None):
    return leaderless().active().verification_due(now)


def keep_requests():
    return KeepRequest.objects.filter(status=KeepRequest.Status.WAITING)
