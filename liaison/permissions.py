"""Who may do what. Views use these helpers; nothing checks roles by hand.

- anonymous → redirect to the login page;
- signed in, wrong role → 403;
- another agency's (or another group's) object → 404, so that nothing leaks about what exists.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from liaison.models import StaffMembership

Role = StaffMembership.Role

STAFF_ROLES = (Role.LIAISON, Role.PRACTITIONER, Role.EXECUTIVE, Role.AGENCY_ADMIN)
OFFICE_ROLES = STAFF_ROLES
DASHBOARD_ROLES = (Role.EXECUTIVE, Role.AGENCY_ADMIN)
ADMIN_ROLES = (Role.AGENCY_ADMIN,)


def _guard(test):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def role_required(*roles):
    """Allow signed-in agency staff whose active membership has one of `roles`."""
    return _guard(lambda user: user.has_role(*roles))


staff_required = role_required(*STAFF_ROLES)

leader_required = _guard(lambda user: user.is_group_leader)
leader_required.__doc__ = "Allow signed-in users who lead at least one group."


def get_for_user(queryset_or_model, user, **lookup):
    """Fetch one private object through its `for_user()` scope: 404 when it is not the user's."""
    queryset = getattr(queryset_or_model, "objects", queryset_or_model)
    try:
        return get_object_or_404(queryset.for_user(user), **lookup)
    except Http404:
        # A function-level import: the audit app's models import this foundation's models.
        from audit.trail import Action, Outcome, record

        detail = f"404 {queryset.model._meta.label} {lookup}"
        actor = user if user.is_authenticated else None
        record(Action.ACCESS_DENIED, user=actor, outcome=Outcome.DENIED, detail=detail[:300])
        owner = _owner_agency(queryset, lookup)
        mine = user.agency.pk if actor is not None and user.agency is not None else None
        if owner is not None and owner != mine:
            # The agency whose record was sought sees the attempt in its own trail too.
            record(
                Action.ACCESS_DENIED,
                user=actor,
                agency_id=owner,
                outcome=Outcome.DENIED,
                detail=f"{detail}, by a user outside this agency"[:300],
            )
        raise


def _owner_agency(queryset, lookup):
    """The agency that owns the object sought, whoever asks, or None."""
    field = getattr(queryset, "agency_field", None)
    if field is None:
        return None
    try:
        return queryset.model._base_manager.filter(**lookup).values_list(field, flat=True).first()
    except (ValueError, TypeError, OverflowError):
        return None
