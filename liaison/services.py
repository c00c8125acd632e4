"""Writes with side effects on the agency side. Each takes keyword-only arguments and runs in a
transaction; a refusal raises `AgencyError`, which views show as a message."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from liaison.models import Agency, AgencyUnit, StaffMembership, User


class AgencyError(Exception):
    """A change to the agency's staff or units that cannot be made."""


def user_language_remember(*, user, language: str) -> None:
    """Keep the language someone uses the site in, for the mails sent to them later."""
    if language and user.language != language:
        user.language = language
        User.objects.filter(pk=user.pk).update(language=language)


def _set_password_link(user, base_url):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url + reverse("password_reset_confirm", args=[uid, token])


@transaction.atomic
def staff_add(
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
) -> StaffMembership:
    """Give a person a place in the agency and send them a link to choose their password."""
    if unit is not None and unit.agency_id != agency.pk:
        raise AgencyError("That unit belongs to another agency.")
    email = User.objects.normalize_email(email)
    user = User.objects.select_for_update().filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, full_name=full_name)
    elif StaffMembership.objects.filter(user=user).exists():
        raise AgencyError(
            "This email address already has a staff account. Ask your installation's "
            "administrator to move it if the person changed agency."
        )
    membership = StaffMembership.objects.create(
        user=user,
        agency=agency,
        unit=unit,
        role=role,
        title=title,
        liaison_hours_per_week=liaison_hours_per_week,
    )
    link = _set_password_link(user, base_url)
    body = render_to_string(
        "registration/staff_welcome_email.txt",
        {"user": user, "agency": agency, "by": by, "link": link, "site_name": settings.SITE_NAME},
    )
    transaction.on_commit(
        lambda: send_mail(
            f"Your {settings.SITE_NAME} account at {agency.name}",
            body,
            None,
            [user.email],
        )
    )
    return membership


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
