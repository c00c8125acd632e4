"""Two-factor sign-in with a time-based code (TOTP) and one-time recovery codes.

Who must use it: anyone who can see client identity (practitioners), superusers, and all staff of
an agency whose admin requires it. Leaders see no client's identity (only the volunteer a consent
names does, through their own link), so they may choose. Anyone who has set it up uses it at every
sign-in.
"""

from base64 import b32encode
from functools import wraps
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.models import StaffMembership

RECOVERY_CODES = 10
# Kept in the session once the user is known to need no second factor, to spare the device
# lookup: the policy it was decided under, so that a change of role or of the agency's rule
# counts at the next request.
NOT_NEEDED = "mfa_not_needed_under"

# Pages reachable before the second factor: setting it up, entering it, signing out; and what
# those pages show (static files, the installation's logo).
_OPEN_PREFIXES = ("/accounts/mfa/", "/accounts/logout/", "/static/", "/i18n/", "/logo/")


def enabled() -> bool:
    return settings.MFA_REQUIRED


def required_for(user) -> bool:
    """Must this user sign in with a second factor?"""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = user.membership
    if membership is None:
        return False
    return membership.role == StaffMembership.Role.PRACTITIONER or membership.agency.require_mfa


def _policy(user) -> str:
    membership = user.membership
    if membership is None:
        return f"{user.is_superuser}"
    return f"{user.is_superuser}:{membership.role}:{membership.agency.require_mfa}"


def has_device(user) -> bool:
    return any(devices_for_user(user, confirmed=True))


def is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def safe_next(request, default="liaison:after_login") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


# Said in the address of the set-up or code page when what was asked for shows client identity,
# so that the page can say why it asks.
WHY_IDENTITY = "identity"


def _to(view_name, request, why=""):
    query = {"next": request.get_full_path(), **({"why": why} if why else {})}
    return redirect(f"{reverse(view_name)}?{urlencode(query)}")


def challenge(request, why=""):
    """Where to send a signed-in user who still owes a second factor: set-up or code entry."""
    return _to("mfa_verify" if has_device(request.user) else "mfa_setup", request, why)


class MFAMiddleware:
    """After sign-in, a user who must (or chose to) use a second factor reaches nothing else
    until they give it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            enabled()
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and request.session.get(NOT_NEEDED) != _policy(user)
            and not (request.session.get(DEVICE_ID_SESSION_KEY) and is_verified(user))
        ):
            if required_for(user) or has_device(user):
                return challenge(request, WHY_IDENTITY if _shows_identity(request) else "")
            request.session[NOT_NEEDED] = _policy(user)
        return self.get_response(request)


def _shows_identity(request) -> bool:
    """Is the page asked for one that shows client identity (see `identity_access`)?"""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "shows_identity", False)


def identity_gate(request):
    """Before client identity is shown: the redirect to the second factor, or None to go on."""
    if enabled() and request.user.is_authenticated and not is_verified(request.user):
        return challenge(request, WHY_IDENTITY)
    return None


def identity_access(view):
    """For pages showing client identity: a verified second factor, whoever the user is; and
    `Cache-Control: no-store`, so that no browser, shared computer or proxy keeps a copy."""

    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return identity_gate(request) or view(request, *args, **kwargs)

    wrapped.shows_identity = True
    return wrapped


def shows_identity(view):
    """Mark a view that shows client identity behind its own `identity_gate` (a page that shows
    it to some readers only), so that the sign-in step can say why it asks."""
    view.shows_identity = True
    return view


# --- devices -----


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up: unconfirmed until the user enters its first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key to type in by hand, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    issuer_url = device.config_url
    image = qrcode.make(issuer_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@transaction.atomic
def confirm(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with its first code; returns the new recovery codes."""
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    otp_login(request, device)
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def verify(request, token: str):
    """Check a code from the authenticator, or a recovery code: (the device that took it, or
    None; whether a device refused to try because of wrong codes just before)."""
    token = "".join(token.split()).lower()
    user = request.user
    throttled = False
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if not device.verify_is_allowed()[0]:
            throttled = True
            continue
        candidate = token if isinstance(device, StaticDevice) else token.replace("-", "")
        if device.verify_token(candidate):
            otp_login(request, device)
            return device, False
    return None, throttled


@transaction.atomic
def remove_devices(user) -> int:
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[0]
    return removed


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()
