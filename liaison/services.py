"""Writes with side effects on the agency side. Each takes keyword-only arguments and runs in a
transaction; a refusal raises `AgencyError`, which views show as a message."""

import datetime as dt

from axes.models import AccessAttempt
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from audit.trail import Action, record
from jobs.mail import mail_later
from liaison import installation
from liaison.models import Agency, AgencyUnit, StaffInvitation, StaffMembership, User


class AgencyError(Exception):
    """A change to the agency's staff or units that cannot be made."""


def user_language_remember(*, user, language: str) -> None:
    """Keep the language someone uses the site in, for the mails sent to them later."""
    if language and user.language != language:
        user.language = language
        User.objects.filter(pk=user.pk).update(language=language)


STAFF_INVITATION_DAYS = 7
STAFF_INVITATION_SALT = "liaison.staff-invitation"


class LinkError(AgencyError):
    """A staff invitation link that is tampered with, expired, withdrawn or already used."""

    def __init__(self, message, *, kind):
        super().__init__(message)
        self.kind = kind


def staff_invitation_token(invitation: StaffInvitation) -> str:
    return signing.dumps({"s": invitation.pk}, salt=STAFF_INVITATION_SALT)


@transaction.atomic
def staff_invite(
    *,
    agency: Agency,
    email: str,
    full_name: str,
    role: str,
    unit: AgencyUnit | None,
    title: str = "",
    liaison_hours_per_week=0,
    by: User,
    base_url: str,
) -> StaffInvitation:
    """Invite a person to the agency's staff. The admin gets the same answer whether or not the
    address has an account here or at another agency; the owner of the address accepts, and
    only then becomes staff."""
    if unit is not None and unit.agency_id != agency.pk:
        raise AgencyError("That unit belongs to another agency.")
    email = User.objects.normalize_email(email)
    if StaffMembership.objects.filter(agency=agency, user__email__iexact=email).exists():
        # The agency's own staff list already shows this person: nothing to hide.
        raise AgencyError("This person is already on your staff list.")
    StaffInvitation.objects.filter(
        agency=agency, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = StaffInvitation.objects.create(
        agency=agency,
        email=email,
        full_name=full_name,
        role=role,
        unit=unit,
        title=title,
        liaison_hours_per_week=liaison_hours_per_week,
        invited_by=by,
        expires_at=timezone.now() + dt.timedelta(days=STAFF_INVITATION_DAYS),
    )
    record(
        Action.STAFF_INVITED,
        user=by,
        obj=invitation,
        agency_id=agency.pk,
        detail=f"{email} invited as {invitation.get_role_display()}",
    )
    _mail_staff_invitation(invitation, by=by, base_url=base_url)
    return invitation


def _mail_staff_invitation(invitation: StaffInvitation, *, by: User, base_url: str) -> None:
    link = base_url + reverse("liaison:staff_invitation", args=[staff_invitation_token(invitation)])
    site = installation.profile().name
    body = render_to_string(
        "registration/staff_welcome_email.txt",
        {"invitation": invitation, "by": by, "link": link, "site_name": site},
    )
    mail_later(f"Join {invitation.agency.name} on {site}", body, [invitation.email])


@transaction.atomic
def staff_invitation_resend(*, invitation: StaffInvitation, by: User, base_url: str):
    """Mail an invitation not yet answered again, with a fresh link open for the whole time
    again (an expired one too: the person may have been away)."""
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise AgencyError("This invitation was already used or withdrawn.")
    invitation.expires_at = timezone.now() + dt.timedelta(days=STAFF_INVITATION_DAYS)
    invitation.save(update_fields=["expires_at"])
    record(
        Action.STAFF_INVITED,
        user=by,
        obj=invitation,
        agency_id=invitation.agency_id,
        detail=f"{invitation.email} invited again",
    )
    _mail_staff_invitation(invitation, by=by, base_url=base_url)
    return invitation


def staff_invitation_from_token(token) -> StaffInvitation:
    try:
        data = signing.loads(
            token, salt=STAFF_INVITATION_SALT, max_age=STAFF_INVITATION_DAYS * 86400
        )
    except signing.SignatureExpired:
        raise LinkError("This invitation has expired.", kind="expired") from None
    except signing.BadSignature:
        raise LinkError(
            "This link is not valid. Was it copied completely?", kind="invalid"
        ) from None
    invitation = (
        StaffInvitation.objects.select_related("agency", "unit").filter(pk=data.get("s")).first()
    )
    if invitation is None:
        raise LinkError("This link is not valid. Was it copied completely?", kind="invalid")
    if invitation.accepted_at:
        raise LinkError("This invitation was already used.", kind="used")
    if invitation.revoked_at:
        raise LinkError("This invitation was withdrawn.", kind="used")
    if invitation.expires_at <= timezone.now():
        raise LinkError("This invitation has expired.", kind="expired")
    return invitation


@transaction.atomic
def staff_invitation_accept(
    *, invitation: StaffInvitation, user: User | None = None, password=None, full_name=""
) -> StaffMembership:
    """The owner of the invited address joins the agency: a new account with the password they
    chose, or their existing account once they have signed in with it."""
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open():
        raise LinkError("This invitation was already used or has expired.", kind="used")
    existing = User.objects.select_for_update().filter(email__iexact=invitation.email).first()
    if user is None:
        if existing is not None:
            raise AgencyError("This address has an account: sign in with it to accept.")
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name or invitation.full_name
        )
    elif existing is None or existing.pk != user.pk:
        raise AgencyError("This invitation was sent to another email address.")
    if user.is_superuser:
        raise AgencyError(
            "The installation's administrator account cannot also be an agency's staff account. "
            "Ask the agency admin to invite another address."
        )
    if StaffMembership.objects.filter(user=user).exists():
        raise AgencyError(
            "This account already belongs to an agency's staff. Ask that agency's admin to end "
            "it first, or ask to be invited at another address."
        )
    membership = StaffMembership.objects.create(
        user=user,
        agency=invitation.agency,
        unit=invitation.unit if invitation.unit and invitation.unit.is_active else None,
        role=invitation.role,
        title=invitation.title,
        liaison_hours_per_week=invitation.liaison_hours_per_week,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def staff_invitation_withdraw(*, invitation: StaffInvitation, by: User) -> StaffInvitation:
    if invitation.accepted_at or invitation.revoked_at:
        raise AgencyError("This invitation was already used or withdrawn.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def manages_account(admin: User, user: User) -> bool:
    """May an agency admin act on this account itself (its second factor, its sign-in lock)?
    Only on an account that is nothing but their own agency's staff member: never a superuser,
    a Django admin user, a group leader, or another agency's member."""
    agency = admin.agency
    if agency is None or user.is_superuser or user.is_staff:
        return False
    if user.leaderships.filter(ended_at__isnull=True).exists():
        return False
    return not StaffMembership.objects.filter(user=user).exclude(agency=agency).exists()


def unlock_username(username: str) -> int:
    """Lift the sign-in lock of one account. Only the account's own counters go: the failures
    are kept for the addresses they came from, so that unlocking an account again and again
    does not let one address go on guessing (AXES_LOCKOUT_PARAMETERS counts both)."""
    # django-axes counts an address's failures across the rows of every username it tried; the
    # rows of this username are renamed to a value no sign-in form can send (it is not an
    # email address), so they still count for the address and no longer for the account.
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    rows = AccessAttempt.objects.filter(username=username)
    count = 0
    for attempt in rows:
        attempt.username = f"unlocked {stamp} #{attempt.pk}"[:255]
        attempt.save(update_fields=["username"])
        count += 1
    return count


@transaction.atomic
def staff_update(*, membership: StaffMembership, by: User, **changes: object) -> StaffMembership:
    """Change a person's role, unit, title, hours or active flag within the same agency."""
    unit = changes.get("unit")
    if unit is not None and unit.agency_id != membership.agency_id:
        raise AgencyError("That unit belongs to another agency.")
    if membership.user_id == by.pk:
        if changes.get("is_active") is False:
            raise AgencyError("You cannot deactivate your own account.")
        if changes.get("role", membership.role) != StaffMembership.Role.AGENCY_ADMIN:
            raise AgencyError("You cannot remove your own agency admin role.")
    for field, value in changes.items():
        setattr(membership, field, value)
    membership.save()
    return membership
