"""Keeping a listing: the leader's portal, direct editing (leader, or liaison staff for a group
without a leader), suggestions and their review, history, invitations, verification links, and
new groups asking to be listed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from groups import schedule
from groups.forms import (
    ContactForm,
    DecisionForm,
    GroupListingForm,
    KeepRequestForm,
    MeetingEditForm,
    NewGroupForm,
    NewGroupReviewForm,
    PlaceForm,
    SuggestionForm,
)
from groups.leadership.services import has_active_leader, leader_propose, leads
from groups.listing import duplicates, queue
from groups.listing.access import listing_owner_required
from groups.listing.changes import (
    ListingConflict,
    StaleSuggestion,
    display,
    history_as_seen,
    listing_create,
    listing_delete,
    listing_save,
    new_meeting_slug,
    stale_fields,
    suggestion_accept,
    suggestion_changes,
    suggestion_create,
    suggestion_decline,
)
from groups.listing.fields import CONTACT_FIELDS, GROUP_FIELDS, MEETING_FIELDS, PLACE_FIELDS
from groups.listing.new_groups import new_group_decline, new_group_publish, new_group_request
from groups.listing.places import place_save
from groups.models import (
    Contact,
    GroupLeadership,
    KeepRequest,
    LeaderInvitation,
    ListingChange,
    Meeting,
    NewGroupRequest,
    SelfHelpGroup,
    Suggestion,
)
from groups.services import (
    LinkError,
    ListingError,
    group_from_confirm_token,
    group_verify,
)
from liaison import ratelimit
from liaison.models import StaffMembership
from liaison.permissions import Can, PrivateNotFound, can, private_or_404, requires

Role = StaffMembership.Role
SUBMISSIONS_PER_HOUR = 5


def _base_url(request):
    return request.build_absolute_uri("/")[:-1]


# --- direct editing -----------------------------------------------------------------------------


def _show_conflict(request, context, conflict: ListingConflict, form_class, instance):
    """Show what another editor saved, and give back the form with what was typed, now based on
    the current version so that saving again is a deliberate choice."""
    context.update(conflict=conflict, conflict_changes=conflict.changes)
    context["form"] = form_class(
        _with_version(request.POST, conflict.current.version), instance=instance
    )


@listing_owner_required()
@require_http_methods(["GET", "POST"])
def listing_edit(request, group, source):
    form = GroupListingForm(request.POST or None, instance=group)
    context = {"group": group, "form": form, "source": source}
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in GROUP_FIELDS}
        try:
            listing_save(
                group,
                values=values,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                source=source,
                fields=GROUP_FIELDS,
            )
        except ListingConflict as conflict:
            _show_conflict(request, context, conflict, GroupListingForm, group)
        else:
            messages.success(request, _("Saved. The public page shows the change now."))
            return redirect(_editor_home(group, source))
    return render(request, "groups/listing_edit.html", context)


def _with_version(data, version):
    data = data.copy()
    data["version"] = str(version)
    return data


def _editor_home(group, source):
    return reverse("groups:manage", args=[group.slug])


@listing_owner_required()
def listing_manage(request, group, source):
    """The listing's workbench: meetings, contacts, suggestions waiting, history, verification."""
    now = timezone.now()
    context = {
        "group": group,
        "source": source,
        "meetings": group.meetings.select_related("location").order_by("status", "start_time"),
        "contacts": group.contacts.all(),
        "suggestions": group.suggestions.filter(status=Suggestion.Status.PENDING),
        "due": group.verification_due(now),
        "stale": group.is_stale(now),
        "leaders": GroupLeadership.objects.filter(group=group, ended_at__isnull=True)
        .select_related("user")
        .order_by("created_at"),
        "proposals_waiting": LeaderInvitation.objects.open(now)
        .filter(group=group, status=LeaderInvitation.Status.AWAITING_GROUP)
        .count(),
        # Invited and not yet accepted: shown as such until they accept.
        "invited": LeaderInvitation.objects.open(now)
        .filter(group=group, status=LeaderInvitation.Status.SENT)
        .order_by("created_at"),
    }
    return render(request, "groups/listing_manage.html", context)


@listing_owner_required()
@require_http_methods(["GET", "POST"])
def meeting_edit(request, group, source, pk=None):
    meeting = private_or_404(Meeting.objects.filter(group=group), pk=pk) if pk else None
    instance = meeting or Meeting(group=group, slug=new_meeting_slug(group))
    current_place = meeting.location if meeting else None
    data = request.POST or None
    if data is not None and meeting is None:
        data = _with_version(data, 1)
    place_form = PlaceForm(
        data,
        prefix="place",
        initial=model_to_dict(current_place, [*PLACE_FIELDS, "latitude", "longitude"])
        if current_place
        else None,
    )
    form = MeetingEditForm(data, instance=instance)
    context = {"group": group, "form": form, "meeting": meeting, "source": source}
    context.update(
        place_form=place_form,
        map_tiles=settings.MAP_TILE_URL,
        map_attribution=settings.MAP_TILE_ATTRIBUTION,
    )
    if request.method == "POST":
        with transaction.atomic():
            saved = _save_meeting(request, context, group, source, meeting, instance)
            if saved is None:
                # Nothing of a form that did not save is kept, a new place included.
                transaction.set_rollback(True)
        if saved is not None:
            messages.success(request, _("Saved the meeting."))
            return redirect(_editor_home(group, source))
    return render(request, "groups/meeting_edit.html", context)


def _save_meeting(request, context, group, source, meeting, instance):
    """Save the meeting and its place from the two forms in `context`; None when either has an
    error or another editor saved first (the forms then show it)."""
    form, place_form = context["form"], context["place_form"]
    data = form.data
    current_place = meeting.location if meeting else None
    chosen = data.get("location") or ""
    in_person = data.get("mode") in (Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID)
    if not place_form.is_valid():
        form.is_valid()
        return None
    # The place fields describe the place when the place box is left on the meeting's own place
    # or on "a new place"; a place chosen from the list wins over them.
    keeps_place = current_place is not None and chosen == str(current_place.pk)
    if in_person and place_form.describes_a_place() and (keeps_place or not chosen):
        place = place_save(
            meeting_place=current_place if keeps_place else None,
            values={name: place_form.cleaned_data[name] for name in PLACE_FIELDS},
            group=group,
            by=request.user,
            source=source,
            pin=place_form.pin(),
        )
        data = data.copy()
        data["location"] = str(place.pk)
        form = context["form"] = MeetingEditForm(data, instance=instance)
    if not form.is_valid():
        return None
    values = {f: form.cleaned_data[f] for f in MEETING_FIELDS if f in form.cleaned_data}
    values["weekdays"] = schedule.mask_from_days(form.cleaned_data["days"])
    try:
        if meeting is None:
            return listing_create(
                Meeting,
                group=group,
                values=values,
                by=request.user,
                source=source,
                slug=instance.slug,
            )
        return listing_save(
            meeting,
            values=values,
            expected_version=form.cleaned_data["version"],
            by=request.user,
            source=source,
            fields=MEETING_FIELDS,
        )
    except ListingConflict as conflict:
        _show_conflict(request, context, conflict, MeetingEditForm, instance)
        return None


@listing_owner_required()
@require_http_methods(["GET", "POST"])
def contact_edit(request, group, source, pk=None):
    contact = private_or_404(Contact.objects.filter(group=group), pk=pk) if pk else None
    instance = contact or Contact(group=group)
    data = request.POST or None
    if data is not None and contact is None:
        data = _with_version(data, 1)
    form = ContactForm(data, instance=instance)
    context = {"group": group, "form": form, "contact": contact, "source": source}
    if request.method == "POST" and "delete" in request.POST and contact:
        listing_delete(contact, by=request.user, source=source)
        messages.success(request, _("Removed the contact."))
        return redirect(_editor_home(group, source))
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in CONTACT_FIELDS}
        try:
            if contact is None:
                listing_create(Contact, group=group, values=values, by=request.user, source=source)
            else:
                listing_save(
                    contact,
                    values=values,
                    expected_version=form.cleaned_data["version"],
                    by=request.user,
                    source=source,
                    fields=CONTACT_FIELDS,
                )
        except ListingConflict as conflict:
            _show_conflict(request, context, conflict, ContactForm, instance)
        else:
            messages.success(request, _("Saved the contact."))
            return redirect(_editor_home(group, source))
    return render(request, "groups/contact_edit.html", context)


# --- history ------------------------------------------------------------------------------------


def listing_history(request, slug):
    """The history of a listing, for its leaders and for agency staff."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    group = get_object_or_404(SelfHelpGroup, slug=slug)
    is_leader = leads(user, group)
    if not (is_leader or can(user, Can.USE_OFFICE)):
        if user.is_group_leader:
            raise PrivateNotFound
        raise PermissionDenied
    changes = ListingChange.objects.filter(group=group).select_related("changed_by")
    page = Paginator(changes, 30).get_page(request.GET.get("page"))
    keeps_listing = is_leader or (can(user, Can.KEEP_LISTINGS) and not has_active_leader(group))
    page.object_list = history_as_seen(
        page.object_list,
        keeps_listing=keeps_listing,
        public_contact_ids=(
            set()
            if keeps_listing
            else set(group.contacts.filter(is_public=True).values_list("pk", flat=True))
        ),
    )
    return render(request, "groups/listing_history.html", {"group": group, "page": page})


# --- suggestions ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def suggest(request, slug):
    group = get_object_or_404(SelfHelpGroup.objects.active(), slug=slug)
    meetings = list(group.meetings.filter(status=Meeting.Status.ACTIVE).order_by("start_time"))
    is_staff = can(request.user, Can.USE_OFFICE)
    form = SuggestionForm(
        request.POST or None, group=group, meetings=meetings, ask_contact=not is_staff
    )
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return render(request, "groups/suggest_thanks.html", {"group": group})
        if ratelimit.address_exceeded(request, "suggest", limit=SUBMISSIONS_PER_HOUR):
            form.add_error(
                None, _("Many suggestions came from here in the last hour. Please try again later.")
            )
        else:
            group_values, meeting_values = form.proposed()
            try:
                suggestion_create(
                    group=group,
                    changes=suggestion_changes(group, group_values, meeting_values),
                    note=form.cleaned_data["note"],
                    source=Suggestion.Source.STAFF if is_staff else Suggestion.Source.PUBLIC,
                    by=request.user,
                    name=form.cleaned_data.get("submitter_name", "")
                    or (request.user.get_full_name() if is_staff else ""),
                    email=form.cleaned_data.get("submitter_email", "")
                    or (request.user.email if is_staff else ""),
                )
            except ListingError as error:
                form.add_error("note", str(error))
            else:
                return render(request, "groups/suggest_thanks.html", {"group": group})
    return render(request, "groups/suggest.html", {"group": group, "form": form})


@require_http_methods(["GET", "POST"])
def keep_request(request, slug):
    """Someone who is a group's contact asks to keep its listing (groups without a leader only;
    a led group's listing is its leaders')."""
    group = get_object_or_404(SelfHelpGroup.objects.active(), slug=slug)
    if has_active_leader(group):
        return render(request, "groups/keep_request.html", {"group": group, "led": True})
    form = KeepRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return render(request, "groups/keep_request_thanks.html", {"group": group})
        if ratelimit.address_exceeded(request, "keep", limit=SUBMISSIONS_PER_HOUR):
            form.add_error(
                None, _("Many requests came from here in the last hour. Please try again later.")
            )
        else:
            keep = form.save(commit=False)
            keep.group = group
            keep.full_clean()
            keep.save()
            return render(request, "groups/keep_request_thanks.html", {"group": group})
    return render(request, "groups/keep_request.html", {"group": group, "form": form})


@requires(Can.KEEP_LISTINGS)
@require_POST
def keep_request_decide(request, pk):
    """The office proposes the person as a leader (the superuser then confirms), or declines."""
    keep = get_object_or_404(
        KeepRequest.objects.select_related("group"), pk=pk, status=KeepRequest.Status.WAITING
    )
    if "decline" in request.POST:
        keep.status = KeepRequest.Status.DECLINED
        messages.success(request, f"Declined {keep.name}'s request.")
    else:
        note = f"Asked to keep the listing: {keep.note}" if keep.note else ""
        try:
            keep.invitation = leader_propose(
                group=keep.group,
                email=keep.email,
                name=keep.name,
                note=note[:1000],
                by=request.user,
                base_url=_base_url(request),
            )
        except ListingError as error:
            messages.error(request, str(error))
            return redirect("groups_office:listings")
        keep.status = KeepRequest.Status.PROPOSED
        messages.success(
            request,
            f"Proposed {keep.name} as a leader of “{keep.group.name}”; "
            "the installation's administrator confirms.",
        )
    keep.decided_by = request.user
    keep.decided_at = timezone.now()
    keep.save()
    return redirect("groups_office:listings")


@listing_owner_required(led_group_for_staff="forbid")
@require_http_methods(["GET", "POST"])
def suggestion_review(request, group, source, pk):
    suggestion = private_or_404(Suggestion.objects.filter(group=group), pk=pk)
    form = DecisionForm(request.POST or None)
    meetings = {str(m.pk): m for m in group.meetings.all()}
    rows = []
    for field, change in suggestion.changes.get("group", {}).items():
        rows.append(
            {
                "where": "Group",
                "field": SelfHelpGroup._meta.get_field(field).verbose_name,
                "from": change["from"],
                "to": change["to"],
                "now": display(group, field),
            }
        )
    for meeting_id, fields in suggestion.changes.get("meetings", {}).items():
        meeting = meetings.get(meeting_id)
        for field, change in fields.items():
            rows.append(
                {
                    "where": meeting.schedule_text if meeting else "A removed meeting",
                    "field": Meeting._meta.get_field(field).verbose_name,
                    "from": change["from"],
                    "to": change["to"],
                    "now": display(meeting, field) if meeting else "",
                }
            )
    stale = stale_fields(suggestion) if suggestion.is_pending else []
    context = {
        "group": group,
        "suggestion": suggestion,
        "rows": rows,
        "form": form,
        "stale": stale,
        "source": source,
    }
    if request.method == "POST" and form.is_valid():
        reply = form.cleaned_data["reply"]
        try:
            if "decline" in request.POST:
                suggestion_decline(suggestion=suggestion, by=request.user, reply=reply)
                messages.success(request, _("Declined the suggestion."))
            else:
                suggestion_accept(
                    suggestion=suggestion,
                    by=request.user,
                    reply=reply,
                    confirm_stale=form.cleaned_data["confirm_stale"],
                )
                messages.success(request, _("Accepted: the listing now shows the change."))
        except StaleSuggestion as error:
            form.add_error("confirm_stale", str(error))
        except ListingError as error:
            form.add_error(None, str(error))
        else:
            return redirect(_editor_home(group, source))
    return render(request, "groups/suggestion_review.html", context)


# --- verification -------------------------------------------------------------------------------


@listing_owner_required(led_group_for_staff="forbid")
@require_POST
def listing_confirm(request, group, source):
    """One click: the listing is still accurate."""
    group_verify(group=group, by=request.user)
    messages.success(
        request, _("Thank you — “%(group)s” is marked as checked today.") % {"group": group.name}
    )
    return redirect(_editor_home(group, source))


@require_http_methods(["GET", "POST"])
def confirm_by_link(request, slug, token):
    """From the reminder email, without signing in: GET asks, POST confirms (mail scanners that
    open links do not confirm anything)."""
    try:
        group, leader = group_from_confirm_token(token, slug)
    except LinkError as error:
        return render(
            request, "groups/link_problem.html", {"error": error}, status=_link_status(error)
        )
    if request.method == "POST":
        group_verify(group=group, by=leader)
        return render(request, "groups/confirm_done.html", {"group": group})
    return render(request, "groups/confirm_ask.html", {"group": group, "leader": leader})


def _link_status(error):
    return {"invalid": 400, "expired": 410, "used": 410}[error.kind]


# --- new groups ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def new_group(request):
    form = NewGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return render(request, "groups/new_group_thanks.html")
        if ratelimit.address_exceeded(request, "new-group", limit=SUBMISSIONS_PER_HOUR):
            form.add_error(
                None, _("Many requests came from here in the last hour. Please try again later.")
            )
        else:
            data = form.cleaned_data
            new_group_request(
                values={
                    "name": data["name"],
                    "organization": data["organization"],
                    "description": data["description"],
                    "who_attends": data["who_attends"],
                },
                focus_areas=data["focus_areas"],
                request_values={
                    key: data[key]
                    for key in (
                        "contact_name",
                        "contact_email",
                        "contact_phone",
                        "meeting_details",
                        "first_weekday",
                        "first_start_time",
                        "first_mode",
                        "first_place",
                        "first_street",
                        "first_city",
                        "first_postal_code",
                        "first_conference_url",
                        "wants_space",
                        "wants_publicity",
                        "wants_starting_help",
                        "other_help",
                    )
                },
            )
            return render(request, "groups/new_group_thanks.html")
    return render(request, "groups/new_group.html", {"form": form})


@requires(Can.KEEP_LISTINGS)
def listings_queue(request):
    """The liaison office's listing work: new groups, suggestions for groups without a leader,
    and listings of such groups due for verification."""
    requests = list(queue.new_group_requests().select_related("group"))
    # A request that looks like a group already listed is marked (a warning, not a block).
    possible = duplicates.for_requests(requests)
    for item in requests:
        item.possible_duplicates = possible[item.pk]
    suggestions = queue.suggestions().select_related("group").order_by("created_at")
    # Never checked first, on every database (PostgreSQL puts nulls last by default).
    due = queue.checks_due().order_by(F("verified_at").asc(nulls_first=True), "name")
    # A county's directory can have thousands due: a page at a time.
    due_page = Paginator(due.only("slug", "name", "verified_at"), 50).get_page(
        request.GET.get("page")
    )
    keep_requests = queue.keep_requests().select_related("group")
    return render(
        request,
        "groups/listings_queue.html",
        {
            "requests": requests,
            "suggestions": suggestions,
            "due": due_page,
            "keep_requests": keep_requests,
        },
    )


@requires(Can.KEEP_LISTINGS)
@require_http_methods(["GET", "POST"])
def new_group_review(request, pk):
    listing_request = get_object_or_404(
        NewGroupRequest.objects.select_related("group", "group__organization"), pk=pk
    )
    form = NewGroupReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "decline" in request.POST:
                new_group_decline(
                    request=listing_request, by=request.user, review_note=data["review_note"]
                )
                messages.success(request, "Declined the listing request.")
            else:
                new_group_publish(
                    request=listing_request,
                    by=request.user,
                    assistance_offered=data["assistance_offered"],
                    review_note=data["review_note"],
                    invite=data["invite_contact"],
                    base_url=_base_url(request),
                )
                messages.success(request, f"Published “{listing_request.group.name}”.")
        except ListingError as error:
            form.add_error(None, str(error))
        else:
            return redirect("groups_office:listings")
    pending = listing_request.decision == NewGroupRequest.Decision.PENDING
    return render(
        request,
        "groups/new_group_review.html",
        {
            "listing_request": listing_request,
            "form": form,
            # A warning: publishing stays possible.
            "possible_duplicates": (
                duplicates.for_requests([listing_request])[listing_request.pk] if pending else []
            ),
        },
    )
