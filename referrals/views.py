import datetime as dt
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from audit.trail import Action, record
from exchanges.knowledge import who_knows
from groups.models import Assessment, SelfHelpGroup
from liaison import mfa
from liaison.formfields import as_id
from liaison.models import StaffMembership
from liaison.paging import query_without_page
from liaison.periods import list_period
from liaison.permissions import (
    Can,
    can,
    get_for_user,
    leader_required,
    narrowed,
    private_or_404,
    requires,
)
from referrals import services
from referrals.access import sees_identity
from referrals.forms import (
    AdvanceForm,
    ChooseGroupForm,
    ClientForm,
    ConsentForm,
    ConsentSignForm,
    FollowUpForm,
    ReferralForm,
    StoryForm,
    VolunteerForm,
)
from referrals.models import (
    Client,
    Consent,
    Disclosure,
    FollowUp,
    PeerVolunteer,
    Referral,
    StorySession,
)
from referrals.services import (
    NEXT_STATES,
    ReferralError,
    client_create,
    consent_recorded,
    disclose,
    followup_record,
    referral_advance,
    referral_create,
    volunteer_save,
)

Role = StaffMembership.Role
Status = Referral.Status


def _client_pages(access):
    """Every page here shows clients, by record number and initials or by name: besides `access`,
    `Cache-Control: no-store`, so that no browser, shared computer or proxy keeps a copy. Pages
    with identity get it from `mfa.identity_access` too."""
    return lambda view: never_cache(access(view))


practitioners = _client_pages(requires(Can.REFER_CLIENTS))
referral_staff = _client_pages(requires(Can.WORK_WITH_CLIENTS))
admins = _client_pages(requires(Can.MANAGE_STAFF))


def _referrals(user):
    return Referral.objects.for_user(user).select_related(
        "client", "group", "volunteer", "made_by", "meeting"
    )


def _printing(request) -> bool:
    return request.GET.get("print") == "1"


def _identity_shown(request, client, *, obj=None):
    """Log a view (or a print) of the client's identity."""
    action = Action.IDENTITY_PRINTED if _printing(request) else Action.IDENTITY_VIEWED
    record(action, request=request, obj=obj or client, client=client)


# --- clients -----


@referral_staff
def client_list(request):
    clients = Client.objects.for_user(request.user).select_related("unit").order_by("record_number")
    number = request.GET.get("number", "").strip()[:40]
    if number:
        clients = clients.filter(record_number__icontains=number)
    page = Paginator(clients, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/client_list.html",
        {"page": page, "number": number, "query": query_without_page(request)},
    )


@practitioners
@mfa.identity_access
@require_http_methods(["GET", "POST"])
def client_add(request):
    agency = request.user.agency
    form = ClientForm(
        request.POST or None, agency=agency, initial={"unit": request.user.membership.unit}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client = client_create(
            agency=agency,
            unit=data["unit"],
            record_number=data["record_number"],
            initials=data["initials"],
            identity={
                key: data[key]
                for key in ("first_name", "last_name", "phone", "email", "preferred_language")
            },
            by=request.user,
        )
        messages.success(request, f"Added client {client}.")
        return redirect("referrals:client", pk=client.pk)
    return render(request, "referrals/client_form.html", {"form": form})


@referral_staff
@mfa.shows_identity
def client_detail(request, pk):
    client = get_for_user(Client.objects.select_related("unit"), request.user, pk=pk)
    identity = None
    if sees_identity(request.user, client):
        gate = mfa.identity_gate(request)
        if gate:
            return gate
        identity = getattr(client, "identity", None)
        if identity is not None:
            _identity_shown(request, client)
    consents = client.consents.select_related("volunteer__group", "contact__group")
    referrals = (
        client.referrals.filter(deleted_at__isnull=True)
        .select_related("group", "volunteer")
        .order_by("-made_on")
    )
    return render(
        request,
        "referrals/client_detail.html",
        {
            "client": client,
            "identity": identity,
            "consents": consents,
            "referrals": referrals,
            "today": timezone.localdate(),
            "can_refer": can(request.user, Can.REFER_CLIENTS),
            "can_delete": sees_identity(request.user, client),
        },
    )


def _own_unit_client(request, pk):
    """A client whose identity the user may handle: practitioners of the client's unit only."""
    client = get_for_user(Client.objects.select_related("unit", "agency"), request.user, pk=pk)
    if not sees_identity(request.user, client):
        raise PermissionDenied
    return client


@practitioners
@mfa.identity_access
@require_http_methods(["GET", "POST"])
def client_delete(request, pk):
    """Delete a client (asked first): gone from every list now, identity purged later."""
    client = _own_unit_client(request, pk)
    if request.method == "POST":
        services.client_delete(client=client, by=request.user)
        messages.success(
            request,
            f"Deleted client #{client.record_number}. Their identity will be removed for good "
            f"after {settings.CLIENT_RETENTION_DAYS} days; until then an agency admin can undo it.",
        )
        return redirect("referrals:clients")
    return render(
        request,
        "referrals/client_delete.html",
        {"client": client, "retention_days": settings.CLIENT_RETENTION_DAYS},
    )


@admins
def deleted_clients(request):
    """Clients deleted and not yet purged: the agency admin can undo a deletion."""
    clients = (
        Client.objects.filter(agency=request.user.agency, purged_at__isnull=True)
        .deleted()
        .select_related("unit", "deleted_by")
        .order_by("-deleted_at")
    )
    page = Paginator(clients, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/deleted_clients.html",
        {"page": page, "retention_days": settings.CLIENT_RETENTION_DAYS},
    )


@admins
@require_POST
def client_restore(request, pk):
    client = private_or_404(
        Client.objects.deleted().filter(agency=request.user.agency, purged_at__isnull=True), pk=pk
    )
    services.client_restore(client=client, by=request.user)
    messages.success(request, f"Restored client #{client.record_number} and their referrals.")
    return redirect("referrals:deleted_clients")


@practitioners
@mfa.identity_access
def client_export(request, pk):
    """Everything held about the client, as a JSON file: for the client's own copy."""
    client = _own_unit_client(request, pk)
    record(Action.IDENTITY_EXPORTED, request=request, obj=client, client=client)
    response = JsonResponse(services.client_export(client), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="client-{client.record_number}.json"'
    return response


@practitioners
@mfa.identity_access
@require_http_methods(["GET", "POST"])
def consent_add(request, pk):
    client = _own_unit_client(request, pk)
    group = SelfHelpGroup.objects.filter(slug=request.GET.get("group", "")).first()
    consent = Consent(agency=client.agency, client=client, recorded_by=request.user)
    form = ConsentForm(
        request.POST or None,
        instance=consent,
        group=group,
        initial={"discloser": client.agency.name},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        consent_recorded(consent=consent, by=request.user)
        messages.success(
            request,
            "Saved the consent. Print it for the client to sign, then record the signature here.",
        )
        return redirect(reverse("referrals:consent", args=[consent.pk]) + "?print=1")
    return render(request, "referrals/consent_form.html", {"form": form, "client": client})


@practitioners
@mfa.identity_access
def consent_detail(request, pk):
    return _consent_page(request, _seen_consent(request, pk))


def _seen_consent(request, pk):
    consent = get_for_user(
        Consent.objects.select_related("client", "volunteer__group", "contact__group"),
        request.user,
        pk=pk,
    )
    if not sees_identity(request.user, consent.client):
        raise PermissionDenied
    return consent


def _consent_page(request, consent, sign_form=None):
    _identity_shown(request, consent.client, obj=consent)
    if sign_form is None and consent.signed_on is None and not consent.revoked_on:
        sign_form = ConsentSignForm(consent=consent)
    return render(
        request,
        "referrals/consent_detail.html",
        {
            "consent": consent,
            "identity": getattr(consent.client, "identity", None),
            "today": timezone.localdate(),
            "autoprint": _printing(request),
            "sign_form": sign_form,
        },
    )


@practitioners
@mfa.identity_access
@require_POST
def consent_sign(request, pk):
    """Recorded after the printed form comes back signed, never before."""
    consent = _seen_consent(request, pk)
    form = ConsentSignForm(request.POST, consent=consent)
    if not form.is_valid():
        return _consent_page(request, consent, form)
    try:
        services.consent_sign(
            consent=consent,
            signed_on=form.cleaned_data["signed_on"],
            signed_how=form.cleaned_data["signed_how"],
            by=request.user,
        )
    except ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The signature is recorded: the consent may be relied on.")
    return redirect("referrals:consent", pk=consent.pk)


@practitioners
@require_POST
def consent_revoke(request, pk):
    consent = get_for_user(Consent.objects.select_related("client"), request.user, pk=pk)
    if not sees_identity(request.user, consent.client):
        raise PermissionDenied
    try:
        services.consent_revoke(consent=consent, by=request.user)
    except ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The consent is revoked: nothing more will be shared under it.")
    return redirect("referrals:consent", pk=consent.pk)


@practitioners
@mfa.identity_access
def accounting(request, pk):
    """Every disclosure of the client's identity in the last three years, printable."""
    client = _own_unit_client(request, pk)
    _identity_shown(request, client)
    since = timezone.now() - dt.timedelta(days=3 * 365)
    disclosures = (
        Disclosure.objects.filter(client=client, disclosed_at__gte=since)
        .select_related("consent", "disclosed_by", "referral__group")
        .order_by("-disclosed_at")
    )
    return render(
        request,
        "referrals/accounting.html",
        {
            "client": client,
            "identity": getattr(client, "identity", None),
            "disclosures": disclosures,
            "since": since,
            "now": timezone.now(),
            "autoprint": _printing(request),
        },
    )


# --- referrals -----


# A practitioner's list is of their own referrals: a figure that counts the agency's links here
# only for the others (`pages.views.figure_link`).
@narrowed(lambda user: not can(user, Can.REFER_CLIENTS))
@referral_staff
def referral_list(request):
    referrals = _referrals(request.user)
    if can(request.user, Can.REFER_CLIENTS):
        referrals = referrals.filter(made_by=request.user)
    period = list_period(request)
    referrals = referrals.filter(period.within("made_on"))
    number = request.GET.get("number", "").strip()[:40]
    if number:
        referrals = referrals.filter(client__record_number__icontains=number)
    status = request.GET.get("status", "")
    if status not in Referral.Status.values:
        status = ""
    if status:
        referrals = referrals.filter(status=status)
    # The practitioner's follow-ups to record (the office home links here for all of them):
    # the referrals with one due, the soonest first.
    records_follow_ups = can(request.user, Can.REFER_CLIENTS)
    due = records_follow_ups and request.GET.get("due") == "1"
    if due:
        to_record = FollowUp.objects.to_record(request.user)
        referrals = (
            referrals.filter(pk__in=to_record.values("referral"))
            .annotate(
                next_due=Min("follow_ups__due_on", filter=Q(follow_ups__done_on__isnull=True))
            )
            .order_by("next_due", "pk")
        )
    page = Paginator(referrals, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/referral_list.html",
        {
            "page": page,
            "number": number,
            "status": status,
            "statuses": Referral.Status.choices,
            "period": period,
            "query": period.query,
            "records_follow_ups": records_follow_ups,
            "due": due,
            "today": timezone.localdate(),
        },
    )


@practitioners
@require_http_methods(["GET", "POST"])
def referral_new(request):
    agency = request.user.agency
    initial = {"submission": secrets.token_urlsafe(24)}
    group = SelfHelpGroup.objects.active().filter(slug=request.GET.get("group", "")).first()
    if group:
        initial["group"] = group
    client_id = as_id(request.GET.get("client"))
    if client_id:
        initial["client"] = Client.objects.for_agency(agency).filter(pk=client_id).first()
    if request.method == "GET" and group is None:
        # First the group: then the form offers only its volunteers and meetings.
        choose = ChooseGroupForm(
            request.GET if "group" in request.GET else None, initial={"client": client_id}
        )
        if choose.is_bound:
            choose.is_valid()
        return render(request, "referrals/referral_choose_group.html", {"choose": choose})
    form = ReferralForm(request.POST or None, agency=agency, initial=initial)
    submission = request.POST.get("submission") or initial["submission"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral, created = referral_create(
                client=data["client"],
                group=data["group"],
                kind=data["kind"],
                volunteer=data["volunteer"],
                meeting=data["meeting"],
                at_discharge=data["at_discharge"],
                notes=data["notes"],
                reminder=data.get("reminder", ""),
                by=request.user,
                submission=submission[:64],
            )
        except ReferralError as error:
            form.add_error(None, str(error))
        else:
            if created:
                messages.success(request, "Referral made. Follow-ups are scheduled.")
            return redirect("referrals:referral", pk=referral.pk)
    group = form._group()
    knowers = who_knows(group, agency)[0] if group else None
    # The agency's own view of the group, private to its staff, beside the form.
    assessment = (
        Assessment.objects.for_user(request.user).filter(group=group).first() if group else None
    )
    return render(
        request,
        "referrals/referral_form.html",
        {
            "form": form,
            "group": group,
            "knowers": knowers,
            "assessment": assessment,
            "submission": submission,
        },
    )


@referral_staff
@require_http_methods(["GET", "POST"])
def referral_detail(request, pk):
    referral = get_for_user(
        _referrals(request.user).prefetch_related(
            "events__recorded_by",
            "events__volunteer",
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("due_on")),
            "disclosures",
        ),
        request.user,
        pk=pk,
    )
    shows_identity = sees_identity(request.user, referral.client)
    can_act = can(request.user, Can.REFER_CLIENTS) and referral.made_by_id == request.user.pk
    choices = [(s, Referral.Status(s).label) for s in NEXT_STATES[referral.status]]
    form = AdvanceForm(request.POST or None, choices=choices)
    if request.method == "POST":
        if not can_act:
            raise PermissionDenied
        if form.is_valid():
            try:
                referral_advance(
                    referral=referral,
                    status=form.cleaned_data["status"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except ReferralError as error:
                form.add_error("note", str(error))
            else:
                messages.success(request, "Recorded.")
                return redirect("referrals:referral", pk=referral.pk)
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "form": form,
            "can_act": can_act,
            "sees_identity": shows_identity,
            "today": timezone.localdate(),
        },
    )


@practitioners
@mfa.identity_access
@require_POST
def referral_delete(request, pk):
    referral = get_for_user(_referrals(request.user), request.user, pk=pk)
    if referral.made_by_id != request.user.pk:
        raise PermissionDenied
    services.referral_delete(referral=referral, by=request.user)
    messages.success(request, "Deleted the referral. It no longer counts anywhere.")
    return redirect("referrals:client", pk=referral.client_id)


@practitioners
@mfa.identity_access
@require_POST
def referral_disclose(request, pk):
    referral = get_for_user(_referrals(request.user), request.user, pk=pk)
    if referral.made_by_id != request.user.pk or not sees_identity(request.user, referral.client):
        raise PermissionDenied
    try:
        disclose(referral=referral, by=request.user)
    except ReferralError as error:
        messages.error(request, f"Nothing was shared. {error}")
    else:
        messages.success(
            request, "The volunteer has the consented details; the disclosure is logged."
        )
    return redirect("referrals:referral", pk=referral.pk)


@practitioners
@require_http_methods(["GET", "POST"])
def followup_edit(request, pk):
    followup = get_for_user(
        FollowUp.objects.select_related(
            "referral__client", "referral__group", "referral__meeting", "referral__volunteer"
        ),
        request.user,
        pk=pk,
    )
    if followup.referral.made_by_id != request.user.pk:
        raise PermissionDenied
    form = FollowUpForm(request.POST or None, instance=followup)
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in FollowUpForm.Meta.fields}
        followup_record(followup=followup, values=values, by=request.user)
        messages.success(request, "Recorded the follow-up.")
        return redirect("referrals:referral", pk=followup.referral_id)
    referral = followup.referral
    context = {
        "form": form,
        "followup": followup,
        "referral": referral,
        # What the practitioner needs beside the form: the referral, its states (the
        # volunteer's reports among them) and the follow-ups recorded before this one.
        "events": referral.events.select_related("recorded_by", "volunteer"),
        "earlier": referral.follow_ups.filter(done_on__isnull=False).exclude(pk=followup.pk),
    }
    return render(request, "referrals/followup_form.html", context)


# --- story sessions -----


@referral_staff
@require_http_methods(["GET", "POST"])
def stories(request):
    agency = request.user.agency
    form = StoryForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        story = form.save(commit=False)
        story.agency = agency
        story.recorded_by = request.user
        story.save()
        form.save_m2m()
        messages.success(request, "Recorded the story session.")
        return redirect("referrals:stories")
    period = list_period(request)
    sessions = (
        StorySession.objects.for_user(request.user)
        .filter(period.within("held_on"))
        .select_related("storyteller")
        .prefetch_related("groups")
    )
    return render(
        request, "referrals/stories.html", {"form": form, "sessions": sessions, "period": period}
    )


# --- the leader's side -----


def _led_groups(user):
    return SelfHelpGroup.objects.led_by(user)


@leader_required
@require_http_methods(["GET", "POST"])
def volunteers(request, pk=None):
    groups = list(_led_groups(request.user).order_by("name"))
    volunteer = None
    if pk is not None:
        volunteer = private_or_404(PeerVolunteer.objects.filter(group__in=groups), pk=pk)
    form = VolunteerForm(request.POST or None, instance=volunteer)
    group_choice = request.POST.get("group") if request.method == "POST" else None
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        if volunteer is None:
            chosen = next((g for g in groups if str(g.pk) == group_choice), None)
            if chosen is None:
                form.add_error(None, "Choose one of your groups.")
            else:
                record.group = chosen
        if not form.errors:
            volunteer_save(volunteer=record, changed=form.changed_data)
            form.save_m2m()
            messages.success(request, _("Saved %(name)s.") % {"name": record.first_name})
            return redirect("portal:volunteers")
    listing = (
        PeerVolunteer.objects.filter(group__in=groups)
        .select_related("group")
        .order_by("group__name", "first_name")
    )
    return render(
        request,
        "referrals/volunteers.html",
        {"form": form, "volunteer": volunteer, "groups": groups, "volunteers": listing},
    )


# What a leader sees of the newcomers referred to the group's volunteers: how many, at which
# stage. Never who: client details go only to the volunteer the client's consent names.
LEADER_STAGES = [
    (
        gettext_lazy("Introduced, not yet met"),
        [Status.MADE, Status.VOLUNTEER_CONTACTED, Status.NOT_REACHED],
    ),
    (
        gettext_lazy("Met, or first meeting arranged"),
        [Status.MET_VOLUNTEER, Status.MEETING_ARRANGED],
    ),
    (gettext_lazy("Went to a meeting"), [Status.ATTENDED, Status.ENGAGED]),
    (
        gettext_lazy("Did not go, or closed"),
        [Status.NOT_ATTENDED, Status.DECLINED, Status.CLOSED],
    ),
]


@leader_required
def leader_referrals(request):
    """Counts and stages of the newcomers linked with the leader's volunteers, per volunteer."""
    groups = list(_led_groups(request.user).order_by("name"))
    volunteers = list(
        PeerVolunteer.objects.filter(group__in=groups)
        .select_related("group")
        .order_by("group__name", "first_name")
    )
    counts = {
        (row["volunteer"], row["status"]): row["n"]
        for row in Referral.objects.filter(
            volunteer__in=volunteers,
            deleted_at__isnull=True,
            client__deleted_at__isnull=True,
        )
        .values("volunteer", "status")
        .annotate(n=Count("pk"))
    }
    rows = []
    for volunteer in volunteers:
        cells = [
            sum(counts.get((volunteer.pk, s), 0) for s in states) for _, states in LEADER_STAGES
        ]
        if any(cells) or volunteer.is_active:
            rows.append({"volunteer": volunteer, "cells": cells, "total": sum(cells)})
    return render(
        request,
        "referrals/leader_referrals.html",
        {"rows": rows, "stages": [label for label, _ in LEADER_STAGES]},
    )
