"""Who may do what: one table of capabilities, read by the views' guards, the navigation and the
README (a test checks that its table is this one).

- anonymous → redirect to the login page;
- signed in, without the capability → 403;
- another agency's (or another group's) object → 404 (`PrivateNotFound`), so that nothing leaks
  about what exists. Both refusals go to the audit trail (`audit.denied`).
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import Resolver404, resolve

from audit.trail import Action, Outcome, build
from liaison.models import StaffMembership

Role = StaffMembership.Role
LEADER = "group leader"  # not an agency role: a person who leads at least one group
SUPERUSER = "superuser"  # not an agency role: whoever runs the installation


class PrivateNotFound(Http404):
    """404 on something private that exists for someone else: another agency's record, another
    group's listing. The audit trail records it as a refused access, unlike a mistyped address."""


class Can(StrEnum):
    USE_OFFICE = "use the office"
    WORK_WITH_CLIENTS = "work with client records and referrals"
    SEE_CLIENT_IDENTITY = "see a client's identity"
    REFER_CLIENTS = "refer clients and record consents"
    KEEP_LISTINGS = "keep the listings of groups without a leader"
    PROPOSE_LEADERS = "propose a group's leader"
    ASSESS_GROUPS = "write the agency's assessment of a group"
    IMPORT_LISTINGS = "import meeting lists"
    KEEP_VISITS = "plan and record one's visits to groups"
    SEE_ALL_VISITS = "see every staff member's visits"
    KEEP_TRAINING = "keep staff training"
    SEE_BOARD = "see board seats"
    KEEP_BOARD = "keep board seats"
    SEE_TIES = "see formal ties"
    KEEP_TIES = "keep formal ties"
    SEE_SUPPORT = "see the support given to groups"
    KEEP_SUPPORT = "record support given to groups"
    KEEP_ACTIVITIES = "record other exchanges"
    SEE_EVENTS = "see the office's events and partners"
    KEEP_EVENTS = "keep events and partners"
    SEE_SURVEY_RESULTS = "see survey results"
    KEEP_SURVEYS = "keep surveys and studies"
    SEE_DASHBOARD = "see the exchange dashboard"
    MANAGE_STAFF = "manage the agency's staff, units, audit trail and deleted clients"
    KEEP_OWN_LISTING = "keep a group's own listing, volunteers and portal"
    KEEP_PROFILE = "keep the installation's public profile (name, office contact, crisis line)"


@dataclass(frozen=True)
class Rule:
    roles: tuple
    # What else must hold for one object, in words; the code that checks it is named.
    objects: str = "the agency's own records only (`for_user`)"


STAFF = (Role.LIAISON, Role.PRACTITIONER, Role.EXECUTIVE, Role.AGENCY_ADMIN)

TABLE: dict[Can, Rule] = {
    Can.USE_OFFICE: Rule(STAFF),
    Can.WORK_WITH_CLIENTS: Rule((Role.PRACTITIONER, Role.LIAISON)),
    Can.SEE_CLIENT_IDENTITY: Rule(
        (Role.PRACTITIONER,),
        "clients of the practitioner's own unit (`referrals.access.sees_identity`), after the "
        "second factor",
    ),
    Can.REFER_CLIENTS: Rule((Role.PRACTITIONER,)),
    Can.KEEP_LISTINGS: Rule(
        (Role.LIAISON,),
        "groups without an active leader; a led group's listing is its leaders' "
        "(`groups.listing.access.listing_owner_required`)",
    ),
    Can.PROPOSE_LEADERS: Rule(
        (Role.LIAISON,), "any group; the group's leaders, or the superuser, decide"
    ),
    Can.ASSESS_GROUPS: Rule((Role.LIAISON,)),
    Can.IMPORT_LISTINGS: Rule((Role.LIAISON,)),
    Can.KEEP_VISITS: Rule(STAFF, "each person their own visits"),
    Can.SEE_ALL_VISITS: Rule((Role.LIAISON, Role.EXECUTIVE)),
    Can.KEEP_TRAINING: Rule((Role.LIAISON,)),
    Can.SEE_BOARD: Rule((Role.EXECUTIVE, Role.AGENCY_ADMIN, Role.LIAISON)),
    Can.KEEP_BOARD: Rule((Role.EXECUTIVE, Role.AGENCY_ADMIN)),
    Can.SEE_TIES: Rule((Role.EXECUTIVE, Role.LIAISON, Role.AGENCY_ADMIN)),
    Can.KEEP_TIES: Rule((Role.EXECUTIVE, Role.LIAISON)),
    Can.SEE_SUPPORT: Rule((Role.LIAISON, Role.EXECUTIVE, Role.AGENCY_ADMIN)),
    Can.KEEP_SUPPORT: Rule((Role.LIAISON,)),
    Can.KEEP_ACTIVITIES: Rule((Role.LIAISON, Role.EXECUTIVE)),
    Can.SEE_EVENTS: Rule(STAFF),
    Can.KEEP_EVENTS: Rule((Role.LIAISON, Role.EXECUTIVE)),
    Can.SEE_SURVEY_RESULTS: Rule((Role.LIAISON, Role.EXECUTIVE)),
    Can.KEEP_SURVEYS: Rule((Role.LIAISON,)),
    Can.SEE_DASHBOARD: Rule((Role.EXECUTIVE, Role.AGENCY_ADMIN), "counts only, no client named"),
    Can.MANAGE_STAFF: Rule(
        (Role.AGENCY_ADMIN,),
        "accounts that are nothing but the agency's staff (`liaison.services.manages_account`)",
    ),
    Can.KEEP_OWN_LISTING: Rule((LEADER,), "the groups the person leads; never a client's identity"),
    # Every agency's visitors see it: no agency's staff may change it.
    Can.KEEP_PROFILE: Rule((SUPERUSER,), "the one profile of the installation"),
}


def can(user, capability: Can) -> bool:
    """Has the user's role this capability? (An object's own rule is checked where it is read.)"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    roles = TABLE[capability].roles
    if LEADER in roles and user.is_group_leader:
        return True
    if SUPERUSER in roles and user.is_superuser:
        return True
    return user.has_role(*(role for role in roles if role not in (LEADER, SUPERUSER)))


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


def requires(capability: Can):
    """Allow signed-in people who have `capability` (the table above). The view keeps the
    capability it needs, so that a page can tell whether a link would open (`may_open`)."""
    guard = _guard(lambda user: can(user, capability))

    def decorator(view):
        wrapped = guard(view)
        wrapped.capability = capability
        return wrapped

    return decorator


def may_open(user, path: str) -> bool:
    """Would `path` open for `user`, as far as its view's capability says (an object's own rule
    is checked when it is read)? A page with no capability is public."""
    try:
        view = resolve(urlsplit(path).path).func
    except Resolver404:
        return False
    capability = getattr(view, "capability", None)
    return capability is None or can(user, capability)


def narrowed(shows_all):
    """Mark a list view that shows some readers only their own records (a practitioner's visits,
    say): `shows_all(user)` tells whether it lists every record of the agency for `user`."""

    def decorator(view):
        view.shows_all = shows_all
        return view

    return decorator


def lists_all(user, path: str) -> bool:
    """Does the list at `path` show `user` every record of its kind in the agency (not only the
    user's own)? A page a figure that counts them all may link to for `user` (`narrowed`)."""
    try:
        view = resolve(urlsplit(path).path).func
    except Resolver404:
        return False
    shows_all = getattr(view, "shows_all", None)
    return shows_all is None or shows_all(user)


staff_required = requires(Can.USE_OFFICE)
leader_required = requires(Can.KEEP_OWN_LISTING)


def private_or_404(queryset, **lookup):
    """One object of a queryset already limited to what the user may reach, or PrivateNotFound."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise PrivateNotFound from None


def get_for_user(queryset_or_model, user, **lookup):
    """Fetch one private object through its `for_user()` scope: 404 when it is not the user's.
    The agency whose object it was sees the refused attempt in its own trail too."""
    queryset = getattr(queryset_or_model, "objects", queryset_or_model)
    try:
        return private_or_404(queryset.for_user(user), **lookup)
    except PrivateNotFound:
        detail = f"404 {queryset.model._meta.label} {lookup}"
        actor = user if user.is_authenticated else None
        owner = _owner_agency(queryset, lookup)
        mine = user.agency.pk if actor is not None and user.agency is not None else None
        if owner is not None and owner != mine:
            # The agency whose record was sought sees the attempt in its own trail too (the
            # refusing agency's entry is written by `audit.denied` like every refusal).
            build(
                Action.ACCESS_DENIED,
                user=actor,
                agency_id=owner,
                outcome=Outcome.DENIED,
                detail=f"{detail}, by a user outside this agency"[:300],
            ).save()
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


def table_markdown() -> str:
    """The table as README shows it."""
    lines = ["| capability | who | which objects |", "|---|---|---|"]
    for capability, rule in TABLE.items():
        who = ", ".join(
            role if role in (LEADER, SUPERUSER) else Role(role).label.lower() for role in rule.roles
        )
        lines.append(f"| {capability.value} | {who} | {rule.objects} |")
    return "\n".join(lines)
