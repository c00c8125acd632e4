"""Who keeps a listing: agency staff propose a leader; the group's leaders invite, confirm or
decline proposals, and end leaderships in their portal; the invitee accepts by the emailed link.
The rules are in `groups.leadership.services`."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from groups.forms import InvitationForm, ProposalForm
from groups.leadership.services import (
    current_leaderships,
    invitation_accept,
    invitation_from_token,
    leader_invitation_resend,
    leader_invitation_withdraw,
    leader_invite,
    leader_proposal_decide,
    leader_propose,
    leadership_end,
    leads,
)
from groups.models import GroupLeadership, LeaderInvitation, SelfHelpGroup
from groups.services import LinkError, ListingError
from liaison.forms import AcceptInvitationForm
from liaison.models import StaffMembership, User
from liaison.permissions import Can, leader_required, private_or_404, requires

Role = StaffMembership.Role


def _base_url(request):
    return request.build_absolute_uri("/")[:-1]


def _link_status(error):
    return {"invalid": 400, "expired": 410, "used": 410}[error.kind]


# --- agency staff: propose ------------------------------------------------------------------------


@requires(Can.PROPOSE_LEADERS)
@require_http_methods(["GET", "POST"])
def leaders(request, slug):
    """What a liaison sees of a group's leaders: first names and since when, never their email,
    and the proposals of their own agency. They propose; the group decides."""
    group = get_object_or_404(SelfHelpGroup, slug=slug)
    if leads(request.user, group):
        return redirect("portal:leaders", slug=group.slug)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = leader_propose(
                group=group,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                note=form.cleaned_data["note"],
                by=request.user,
                base_url=_base_url(request),
            )
        except ListingError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                f"Proposed {invitation.name or invitation.email}. "
                + (
                    "The group's leaders decide; nothing is sent to the person until they confirm."
                    if invitation.status == LeaderInvitation.Status.AWAITING_GROUP
                    else "The group has no leader: the installation's administrator decides; "
                    "nothing is sent to the person until then."
                ),
            )
            return redirect("groups:leaders", slug=group.slug)
    proposals = LeaderInvitation.objects.filter(
        group=group, agency=request.user.agency
    ).select_related("invited_by")[:20]
    return render(
        request,
        "groups/leaders.html",
        {
            "group": group,
            "form": form,
            "leaderships": current_leaderships(group),
            "proposals": proposals,
            "now": timezone.now(),
        },
    )


@requires(Can.PROPOSE_LEADERS)
@require_POST
def proposal_withdraw(request, slug, pk):
    group = get_object_or_404(SelfHelpGroup, slug=slug)
    invitation = private_or_404(
        LeaderInvitation.objects.filter(group=group, agency=request.user.agency), pk=pk
    )
    try:
        leader_invitation_withdraw(invitation=invitation, by=request.user)
    except ListingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Withdrew the proposal of {invitation.email}.")
    return redirect("groups:leaders", slug=group.slug)


# --- the group's leaders: decide -----------------------------------------------------------------


def _led_group(request, slug):
    return private_or_404(SelfHelpGroup.objects.led_by(request.user), slug=slug)


@leader_required
@require_http_methods(["GET", "POST"])
def portal_leaders(request, slug):
    group = _led_group(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            leader_invite(
                group=group,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                note=form.cleaned_data["note"],
                by=request.user,
                base_url=_base_url(request),
            )
        except ListingError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("Invited %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("portal:leaders", slug=group.slug)
    now = timezone.now()
    invitations = (
        LeaderInvitation.objects.open(now)
        .filter(group=group)
        .select_related("invited_by", "agency")
        .order_by("created_at")
    )
    return render(
        request,
        "groups/portal_leaders.html",
        {
            "group": group,
            "form": form,
            "leaderships": current_leaderships(group),
            "proposals": [i for i in invitations if i.awaiting_decision],
            "sent": [i for i in invitations if not i.awaiting_decision],
        },
    )


@leader_required
@require_POST
def portal_proposal(request, slug, pk):
    group = _led_group(request, slug)
    invitation = private_or_404(LeaderInvitation.objects.filter(group=group), pk=pk)
    confirm = request.POST.get("decision") == "confirm"
    try:
        leader_proposal_decide(
            invitation=invitation, by=request.user, confirm=confirm, base_url=_base_url(request)
        )
    except ListingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            (
                _("Confirmed: %(email)s was sent the invitation.")
                if confirm
                else _("Declined: nothing was sent to %(email)s.")
            )
            % {"email": invitation.email},
        )
    return redirect("portal:leaders", slug=group.slug)


@leader_required
@require_POST
def portal_invitation_resend(request, slug, pk):
    group = _led_group(request, slug)
    invitation = private_or_404(LeaderInvitation.objects.filter(group=group), pk=pk)
    try:
        leader_invitation_resend(
            invitation=invitation, by=request.user, base_url=_base_url(request)
        )
    except ListingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Sent the invitation to %(email)s again.") % {"email": invitation.email}
        )
    return redirect("portal:leaders", slug=group.slug)


@leader_required
@require_POST
def portal_invitation_withdraw(request, slug, pk):
    group = _led_group(request, slug)
    invitation = private_or_404(LeaderInvitation.objects.filter(group=group), pk=pk)
    try:
        leader_invitation_withdraw(invitation=invitation, by=request.user)
    except ListingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Withdrew the invitation of %(email)s.") % {"email": invitation.email}
        )
    return redirect("portal:leaders", slug=group.slug)


@leader_required
@require_POST
def portal_leadership_end(request, slug, pk):
    group = _led_group(request, slug)
    leadership = private_or_404(
        GroupLeadership.objects.select_related("user").filter(group=group, ended_at__isnull=True),
        pk=pk,
    )
    try:
        leadership_end(leadership=leadership, by=request.user)
    except ListingError as error:
        messages.error(request, str(error))
        return redirect("portal:leaders", slug=group.slug)
    if leadership.user_id == request.user.pk:
        messages.success(
            request, _("You no longer keep the listing of %(group)s.") % {"group": group.name}
        )
        still_leads = request.user.leaderships.active().exists()
        return redirect("portal:home" if still_leads else "pages:home")
    messages.success(
        request,
        _("%(person)s no longer keeps the listing of %(group)s.")
        % {"person": leadership.user.get_full_name(), "group": group.name},
    )
    return redirect("portal:leaders", slug=group.slug)


# --- the invitee ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    try:
        invitation = invitation_from_token(token)
    except LinkError as error:
        return render(
            request, "groups/link_problem.html", {"error": error}, status=_link_status(error)
        )
    existing = User.objects.filter(email=invitation.email).first()
    user = request.user
    signed_in_as_invitee = user.is_authenticated and user.email == invitation.email
    has_password = existing is not None and existing.has_usable_password()
    form = None
    if not signed_in_as_invitee and not has_password:
        form = AcceptInvitationForm(
            request.POST or None,
            email=invitation.email,
            initial={"full_name": invitation.name},
        )
    if request.method == "POST":
        if signed_in_as_invitee:
            invitation_accept(
                invitation=invitation, user=user, language=translation.get_language() or ""
            )
            messages.success(
                request,
                _("You now keep the listing of %(group)s.") % {"group": invitation.group.name},
            )
            return redirect("portal:home")
        if form is not None and form.is_valid():
            new_user = invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                language=translation.get_language() or "",
            )
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome! You now keep the listing of %(group)s.")
                % {"group": invitation.group.name},
            )
            return redirect("portal:home")
    return render(
        request,
        "groups/invitation.html",
        {
            "invitation": invitation,
            "form": form,
            "signed_in_as_invitee": signed_in_as_invitee,
            "needs_sign_in": has_password and not signed_in_as_invitee,
        },
    )
