"""Setting up, giving and managing the second factor; the agency admin's reset and unlock."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from audit.trail import Action, Outcome, record
from liaison import formfields, mfa
from liaison.models import StaffMembership
from liaison.permissions import Can, get_for_user, requires
from liaison.services import manages_account, unlock_username


class CodeForm(formfields.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        help_text=gettext_lazy(
            "The 6-digit code your authenticator app shows now, or a recovery code."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def _situation(request) -> dict:
    """What the set-up and code pages say besides the form: why they ask (the page asked for
    shows people's names and phones), who can reset a lost phone (a group leader has no agency
    admin: the office that runs the site does it), and a way back when the rest of the site
    does not need the second factor."""
    user = request.user
    required = mfa.enabled() and mfa.required_for(user)
    leader_only = user.membership is None and user.is_group_leader
    back = None
    if not required and not mfa.has_device(user):
        back = ("portal:home", _("Back to my groups")) if leader_only else None
        if user.membership is not None:
            back = ("pages:office", _("Back to the office"))
    return {
        "required": required,
        "why_identity": request.GET.get("why") == mfa.WHY_IDENTITY,
        "leader_only": leader_only,
        "back": back,
    }


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Scan the QR code (or type the key), enter the first code, keep the recovery codes."""
    if mfa.has_device(request.user) and not mfa.is_verified(request.user):
        return mfa.challenge(request)
    device = mfa.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error(
                "code", _("Too many wrong codes in a row: wait a few seconds, then retry.")
            )
            codes = None
        else:
            codes = mfa.confirm(request, device, "".join(form.cleaned_data["code"].split()))
        if codes is None and not form.errors:
            form.add_error(
                "code",
                _("That code did not match. Check the time on your phone and try the newest code."),
            )
        if codes is None:
            record(Action.MFA_FAILED, request=request, outcome=Outcome.FAILURE, detail="set-up")
        else:
            record(Action.MFA_ENROLLED, request=request, obj=device)
            return render(
                request,
                "registration/mfa_codes.html",
                {"codes": codes, "next": mfa.safe_next(request), "first_time": True},
            )
    return render(
        request,
        "registration/mfa_setup.html",
        {
            "form": form,
            "qr": mfa.qr_svg(device),
            "secret": mfa.secret_text(device),
            "next": request.POST.get("next") or request.GET.get("next", ""),
            **_situation(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if not mfa.has_device(request.user):
        return redirect("mfa_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = mfa.verify(request, form.cleaned_data["code"])
        if throttled and device is None:
            form.add_error(
                "code",
                _("Too many wrong codes in a row: wait a few seconds, then enter the newest."),
            )
        if device is None and not form.errors:
            form.add_error(
                "code",
                _(
                    "That code did not work. "
                    "Enter the newest code from your app, or a recovery code."
                ),
            )
        if device is None:
            record(Action.MFA_FAILED, request=request, outcome=Outcome.FAILURE)
        else:
            record(Action.MFA_VERIFIED, request=request, obj=device)
            if device._meta.model_name == "staticdevice":
                left = mfa.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(left)s left. "
                        "Make new ones under Two-factor sign-in.",
                        "You used a recovery code; %(left)s left. "
                        "Make new ones under Two-factor sign-in.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(mfa.safe_next(request))
    return render(
        request,
        "registration/mfa_verify.html",
        {
            "form": form,
            "next": request.POST.get("next") or request.GET.get("next", ""),
            **_situation(request),
        },
    )


@login_required
def manage(request):
    return render(
        request,
        "registration/mfa_manage.html",
        {
            "has_device": mfa.has_device(request.user),
            "verified": mfa.is_verified(request.user),
            "codes_left": mfa.recovery_codes_left(request.user),
            **_situation(request),
        },
    )


@login_required
@require_POST
def recovery_codes(request):
    if not mfa.is_verified(request.user):
        return mfa.challenge(request)
    codes = mfa.new_recovery_codes(request.user)
    record(Action.MFA_RECOVERY_CODES, request=request)
    return render(request, "registration/mfa_codes.html", {"codes": codes, "first_time": False})


@login_required
@require_POST
def remove(request):
    if mfa.required_for(request.user):
        messages.error(request, _("Your role needs two-factor sign-in, so it cannot be removed."))
        return redirect("mfa_manage")
    if mfa.has_device(request.user) and not mfa.is_verified(request.user):
        return mfa.challenge(request)
    mfa.remove_devices(request.user)
    record(Action.MFA_REMOVED, request=request, detail="by the user")
    messages.success(request, _("Two-factor sign-in is off for your account."))
    return redirect("mfa_manage")


@requires(Can.MANAGE_STAFF)
@require_POST
def staff_reset_mfa(request, pk):
    """For someone who lost their phone and their recovery codes: they set it up again."""
    membership = get_for_user(StaffMembership.objects.select_related("user"), request.user, pk=pk)
    if not manages_account(request.user, membership.user):
        raise PermissionDenied
    mfa.remove_devices(membership.user)
    record(
        Action.MFA_REMOVED,
        request=request,
        obj=membership,
        detail=f"{membership.user.email}: reset by the agency admin",
    )
    messages.success(
        request,
        _("%(user)s will set up two-factor sign-in again at their next sign-in.")
        % {"user": membership.user},
    )
    return redirect("liaison:staff_edit", pk=membership.pk)


@requires(Can.MANAGE_STAFF)
@require_POST
def staff_unlock(request, pk):
    """Lift a sign-in lock after too many failed attempts."""
    membership = get_for_user(StaffMembership.objects.select_related("user"), request.user, pk=pk)
    if not manages_account(request.user, membership.user):
        raise PermissionDenied
    cleared = unlock_username(membership.user.email)
    record(
        Action.UNLOCKED,
        request=request,
        obj=membership,
        detail=f"{membership.user.email}: {cleared} failed attempt record(s) cleared",
    )
    messages.success(request, _("%(user)s can sign in again.") % {"user": membership.user})
    return redirect("liaison:staff_edit", pk=membership.pk)


@requires(Can.MANAGE_STAFF)
@require_POST
def mfa_policy(request):
    """The agency admin requires two-factor sign-in of all staff, or lets them choose."""
    agency = request.user.agency
    agency.require_mfa = request.POST.get("require") == "1"
    agency.save(update_fields=["require_mfa"])
    record(
        Action.ROLE_CHANGED,
        request=request,
        obj=agency,
        agency_id=agency.pk,
        detail=f"two-factor sign-in required of all staff: {agency.require_mfa}",
    )
    messages.success(
        request,
        _("Two-factor sign-in is now required of all staff.")
        if agency.require_mfa
        else _("Staff other than practitioners may now choose two-factor sign-in."),
    )
    return redirect("liaison:staff_list")
