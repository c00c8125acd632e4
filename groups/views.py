import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from exchanges.knowledge import autonomy_watch, who_knows
from exchanges.models import Support
from groups.access import has_active_leader, leads
from groups.filters import GroupFilter
from groups.forms import AssessmentForm
from groups.models import Assessment, DirectoryUsage, Meeting, SelfHelpGroup
from groups.page_cache import public_page
from groups.services import assessment_save, group_verify, usage_record
from liaison import limits
from liaison.models import StaffMembership
from liaison.permissions import STAFF_ROLES, role_required, staff_required

PAGE_SIZE = 20
Role = StaffMembership.Role
Audience = DirectoryUsage.Audience


def _is_staff(user):
    return user.is_authenticated and user.has_role(*STAFF_ROLES)


def _with_next_meetings(meetings, now):
    """Meetings sorted by their next start, each carrying it as `.next_start`."""
    for meeting in meetings:
        meeting.next_start = meeting.next_occurrence(now)
    far = timezone.now().replace(year=9999)
    return sorted(meetings, key=lambda m: m.next_start or far)


def _meeting_prefetch(queryset, to_attr):
    return Prefetch(
        "meetings",
        queryset=queryset.select_related("location").prefetch_related("languages"),
        to_attr=to_attr,
    )


def _count_search(request):
    if not request.GET.get("page"):
        usage_record(kind=DirectoryUsage.Kind.SEARCH, audience=Audience.PUBLIC)


def _count_view(request):
    usage_record(kind=DirectoryUsage.Kind.GROUP_VIEW, audience=Audience.PUBLIC)


@public_page(count=_count_search)
def directory(request):
    now = timezone.now()
    is_staff = _is_staff(request.user)
    group_filter = GroupFilter(request.GET, queryset=SelfHelpGroup.objects.active(), now=now)
    groups = group_filter.qs.select_related("organization").prefetch_related(
        "focus_areas", _meeting_prefetch(group_filter.matching_meetings(), "shown_meetings")
    )
    if not group_filter.form.cleaned_data.get("q"):
        groups = groups.order_by("name")
    group_filter.mark_errors()
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    for group in page.object_list:
        group.shown_meetings = _with_next_meetings(group.shown_meetings, now)
        group.stale = group.is_stale(now)
    if not request.GET.get("page"):
        usage_record(kind=DirectoryUsage.Kind.SEARCH, audience=_audience(is_staff))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "groups/directory.html",
        {
            "filter": group_filter,
            "page": page,
            "query": query.urlencode(),
            "is_staff": is_staff,
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "search_max_words": limits.SEARCH_MAX_WORDS,
        },
    )


def _audience(is_staff):
    return Audience.STAFF if is_staff else Audience.PUBLIC


def _visible_group(request, slug, *prefetch):
    """A group as the requester may see it: unlisted groups only for staff and their leaders."""
    group = get_object_or_404(
        SelfHelpGroup.objects.select_related("organization", "verified_by").prefetch_related(
            *prefetch
        ),
        slug=slug,
    )
    if group.status != SelfHelpGroup.Status.ACTIVE and not (
        _is_staff(request.user)
        or (
            request.user.is_authenticated
            and group.leaderships.filter(user=request.user, ended_at__isnull=True).exists()
        )
    ):
        raise Http404
    return group


def _listing_context(request, group, now):
    meetings = _with_next_meetings(list(group.active_meetings), now)
    return {
        "group": group,
        "meetings": meetings,
        "stale": group.is_stale(now),
        "contacts": [c for c in group.contacts.all() if c.is_public],
        "now": now,
        "default_tz": settings.TIME_ZONE,
    }


LISTING_PREFETCH = (
    "focus_areas",
    "audience",
    "listing_languages",
    "contacts",
)


def _active_meetings():
    return _meeting_prefetch(
        Meeting.objects.filter(status=Meeting.Status.ACTIVE).order_by("start_time"),
        "active_meetings",
    )


@public_page(count=_count_view)
def group_detail(request, slug):
    now = timezone.now()
    group = _visible_group(request, slug, *LISTING_PREFETCH, _active_meetings())
    is_staff = _is_staff(request.user)
    context = _listing_context(request, group, now)
    context["is_staff"] = is_staff
    context["can_manage"] = leads(request.user, group) or (
        request.user.is_authenticated
        and request.user.has_role(Role.LIAISON)
        and not has_active_leader(group)
    )
    if is_staff:
        agency = request.user.agency
        context["assessment"] = (
            Assessment.objects.for_user(request.user).filter(group=group).first()
        )
        context["can_verify"] = request.user.has_role(Role.LIAISON)
        context["knowers"], context["cultivated"] = who_knows(group, agency)
        context["watch"], context["support_value"] = autonomy_watch(group, agency)
        context["support"] = list(
            Support.objects.for_user(request.user)
            .filter(group=group, given_on__gte=timezone.localdate() - dt.timedelta(days=365))
            .order_by("-given_on")
        )
    usage_record(kind=DirectoryUsage.Kind.GROUP_VIEW, audience=_audience(is_staff))
    return render(request, "groups/group_detail.html", context)


@staff_required
def group_brief(request, slug):
    now = timezone.now()
    group = _visible_group(request, slug, *LISTING_PREFETCH, _active_meetings())
    context = _listing_context(request, group, now)
    context["agency"] = request.user.agency
    return render(request, "groups/group_brief.html", context)


@role_required(Role.LIAISON)
@require_POST
def group_verify_view(request, slug):
    group = get_object_or_404(SelfHelpGroup, slug=slug)
    group_verify(group=group, by=request.user)
    messages.success(request, f"Marked “{group.name}” as checked today.")
    return redirect(group)


@role_required(Role.LIAISON)
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
