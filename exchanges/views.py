"""The office's records of its exchanges with groups: visits, training, board seats, formal ties,
support and other activities. One list page and one form page per kind, from a table of specs."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from exchanges import forms as exchange_forms
from exchanges.knowledge import liaison_hours
from exchanges.models import Activity, BoardSeat, FormalTie, Support, TrainingSession, Visit
from groups.models import SelfHelpGroup
from liaison.models import StaffMembership
from liaison.periods import list_period
from liaison.permissions import Can, can, get_for_user, narrowed, requires, staff_required

Role = StaffMembership.Role

# How the lists write a day, as the rest of the site does.
DAY = "M j, Y"


def _day(value):
    return dateformat.format(value, DAY) if value else "—"


def _badge(text, tone):
    return format_html('<span class="badge text-bg-{}">{}</span>', tone, text)


def _term(seat):
    if seat.term_end is None:
        return f"since {_day(seat.term_start)}"
    term = f"{_day(seat.term_start)} – {_day(seat.term_end)}"
    if seat.has_expired():
        return format_html("{} {}", term, _badge("expired", "secondary"))
    return term


def _renewal(tie):
    """The renewal date, marked expired once past, or the date to renew by when it is near."""
    if tie.renews_on is None:
        return "—"
    if tie.has_expired():
        return format_html("{} {}", _day(tie.renews_on), _badge("expired", "danger"))
    if tie.renewal_due():
        return _badge(f"renew by {_day(tie.renews_on)}", "warning")
    return _day(tie.renews_on)


def _money(value):
    return f"${value:,.0f}" if value else "—"


def _names(objects):
    return ", ".join(str(o) for o in objects) or "—"


@dataclass(frozen=True)
class Dated:
    """How a list narrows to a period (`?from=…&to=…`), as the dashboard's figure counts it:
    the records' day, and which of them count."""

    what: str  # the records of the period, in words: "Visits done"
    day_field: str
    only: dict = field(default_factory=dict)


@dataclass
class Records:
    """One kind of record: who may see and keep it, and how its list reads."""

    slug: str
    model: type
    form: type
    title: str
    singular: str
    keep: Can
    columns: list
    see: Can = Can.USE_OFFICE
    select_related: list = field(default_factory=list)
    prefetch: list = field(default_factory=list)
    intro: str = ""
    own_only: bool = False  # each person keeps their own (visits)
    dated: Dated | None = None  # the list narrows to a period

    def queryset(self, user):
        records = self.model.objects.for_user(user)
        if self.select_related:
            records = records.select_related(*self.select_related)
        if self.prefetch:
            records = records.prefetch_related(*self.prefetch)
        return records

    def editable(self, user):
        records = self.queryset(user)
        return records.filter(staff=user) if self.own_only else records


RECORDS = [
    Records(
        slug="visits",
        model=Visit,
        form=exchange_forms.VisitForm,
        title="Visits to groups",
        singular="visit",
        keep=Can.KEEP_VISITS,
        own_only=True,
        dated=Dated("Visits done", "done_on", {"status": Visit.Status.DONE}),
        select_related=["staff", "group", "meeting"],
        intro="Visit groups to learn their culture and meet their contact persons — not to "
        "observe them. Say that you are agency staff. Closed meetings are for members only.",
        columns=[
            ("When", lambda v: _day(v.done_on or v.planned_on)),
            ("Group", lambda v: v.group),
            ("Who", lambda v: v.staff),
            ("Kind", lambda v: v.get_kind_display()),
            ("Status", lambda v: v.get_status_display()),
            ("Hours", lambda v: v.hours if v.status == Visit.Status.DONE else "—"),
        ],
    ),
    Records(
        slug="training",
        model=TrainingSession,
        form=exchange_forms.TrainingForm,
        title="Staff training with self-help members",
        singular="training session",
        keep=Can.KEEP_TRAINING,
        dated=Dated("Training sessions held", "held_on"),
        prefetch=["groups", "attendees"],
        intro="Speakers at staff meetings, panels, simulated support-group meetings and workshops "
        "on referring: staff learn about self-help from its members.",
        columns=[
            ("Date", lambda t: _day(t.held_on)),
            ("Session", lambda t: t.title),
            ("Kind", lambda t: t.get_kind_display()),
            ("Groups", lambda t: _names(t.groups.all())),
            ("Staff", lambda t: len(t.attendees.all())),
            ("Hours", lambda t: t.hours),
        ],
    ),
    Records(
        slug="board",
        model=BoardSeat,
        form=exchange_forms.BoardSeatForm,
        title="Board seats",
        singular="board seat",
        keep=Can.KEEP_BOARD,
        see=Can.SEE_BOARD,
        select_related=["group", "organization"],
        intro="Boards gain from empowered self-help leaders identified with established groups. "
        "Seats whose term has ended are marked expired.",
        columns=[
            ("Holder", lambda s: s.holder_name),
            ("Title", lambda s: s.title),
            ("Self-help leader", lambda s: "yes" if s.is_self_help_leader else "no"),
            ("Identified with", lambda s: s.group or s.organization or "—"),
            ("Term", _term),
        ],
    ),
    Records(
        slug="ties",
        model=FormalTie,
        form=exchange_forms.FormalTieForm,
        title="Formal ties",
        singular="formal tie",
        keep=Can.KEEP_TIES,
        see=Can.SEE_TIES,
        select_related=["group", "organization"],
        intro="Agreements with groups and organizations. Active ones that renew within "
        f"{FormalTie.RENEWAL_WARNING_DAYS} days are marked with the date to renew by; those past "
        "their renewal date are marked expired.",
        columns=[
            ("Agreement", lambda t: t.get_kind_display()),
            ("With", lambda t: t.group or t.organization),
            ("Status", lambda t: t.get_status_display()),
            ("Signed", lambda t: _day(t.signed_on)),
            ("Renews", _renewal),
        ],
    ),
    Records(
        slug="support",
        model=Support,
        form=exchange_forms.SupportForm,
        title="Support given to groups",
        singular="support",
        keep=Can.KEEP_SUPPORT,
        see=Can.SEE_SUPPORT,
        dated=Dated("Support given", "given_on"),
        select_related=["group"],
        intro="What the agency gives groups, recorded so that dependence can be seen: groups must "
        "stay their own.",
        columns=[
            ("Date", lambda s: _day(s.given_on)),
            ("Group", lambda s: s.group),
            ("Kind", lambda s: s.get_kind_display()),
            ("Money", lambda s: _money(s.amount)),
            ("In kind", lambda s: _money(s.in_kind_value)),
        ],
    ),
    Records(
        slug="activities",
        model=Activity,
        form=exchange_forms.ActivityForm,
        title="Other exchanges",
        singular="exchange",
        keep=Can.KEEP_ACTIVITIES,
        prefetch=["groups"],
        intro="Exchanges with no record of their own: speakers, panels, web links, research.",
        columns=[
            ("Date", lambda a: _day(a.happened_on)),
            ("Kind", lambda a: a.get_kind_display()),
            ("Level", lambda a: a.get_level_display()),
            ("Groups", lambda a: _names(a.groups.all())),
            ("Summary", lambda a: a.summary[:80]),
        ],
    ),
]


def record_list(request, spec: Records):
    records = spec.queryset(request.user)
    if spec.own_only and not can(request.user, Can.SEE_ALL_VISITS):
        records = records.filter(staff=request.user)
    period = list_period(request) if spec.dated else None
    if period and period.applied:
        records = records.filter(period.within(spec.dated.day_field), **spec.dated.only)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    rows = [(record, [cell(record) for _, cell in spec.columns]) for record in page]
    return render(
        request,
        "exchanges/records_list.html",
        {
            "spec": spec,
            "page": page,
            "rows": rows,
            "headers": [label for label, _ in spec.columns],
            "can_keep": can(request.user, spec.keep),
            "user_id": request.user.pk,
            "period": period,
            "query": period.query if period else "",
        },
    )


def record_form(request, spec: Records, pk=None):
    agency = request.user.agency
    if pk is None:
        instance = spec.model(agency=agency)
        if spec.own_only:
            instance.staff = request.user
    else:
        instance = get_for_user(spec.editable(request.user), request.user, pk=pk)
    initial = {}
    if pk is None and "group" in request.GET:
        initial["group"] = SelfHelpGroup.objects.filter(slug=request.GET["group"]).first()
    form = spec.form(request.POST or None, instance=instance, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.agency = agency
        if hasattr(record, "recorded_by_id") and not record.recorded_by_id:
            record.recorded_by = request.user
        record.save()
        form.save_m2m()
        messages.success(request, f"Saved the {spec.singular}.")
        return redirect(f"exchanges:{spec.slug}")
    return render(
        request,
        "exchanges/record_form.html",
        {"spec": spec, "form": form, "record": pk and instance},
    )


def _guarded(view, capability):
    return requires(capability)(require_http_methods(["GET", "POST"])(view))


def record_urls():
    patterns = []
    for spec in RECORDS:

        def listing(request, spec=spec):
            return record_list(request, spec)

        def adding(request, spec=spec):
            return record_form(request, spec)

        def editing(request, pk, spec=spec):
            return record_form(request, spec, pk)

        listing = requires(spec.see)(listing)
        if spec.own_only:
            # Others' records are listed to those who may see them all: a figure that counts
            # everyone's links here only for them (`pages.views.figure_link`).
            listing = narrowed(lambda user: can(user, Can.SEE_ALL_VISITS))(listing)
        patterns += [
            path(f"office/{spec.slug}/", listing, name=spec.slug),
            path(
                f"office/{spec.slug}/add/",
                _guarded(adding, spec.keep),
                name=f"{spec.slug}_add",
            ),
            path(
                f"office/{spec.slug}/<int:pk>/",
                _guarded(editing, spec.keep),
                name=f"{spec.slug}_edit",
            ),
        ]
    return patterns


@staff_required
def designated_staff(request):
    """The office of self-help, support and advocacy groups, as the agency's structure has it:
    its designated staff, their job descriptions, and their hours against the allowance."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=27)
    designated = (
        StaffMembership.objects.for_user(request.user)
        .active()
        .filter(role=Role.LIAISON)
        .select_related("user", "unit")
        .order_by("user__full_name")
    )
    return render(
        request,
        "exchanges/designated_staff.html",
        {
            "designated": designated,
            "hours": liaison_hours(request.user.agency, start, today),
            "start": start,
            "today": today,
        },
    )


@staff_required
def my_record(request):
    """A staff member's own visits and training."""
    visits = (
        Visit.objects.for_user(request.user)
        .filter(staff=request.user)
        .select_related("group", "meeting")
        .order_by("-planned_on")[:100]
    )
    trainings = (
        TrainingSession.objects.for_user(request.user)
        .filter(attendees=request.user)
        .prefetch_related("groups")
        .order_by("-held_on")[:100]
    )
    return render(request, "exchanges/my_record.html", {"visits": visits, "trainings": trainings})
