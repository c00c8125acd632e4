"""Who may keep a listing. A group with an active leader is the leader's: staff and the public
suggest changes. A group without one is kept by the liaison staff."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from groups.leadership.services import has_active_leader, leads
from groups.models import ListingChange, SelfHelpGroup
from liaison.permissions import Can, PrivateNotFound, can


def listing_owner_required(*, led_group_for_staff="suggest"):
    """The view gets `group` and `source`: the group's leader, or liaison staff when the group has
    no leader. Liaison staff on a led group are sent to the suggestion form (or get 403); a
    leader of another group gets 404; anyone else signed in gets 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            group = get_object_or_404(
                SelfHelpGroup.objects.select_related("organization"), slug=slug
            )
            if leads(user, group):
                return view(request, group, ListingChange.Source.LEADER, *args, **kwargs)
            if can(user, Can.KEEP_LISTINGS):
                if not has_active_leader(group):
                    return view(request, group, ListingChange.Source.STAFF, *args, **kwargs)
                if led_group_for_staff == "suggest":
                    messages.info(
                        request,
                        "This listing is kept by the group's leader. Suggest your change and "
                        "the leader will see it.",
                    )
                    return redirect("groups:suggest", slug=group.slug)
                raise PermissionDenied
            if user.is_group_leader:
                raise PrivateNotFound
            raise PermissionDenied

        return wrapped

    return decorator
