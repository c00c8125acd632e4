import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_tasks_db.models import DBTaskResult

from jobs import schedule
from jobs.models import JobRun
from jobs.queue import runs_in_process
from liaison import installation, mfa, ratelimit, services
from liaison.forms import (
    AcceptInvitationForm,
    InstallationForm,
    QueuedPasswordResetForm,
    StaffAddForm,
    StaffEditForm,
    UnitForm,
)
from liaison.models import (
    LOGO_TYPES,
    AgencyUnit,
    Installation,
    StaffInvitation,
    StaffMembership,
    User,
)
from liaison.permissions import Can, can, get_for_user, requires
from liaison.services import (
    AgencyError,
    LinkError,
    manages_account,
    staff_invitation_accept,
    staff_invitation_from_token,
    staff_invite,
    staff_update,
    user_language_remember,
)


def locked_out(request, credentials=None, *args, **kwargs):
    """What a locked-out sign-in sees (django-axes calls this)."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


@login_required
def after_login(request):
    """Send each person to the home page of what they do here."""
    user = request.user
    if can(user, Can.SEE_DASHBOARD) and user.role != StaffMembership.Role.AGENCY_ADMIN:
        return redirect("pages:dashboard")
    if user.membership:
        return redirect("pages:office")
    if user.is_group_leader:
        return redirect("portal:home")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("pages:home")


# --- the agency admin's staff and units ---------------------------------------------------------


@requires(Can.MANAGE_STAFF)
def staff_list(request):
    memberships = (
        StaffMembership.objects.for_user(request.user)
        .select_related("user", "unit")
        .order_by("-is_active", "user__full_name", "user__email")
    )
    invitations = (
        StaffInvitation.objects.for_user(request.user)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("unit")
        .order_by("-created_at")
    )
    return render(
        request,
        "liaison/staff_list.html",
        {"memberships": memberships, "invitations": invitations, "now": timezone.now()},
    )


@requires(Can.MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_add(request):
    agency = request.user.agency
    form = StaffAddForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = staff_invite(
                agency=agency,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                unit=data["unit"],
                title=data["title"],
                liaison_hours_per_week=data["liaison_hours_per_week"],
                by=request.user,
                base_url=request.build_absolute_uri("/")[:-1],
            )
        except AgencyError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                f"We sent an invitation to {invitation.email}. {invitation.full_name} joins the "
                "staff once they accept it.",
            )
            return redirect("liaison:staff_list")
    return render(request, "liaison/staff_form.html", {"form": form, "adding": True})


@requires(Can.MANAGE_STAFF)
@require_POST
def staff_invitation_resend(request, pk):
    invitation = get_for_user(StaffInvitation, request.user, pk=pk)
    try:
        services.staff_invitation_resend(
            invitation=invitation, by=request.user, base_url=request.build_absolute_uri("/")[:-1]
        )
    except AgencyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Sent the invitation to {invitation.email} again.")
    return redirect("liaison:staff_list")


@requires(Can.MANAGE_STAFF)
@require_POST
def staff_invitation_withdraw(request, pk):
    invitation = get_for_user(StaffInvitation, request.user, pk=pk)
    try:
        services.staff_invitation_withdraw(invitation=invitation, by=request.user)
    except AgencyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Withdrew the invitation of {invitation.email}.")
    return redirect("liaison:staff_list")


@require_http_methods(["GET", "POST"])
def staff_invitation(request, token):
    """The invited person's side: choose a password (a new account), or sign in with the
    account the address already has, then accept."""
    try:
        invitation = staff_invitation_from_token(token)
    except LinkError as error:
        status = {"invalid": 400, "expired": 410, "used": 410}[error.kind]
        return render(request, "groups/link_problem.html", {"error": error}, status=status)
    user = request.user
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    signed_in_as_invitee = user.is_authenticated and user.email.lower() == invitation.email.lower()
    form = None
    if not has_account:
        form = AcceptInvitationForm(
            request.POST or None,
            email=invitation.email,
            initial={"full_name": invitation.full_name},
        )
    error = None
    if request.method == "POST" and (signed_in_as_invitee or (form and form.is_valid())):
        try:
            if signed_in_as_invitee:
                membership = staff_invitation_accept(invitation=invitation, user=user)
            else:
                membership = staff_invitation_accept(
                    invitation=invitation,
                    password=form.cleaned_data["password1"],
                    full_name=form.cleaned_data["full_name"],
                )
                login(
                    request,
                    membership.user,
                    backend="django.contrib.auth.backends.ModelBackend",
                )
        except AgencyError as refused:
            error = str(refused)
        else:
            messages.success(request, f"Welcome to {invitation.agency.name}.")
            return redirect("liaison:after_login")
    return render(
        request,
        "liaison/staff_invitation.html",
        {
            "invitation": invitation,
            "form": form,
            "error": error,
            "signed_in_as_invitee": signed_in_as_invitee,
            "signed_in_as_someone_else": user.is_authenticated and not signed_in_as_invitee,
            "needs_sign_in": has_account and not user.is_authenticated,
        },
    )


@requires(Can.MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk):
    membership = get_for_user(
        StaffMembership.objects.select_related("user", "unit"), request.user, pk=pk
    )
    form = StaffEditForm(request.POST or None, instance=membership, agency=membership.agency)
    if request.method == "POST" and form.is_valid():
        try:
            staff_update(membership=membership, by=request.user, **form.cleaned_data)
        except AgencyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Saved the changes to {membership.user}.")
            return redirect("liaison:staff_list")

    security = {
        "manageable": manages_account(request.user, membership.user),
        "mfa": mfa.has_device(membership.user),
        "locked": AccessAttempt.objects.filter(
            username=membership.user.email, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
        ).exists(),
    }
    return render(
        request,
        "liaison/staff_form.html",
        {"form": form, "membership": membership, "adding": False, "security": security},
    )


@requires(Can.MANAGE_STAFF)
def unit_list(request):
    units = AgencyUnit.objects.for_user(request.user).annotate(
        staff_count=Count("memberships", filter=Q(memberships__is_active=True))
    )
    return render(request, "liaison/unit_list.html", {"units": units})


@requires(Can.MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def unit_form(request, pk=None):
    agency = request.user.agency
    unit = get_for_user(AgencyUnit, request.user, pk=pk) if pk else AgencyUnit(agency=agency)
    form = UnitForm(request.POST or None, instance=unit, agency=agency)
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, f"Saved the unit “{unit.name}”.")
        return redirect("liaison:unit_list")
    return render(request, "liaison/unit_form.html", {"form": form, "unit": unit})


@requires(Can.KEEP_PROFILE)
def installation_edit(request):
    """Who runs the directory, how to reach the office, where to turn in a crisis."""
    current = installation.profile()
    saved = Installation.objects.defer("logo").first() or Installation(**installation.defaults())
    form = InstallationForm(request.POST or None, request.FILES or None, instance=saved)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved the profile: every public page shows it now.")
        return redirect("liaison:installation")
    return render(request, "liaison/installation_form.html", {"form": form, "current": current})


@require_safe
def logo(request, version, ext):
    """The installation's logo, for everyone: the address names its version, so a browser or a
    shared cache keeps it for good; a new logo has a new address. An older address leads to the
    current logo; without a logo, none is found."""
    saved = Installation.objects.only("logo", "logo_type", "logo_changed_at").first()
    if saved is None or not saved.logo_url:
        raise Http404("No logo.")
    if (version, ext) != (saved.logo_version, saved.logo_type):
        return redirect(saved.logo_url)
    response = HttpResponse(bytes(saved.logo), content_type=LOGO_TYPES[saved.logo_type])
    response["Content-Disposition"] = f'inline; filename="logo.{saved.logo_type}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["ETag"] = f'"{saved.logo_version}"'
    changed = int(saved.logo_changed_at.timestamp())
    response["Last-Modified"] = http_date(changed)
    response = get_conditional_response(
        request, etag=response["ETag"], last_modified=changed, response=response
    )
    response.vary_only = ()  # the same for every visitor, whatever the language or the session
    return response


class SignInView(auth_views.LoginView):
    """Django's sign-in, remembering the language the person signs in with."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user_language_remember(user=self.request.user, language=translation.get_language())
        return response


# Password resets an hour: from one address (a shared office computer serves several people),
# and for one email address typed, whoever asks (a person who lost the first mail asks again).
RESETS_PER_ADDRESS = 10
RESETS_PER_ACCOUNT = 3


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, rate-limited, so that nobody can flood an inbox with reset mails
    or try address after address. Each email typed is counted whether or not it has an account,
    and the answer never says which: too many for one email gets the same "check your email" page
    as a mail sent (and sends nothing); too many from one address says so, about the address."""

    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        if ratelimit.address_exceeded(self.request, "password-reset", limit=RESETS_PER_ADDRESS):
            form.add_error(
                None,
                gettext(
                    "Many password resets were asked from here in the last hour. "
                    "Please try again later."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        email = form.cleaned_data["email"]
        if ratelimit.exceeded("password-reset-account", email, limit=RESETS_PER_ACCOUNT):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


# --- background jobs ------------------------------------------------------------------------------


@requires(Can.MANAGE_STAFF)
def jobs_status(request):
    """The installation's scheduled jobs with their last runs, and the background tasks of the
    last seven days: counts, and the failures by task (names and errors, never arguments)."""
    now = timezone.now()
    last_runs = {}
    for run in JobRun.objects.order_by("job", "-slot", "-pk").distinct():
        last_runs.setdefault(run.job, run)
    rows = [
        {"job": job, "last": last_runs.get(job.name), "next": job.next_slot(now)}
        for job in schedule.jobs()
    ]
    tasks = None
    if not runs_in_process():
        week = DBTaskResult.objects.filter(enqueued_at__gte=now - dt.timedelta(days=7))
        tasks = {
            "counts": dict(week.values_list("status").annotate(n=Count("pk")).order_by()),
            "failed": week.failed().order_by("-finished_at")[:20],
        }
    return render(
        request,
        "liaison/jobs_status.html",
        {"rows": rows, "tasks": tasks, "runs_in_process": runs_in_process()},
    )
