"""The pages that gather every app: the home page, the staff's office home, the executive
dashboard, the leaders' portal home, and a group's page with what the agency knows of the group.
This app alone may import all the others."""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from events.models import JointEvent, Sponsorship
from exchanges.knowledge import autonomy_watch, who_knows
from exchanges.models import Support, Visit
from groups.directory import reads
from groups.directory.page_cache import public_page
from groups.leadership.services import has_active_leader, leads
from groups.models import (
    Assessment,
    DirectoryUsage,
    FocusArea,
    LeaderInvitation,
    Meeting,
    SelfHelpGroup,
    Suggestion,
)
from groups.services import usage_record
from liaison import csvio, limits
from liaison.db_router import reads_from_replica
from liaison.models import StaffMembership
from liaison.paging import first_rows
from liaison.permissions import (
    Can,
    can,
    leader_required,
    lists_all,
    may_open,
    requires,
    staff_required,
)
from liaison.templatetags.icons import names as icon_names
from pages import figures
from pages.dashboard import Period, picture
from pages.office_map import office_for
from pages.todo import may_have_work, todo
from referrals.models import ReferralEvent
from surveys.models import Survey

Role = StaffMembership.Role


# --- public ---------------------------------------------------------------------------------------


def home(request):
    upcoming = (
        JointEvent.objects.public()
        .exclude(status=JointEvent.Status.CANCELLED)
        .upcoming()
        .order_by("starts_at")[:3]
    )
    return render(
        request,
        "pages/home.html",
        {"upcoming": upcoming, "focus_areas": FocusArea.objects.order_by("position", "name")},
    )


def help_now(request):
    """Where to turn now, and how to reach the office that keeps the directory."""
    return render(request, "pages/help.html")


def privacy(request):
    # The map's tiles are the one thing a public page fetches from elsewhere: say from where.
    map_host = urlsplit(settings.MAP_TILE_URL).hostname if settings.MAP_TILE_URL else ""
    return render(request, "pages/privacy.html", {"map_host": map_host})


def accessibility(request):
    return render(request, "pages/accessibility.html")


# --- the staff's office home and the dashboard ----------------------------------------------------


@staff_required
def office(request):
    """The office home: the work waiting for this person first (`pages.todo`), what peer
    volunteers reported on their referrals, then the way to every page they may open."""
    user = request.user
    # What peer volunteers reported in the last two weeks on this practitioner's referrals.
    reports = []
    if can(user, Can.REFER_CLIENTS):
        reports = (
            ReferralEvent.objects.filter(
                volunteer__isnull=False,
                referral__agency=user.agency,
                referral__made_by=user,
                referral__deleted_at__isnull=True,
                created_at__gte=timezone.now() - dt.timedelta(days=14),
            )
            .select_related("referral__client", "referral__group", "volunteer")
            .order_by("-created_at")[:20]
        )
    return render(
        request,
        "pages/office.html",
        {
            "volunteer_reports": reports,
            "membership": user.membership,
            "office_map": office_for(user),
            "has_queue": may_have_work(user),
            "todo": todo(user),
        },
    )


class _SampleForm(forms.Form):
    """The style guide's form, shown with a mistake in it."""

    name = forms.CharField(
        label="Group name", max_length=120, help_text="As the group calls itself."
    )
    email = forms.EmailField(label="Contact email", help_text="Shown on the group's page.")


@staff_required
def style_guide(request):
    """The parts pages are made of, each in its states, so that the next page looks like the
    others: the palette (static/css/tokens.css), buttons, badges, alerts, an empty state, a page
    header, a form field with an error, a table and the icons."""
    form = _SampleForm(data={"name": "Riverside Women's AA", "email": "riverside at example"})
    form.is_valid()
    tokens = (Path(settings.BASE_DIR) / "static" / "css" / "tokens.css").read_text()
    palette = re.findall(r"^\s*(--lx-[\w-]+):\s*(#[0-9a-fA-F]{3,6});", tokens, re.M)
    return render(
        request,
        "pages/style_guide.html",
        {"form": form, "palette": palette, "icons": sorted(icon_names())},
    )


def _period(request):
    """The period asked for (`from`, `to`, inclusive), the last 12 months by default, and the
    errors of a bad one. Dates far in the past or future are brought into the range the
    dashboard can count in (see liaison.limits)."""
    default = Period.last_12_months(timezone.localdate())
    start, end, errors = limits.parse_date_range(
        request.GET.get("from"),
        request.GET.get("to"),
        default_start=default.start,
        default_end=default.end,
    )
    return Period(start, end), errors


def figure_link(user, figure, period) -> str:
    """Where a figure links for `user`: its page when they may open it and it lists them every
    record the figure counts (a list of referrals, for liaison staff; not a practitioner's own
    visits), for the period when the figure counts the period's records (`period_link`); else
    its fallback — the same records counted, for the same period — when they may open that,
    else nowhere. Nothing on the dashboard answers 403, nor shows other records than counted."""
    if figure.link and may_open(user, figure.link) and lists_all(user, figure.link):
        if figure.period_link:
            joint = "&" if "?" in figure.link else "?"
            return f"{figure.link}{joint}{_period_query(period)}"
        return figure.link
    if figure.fallback and may_open(user, figure.fallback):
        return f"{figure.fallback}?{_period_query(period)}"
    return ""


def _period_query(period):
    return urlencode({"from": period.start.isoformat(), "to": period.end.isoformat()})


def _dashboard(request):
    """The period asked for, its errors, the sections and the headline row, each figure's link
    resolved for its reader (`figure_link`)."""
    period, errors = _period(request)
    made = picture(request.user.agency, period, again=request.GET.get("again") == "1")
    for section in made.sections:
        for figure in section.figures:
            figure.link = figure_link(request.user, figure, period)
    return period, errors, made


@requires(Can.SEE_DASHBOARD)
@reads_from_replica
def dashboard(request):
    period, errors, made = _dashboard(request)
    return render(
        request,
        "pages/dashboard.html",
        {
            "counted_as_of": made.counted_as_of,
            "made_at": made.made_at,
            "keep_minutes": settings.DASHBOARD_KEEP_SECONDS // 60,
            "again": _period_query(period) + "&again=1",
            "agency": request.user.agency,
            "period": period,
            "previous": period.previous(),
            "errors": errors,
            "sections": made.sections,
            "charts": {s.key: s.chart for s in made.sections if s.chart},
            "presets": Period.presets(timezone.localdate()),
            "headline": made.headline,
        },
    )


@requires(Can.SEE_DASHBOARD)
@reads_from_replica
def dashboard_summary(request):
    """One page for a board meeting: the headline row and each section's figures, to print on
    A4 or Letter (the tables and charts stay on the dashboard)."""
    period, errors, made = _dashboard(request)
    sections, top = made.sections, made.headline
    return render(
        request,
        "pages/dashboard_summary.html",
        {
            "agency": request.user.agency,
            "period": period,
            "previous": period.previous(),
            "errors": errors,
            "sections": sections,
            "headline": top,
            "today": timezone.localdate(),
        },
    )


@requires(Can.SEE_DASHBOARD)
@reads_from_replica
def dashboard_csv(request):
    period, errors = _period(request)
    if errors:
        # A file of another period than the one asked for would be read as the one asked for.
        return HttpResponseBadRequest(" ".join(errors), content_type="text/plain; charset=utf-8")
    return _sections_csv(request, period, picture(request.user.agency, period).sections)


def _sections_csv(request, period, sections, name="dashboard"):
    """The CSV of sections: all of them, one (`?section=`), or one of its tables (`&table=`)."""
    wanted = request.GET.get("section", "")
    chosen = [s for s in sections if s.key == wanted] if wanted else sections
    if wanted and not chosen:
        return HttpResponseBadRequest(
            "Unknown section. Use one of: " + ", ".join(s.key for s in sections)
        )

    table_wanted = request.GET.get("table")
    if table_wanted is not None:
        # One table, one file: its own header row, then its rows, as a spreadsheet reads them.
        tables = chosen[0].tables if wanted else []
        if not wanted or not table_wanted.isdigit() or int(table_wanted) >= len(tables):
            return HttpResponseBadRequest("Unknown table: name a section and one of its tables.")
        _caption, headers, table = tables[int(table_wanted)]
        return csvio.response(
            f"{wanted}-table-{table_wanted}-{period.start}-{period.end}.csv",
            [headers, *table],
            bom=True,
        )

    def rows():
        yield ["section", "figure", "value", "counts", "previous period"]
        for section in chosen:
            for figure in section.figures:
                previous = "" if figure.previous is None else figure.previous
                yield [section.title, figure.label, figure.value, figure.detail, previous]
            for caption, headers, table in section.tables:
                yield []
                yield [section.title, caption]
                yield ["", *headers]
                for row in table:
                    yield ["", *row]

    return csvio.response(f"{wanted or name}-{period.start}-{period.end}.csv", rows())


# --- the records behind the dashboard's figures, counted ---------------------------------------


@requires(Can.SEE_DASHBOARD)
@reads_from_replica
def dashboard_figures(request, page):
    """Referrals, follow-ups or story sessions of the period, counted by month and more: what
    the dashboard's figure links to for readers who may not open the lists that name clients."""
    period, errors = _period(request)
    found = figures.PAGES[page](request.user.agency, period)
    return render(
        request,
        "pages/dashboard_figures.html",
        {
            "agency": request.user.agency,
            "period": period,
            "errors": errors,
            "page": found,
            "sections": found.sections,
            "charts": found.charts,
            "presets": Period.presets(timezone.localdate()),
            "csv_url": reverse(f"pages:dashboard_{page}_csv"),
        },
    )


@requires(Can.SEE_DASHBOARD)
@reads_from_replica
def dashboard_figures_csv(request, page):
    period, errors = _period(request)
    if errors:
        return HttpResponseBadRequest(" ".join(errors), content_type="text/plain; charset=utf-8")
    found = figures.PAGES[page](request.user.agency, period)
    return _sections_csv(request, period, found.sections, name=page.replace("_", "-"))


# --- the leader's portal ------------------------------------------------------------------------

PORTAL_SHOWN = 3  # the first invitations and surveys waiting for an answer, on the portal home


@leader_required
def portal_home(request):
    now = timezone.now()
    groups = list(
        SelfHelpGroup.objects.led_by(request.user)
        .annotate(
            waiting=Count(
                "suggestions",
                filter=Q(suggestions__status=Suggestion.Status.PENDING),
                distinct=True,
            ),
            proposals=Count(
                "invitations",
                filter=Q(
                    invitations__status=LeaderInvitation.Status.AWAITING_GROUP,
                    invitations__expires_at__gt=now,
                ),
                distinct=True,
            ),
        )
        .prefetch_related(
            Prefetch(
                "meetings",
                queryset=Meeting.objects.exclude(status=Meeting.Status.ENDED),
                to_attr="current_meetings",
            )
        )
        .order_by("name")
    )
    for group in groups:
        group.due = group.verification_due(now)
        group.stale = group.is_stale(now)
        group.drafts = [m for m in group.current_meetings if m.status == Meeting.Status.DRAFT]
    # Staff who chose to announce their visit; nothing else of the agency's records.
    announced = (
        Visit.objects.filter(
            group__in=[group.pk for group in groups],
            announce_to_group=True,
            status=Visit.Status.PLANNED,
            planned_on__gte=timezone.localdate(),
        )
        .select_related("staff", "group", "meeting", "agency")
        .prefetch_related("staff__memberships")
        .order_by("planned_on")
    )
    # Invitations still to answer (not those of past or cancelled events), the soonest first.
    invitation_count, invitations = first_rows(
        Sponsorship.objects.filter(
            group__in=[group.pk for group in groups],
            answer=Sponsorship.Answer.INVITED,
            event__ends_at__gte=now,
        )
        .exclude(event__status=JointEvent.Status.CANCELLED)
        .select_related("event__agency", "group")
        .order_by("event__starts_at", "pk"),
        PORTAL_SHOWN,
    )
    # Member surveys an agency offers: the group decides whether to take part.
    survey_count, surveys = first_rows(
        Survey.objects.filter(
            group__in=[group.pk for group in groups],
            audience=Survey.Audience.MEMBERS,
            status=Survey.Status.OPEN,
            group_joined_on__isnull=True,
        )
        .select_related("agency", "group")
        .order_by(F("closes_on").asc(nulls_last=True), "pk"),
        PORTAL_SHOWN,
    )
    # What waits for the leader's answer comes first: each group's, then the invitations and
    # the surveys.
    waiting_groups = [
        group
        for group in groups
        if group.due
        or group.waiting
        or group.proposals
        or group.drafts
        or not group.current_meetings
    ]
    return render(
        request,
        "pages/portal_home.html",
        {
            "groups": groups,
            "waiting_groups": waiting_groups,
            "has_answers": bool(waiting_groups or invitation_count or survey_count),
            "announced": announced,
            "invitations": invitations,
            "invitation_count": invitation_count,
            "surveys": surveys,
            "survey_count": survey_count,
        },
    )


# --- a group's page -------------------------------------------------------------------------------


def _count_view(request):
    usage_record(kind=DirectoryUsage.Kind.GROUP_VIEW, audience=reads.Audience.PUBLIC)


@public_page(count=_count_view)
def group_detail(request, slug):
    now = timezone.now()
    group = reads.visible_group(request, slug, *reads.LISTING_PREFETCH, reads.active_meetings())
    is_staff = reads.is_staff(request.user)
    context = reads.listing_context(request, group, now)
    context["texts"] = group.texts_for(get_language())
    context["is_staff"] = is_staff
    context["has_leader"] = has_active_leader(group)
    context["can_manage"] = leads(request.user, group) or (
        request.user.is_authenticated
        and can(request.user, Can.KEEP_LISTINGS)
        and not context["has_leader"]
    )
    # The page's one filled button: for the public, the way to the next meeting; for those who
    # keep the listing or refer clients, their own action further down.
    context["attend_is_primary"] = not (
        context["can_manage"] or (is_staff and can(request.user, Can.REFER_CLIENTS))
    )
    if is_staff:
        agency = request.user.agency
        context["assessment"] = (
            Assessment.objects.for_user(request.user).filter(group=group).first()
        )
        context["can_verify"] = can(request.user, Can.KEEP_LISTINGS)
        context["knowers"], context["cultivated"] = who_knows(group, agency)
        context["watch"], context["support_value"] = autonomy_watch(group, agency)
        context["support"] = list(
            Support.objects.for_user(request.user)
            .filter(group=group, given_on__gte=timezone.localdate() - dt.timedelta(days=365))
            .order_by("-given_on")
        )
    usage_record(kind=DirectoryUsage.Kind.GROUP_VIEW, audience=reads.audience_of(is_staff))
    return render(request, "pages/group_detail.html", context)
