from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from groups.directory import map as directory_map
from groups.directory import reads
from groups.directory.calendar import meeting_calendar
from groups.directory.filters import STAFF_FILTERS, GroupFilter
from groups.directory.map import map_places
from groups.directory.page_cache import public_page
from groups.directory.printed import LIMIT as PRINT_LIMIT
from groups.directory.printed import meetings_by_day, qr_svg
from groups.forms import AssessmentForm, TypologyForm
from groups.listing.changes import ListingConflict, listing_save
from groups.listing.fields import TYPOLOGY_FIELDS
from groups.models import Assessment, DirectoryUsage, ListingChange, SelfHelpGroup
from groups.services import assessment_save, group_verify, usage_record
from liaison import limits
from liaison.models import StaffMembership
from liaison.paging import query_without_page
from liaison.permissions import Can, requires, staff_required

PAGE_SIZE = 20
Role = StaffMembership.Role
Audience = DirectoryUsage.Audience


def _count_search(request):
    if not request.GET.get("page"):
        usage_record(kind=DirectoryUsage.Kind.SEARCH, audience=Audience.PUBLIC)


@public_page(count=_count_search)
def directory(request):
    now = timezone.now()
    is_staff = reads.is_staff(request.user)
    group_filter = GroupFilter(request.GET, queryset=SelfHelpGroup.objects.active(), now=now)
    groups = group_filter.qs.select_related("organization").prefetch_related(
        "focus_areas", reads.meeting_prefetch(group_filter.matching_meetings(), "shown_meetings")
    )
    distances = group_filter.distances
    if distances is not None:
        # Nearest first: the order is worked out on the ids; only the page's groups are read.
        ids = group_filter.by_distance(group_filter.reachable_ids)
        page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
        shown = (
            SelfHelpGroup.objects.select_related("organization")
            .prefetch_related(
                "focus_areas",
                reads.meeting_prefetch(group_filter.matching_meetings(), "shown_meetings"),
            )
            .in_bulk(page.object_list)
        )
        page.object_list = [shown[pk] for pk in page.object_list]
    else:
        if not group_filter.form.cleaned_data.get("q"):
            groups = groups.order_by("name")
        paginator = Paginator(groups, PAGE_SIZE)
        if group_filter.found.count is not None:
            paginator.count = group_filter.found.count  # the search counted them already
        page = paginator.get_page(request.GET.get("page"))
    group_filter.mark_errors()
    for group in page.object_list:
        group.distance = (distances or {}).get(group.pk)
        group.shown_meetings = reads.with_next_meetings(group.shown_meetings, now)
        group.stale = group.is_stale(now)
    # Every group found on the map, or this page's when there are too many for one map.
    map_page_only = page.paginator.count > directory_map.ALL_GROUPS_UP_TO
    places, map_cut = map_places(
        [group.pk for group in page.object_list] if map_page_only else group_filter.found_groups(),
        group_filter.matching_meetings(),
    )
    if not request.GET.get("page"):
        usage_record(kind=DirectoryUsage.Kind.SEARCH, audience=reads.audience_of(is_staff))
    return render(
        request,
        "groups/directory.html",
        {
            "filter": group_filter,
            "page": page,
            "query": query_without_page(request),
            "is_staff": is_staff,
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "search_max_words": limits.SEARCH_MAX_WORDS,
            "chips": group_filter.chips(request.GET),
            # Offered to staff; shown to anyone whose address carries them (and their errors).
            "show_staff_filters": is_staff or any(name in request.GET for name in STAFF_FILTERS),
            "map_places": places,
            "map_cut": map_cut,
            "map_page_only": map_page_only,
            "map_tiles": settings.MAP_TILE_URL,
            "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@staff_required
def group_brief(request, slug):
    now = timezone.now()
    group = reads.visible_group(request, slug, *reads.LISTING_PREFETCH, reads.active_meetings())
    context = reads.listing_context(request, group, now)
    context["agency"] = request.user.agency
    # "Contact: 555-0100 · group@example.org · Maria G.": only the parts there are.
    context["contact_parts"] = [
        part
        for part in [group.public_phone, group.public_email]
        + [contact.public_name for contact in context["contacts"]]
        if part
    ]
    # Beside the brief for the practitioner, never printed: the agency's own view of the group.
    context["assessment"] = Assessment.objects.for_user(request.user).filter(group=group).first()
    return render(request, "groups/group_brief.html", context)


@requires(Can.KEEP_LISTINGS)
@require_POST
def group_verify_view(request, slug):
    group = get_object_or_404(SelfHelpGroup, slug=slug)
    group_verify(group=group, by=request.user)
    messages.success(request, f"Marked “{group.name}” as checked today.")
    return redirect(group)


@requires(Can.ASSESS_GROUPS)
def assessment_edit(request, slug):
    group = get_object_or_404(SelfHelpGroup, slug=slug)
    assessment = Assessment.objects.for_user(request.user).filter(
        group=group
    ).first() or Assessment(agency=request.user.agency, group=group)
    form = AssessmentForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        assessment_save(
            agency=request.user.agency, group=group, by=request.user, **form.cleaned_data
        )
        messages.success(request, "Saved the agency's assessment. Only your agency's staff see it.")
        return redirect(group)
    return render(request, "groups/assessment_form.html", {"form": form, "group": group})


def meeting_ics(request, slug, meeting):
    """A meeting to add to a calendar: anyone who may see the group's page may take it."""
    group = reads.visible_group(request, slug, reads.active_meetings())
    chosen = next((m for m in group.active_meetings if m.slug == meeting), None)
    if chosen is None:
        raise Http404
    body = meeting_calendar(
        chosen, group, request.build_absolute_uri(group.get_absolute_url()), timezone.now()
    )
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{chosen.slug}.ics"'
    return response


@public_page()
def directory_print(request):
    """The search as a list to print, with a QR code back to it online."""
    now = timezone.now()
    group_filter = GroupFilter(request.GET, queryset=SelfHelpGroup.objects.active(), now=now)
    days, found = meetings_by_day(
        group_filter.found_groups(), group_filter.matching_meetings(), group_filter.days_asked()
    )
    query = query_without_page(request)
    online = request.build_absolute_uri(reverse("groups:directory"))
    if query:
        online = f"{online}?{query}"
    return render(
        request,
        "groups/directory_print.html",
        {
            "filter": group_filter,
            "chips": group_filter.chips(request.GET),
            "days": days,
            "found": found,
            "limit": PRINT_LIMIT,
            "online": online,
            "qr": qr_svg(online),
            "now": now,
            "back": f"{reverse('groups:directory')}?{query}",
        },
    )


@requires(Can.KEEP_LISTINGS)
@require_http_methods(["GET", "POST"])
def typology_edit(request, slug):
    """Liaison staff say what kind of group it is; the change is in the listing's history."""
    group = get_object_or_404(SelfHelpGroup, slug=slug)
    form = TypologyForm(request.POST or None, instance=group)
    context = {"group": group, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            listing_save(
                group,
                values={name: form.cleaned_data[name] for name in TYPOLOGY_FIELDS},
                expected_version=form.cleaned_data["version"],
                by=request.user,
                source=ListingChange.Source.STAFF,
                fields=TYPOLOGY_FIELDS,
            )
        except ListingConflict as conflict:
            context.update(conflict=conflict, conflict_changes=conflict.changes)
        else:
            messages.success(request, _("Saved what kind of group it is."))
            return redirect(group)
    return render(request, "groups/typology_edit.html", context)
