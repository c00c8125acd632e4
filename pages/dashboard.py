"""The executive exchange dashboard: every level of the agency's exchange with self-help groups,
for a date range, computed from the records with aggregates in the database. Aggregates only:
no client identity ever enters it.

Each section is a list of `Figure`s (a label, a value, the counts behind it) and, where people
would rather look, a chart series; the page, its tables and the CSV export read the same
figures, so their numbers agree."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, TruncMonth
from django.urls import reverse

from events.models import JointEvent, Partner, illness_awareness_week
from exchanges.knowledge import watch_reasons
from exchanges.models import BoardSeat, FormalTie, Support, TrainingSession, Visit
from groups.models import DirectoryUsage, GroupLeadership, SelfHelpGroup, stale_before
from liaison.models import StaffMembership
from referrals.models import FollowUp, Referral, StorySession
from surveys.results import latest_client_figures

NO_DATA = "—"
ON_TIME_DAYS = 7


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def previous(self):
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    @classmethod
    def last_12_months(cls, today):
        return cls(today - dt.timedelta(days=364), today)

    @classmethod
    def presets(cls, today) -> list[tuple[str, "Period"]]:
        """The periods a director asks for: this and last quarter, this year, the last 12
        months (to today)."""
        quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        last_quarter_end = quarter_start - dt.timedelta(days=1)
        last_quarter_start = dt.date(
            last_quarter_end.year, 3 * ((last_quarter_end.month - 1) // 3) + 1, 1
        )
        return [
            ("This quarter", cls(quarter_start, today)),
            ("Last quarter", cls(last_quarter_start, last_quarter_end)),
            ("This year", cls(dt.date(today.year, 1, 1), today)),
            ("Last 12 months", cls.last_12_months(today)),
        ]


def month_label(month) -> str:
    """A month as people say it: "Aug 2026"."""
    return month.strftime("%b %Y")


@dataclass
class Figure:
    label: str
    value: object  # a number, or NO_DATA
    detail: str = ""  # the counts behind a rate, or why there is no value
    previous: object = None
    link: str = ""
    unit: str = ""  # "%" for a rate
    # Where the figure links for a reader who may not open `link` (a list that names clients):
    # a page of the same records counted (`pages.figures`); the view adds the period.
    fallback: str = ""


@dataclass
class Section:
    key: str
    title: str
    figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)  # (caption, headers, rows)
    chart: dict | None = None


def rate(part, whole):
    """A percentage with the counts behind it; "—" with the reason when there is no whole."""
    if not whole:
        return NO_DATA, "none in this period"
    return round(Decimal(100) * part / whole, 1), f"{part} of {whole}"


def _figure_rate(label, part, whole, previous=None, link="", fallback=""):
    value, detail = rate(part, whole)
    before = rate(*previous)[0] if previous else None
    return Figure(label, value, detail, before, link, "%" if value != NO_DATA else "", fallback)


# --- the sections -------------------------------------------------------------------------


def board(agency, period):
    seats = BoardSeat.objects.for_agency(agency).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=period.end), term_start__lte=period.end
    )
    counts = seats.aggregate(
        total=Count("pk"), leaders=Count("pk", filter=Q(is_self_help_leader=True))
    )
    origins = list(
        seats.filter(is_self_help_leader=True)
        .values_list("holder_name", "group__name", "organization__name")
        .order_by("holder_name")
    )
    return Section(
        "board",
        "Board",
        [
            Figure("Board seats", counts["total"], "at the end of the period"),
            _figure_rate(
                "Seats held by self-help leaders",
                counts["leaders"],
                counts["total"],
                link=reverse("exchanges:board"),
            ),
        ],
        [
            (
                "Self-help leaders on the board",
                ["Seat holder", "Identified with"],
                [[name, group or org or NO_DATA] for name, group, org in origins],
            )
        ],
    )


def executive(agency, period, previous):
    liaison = StaffMembership.objects.for_agency(agency).active().filter(role="liaison")
    liaison_totals = liaison.aggregate(n=Count("pk"), hours=Sum("liaison_hours_per_week"))
    ties = FormalTie.objects.for_agency(agency).filter(status="active")
    tie_counts = ties.aggregate(
        active=Count("pk"), due=Count("pk", filter=FormalTie.due_for_renewal(period.end))
    )

    def training(p):
        sessions = TrainingSession.objects.for_agency(agency).filter(
            held_on__range=(p.start, p.end)
        )
        practitioners = (
            StaffMembership.objects.for_agency(agency).active().filter(role="practitioner")
        )
        trained = practitioners.filter(
            Exists(sessions.filter(attendees=OuterRef("user_id")))
        ).count()
        totals = sessions.aggregate(n=Count("pk"), hours=Sum("hours"))
        return totals, trained, practitioners.count()

    now, trained, practitioners = training(period)
    before, trained_before, practitioners_before = training(previous)
    return Section(
        "executive",
        "Executive",
        [
            Figure(
                "Designated liaison staff",
                liaison_totals["n"],
                "",
                None,
                reverse("exchanges:designated_staff"),
            ),
            Figure("Liaison hours a week", liaison_totals["hours"] or 0),
            Figure("Formal ties active", tie_counts["active"], "", None, reverse("exchanges:ties")),
            Figure(
                "Ties due for renewal within 60 days",
                tie_counts["due"],
                "",
                None,
                reverse("exchanges:ties"),
            ),
            Figure(
                "Training sessions with self-help presenters",
                now["n"],
                "",
                before["n"],
                reverse("exchanges:training"),
            ),
            Figure("Training hours", now["hours"] or 0, "", before["hours"] or 0),
            _figure_rate(
                "Practitioners who took part in training",
                trained,
                practitioners,
                (trained_before, practitioners_before),
            ),
        ],
    )


def practitioner(agency, period, previous):
    def visits(p):
        done = Visit.objects.for_agency(agency).filter(
            status="done", done_on__range=(p.start, p.end)
        )
        return done.aggregate(
            n=Count("pk"), hours=Sum("hours"), staff=Count("staff", distinct=True)
        )

    now, before = visits(period), visits(previous)
    year_before = period.end - dt.timedelta(days=364)
    visited = Visit.objects.for_agency(agency).filter(
        group=OuterRef("pk"), status="done", done_on__range=(year_before, period.end)
    )
    active = SelfHelpGroup.objects.active()
    covered = active.filter(Exists(visited)).count()
    referrals = Referral.objects.for_agency(agency).filter(
        made_on__range=(period.start, period.end)
    )
    unvisited = list(
        referrals.exclude(group__in=SelfHelpGroup.objects.filter(Exists(visited)))
        .values("group__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "group__name")[:5]
    )
    by_month = list(
        referrals.annotate(month=TruncMonth("made_on"))
        .values("month")
        .annotate(
            standard=Count("pk", filter=Q(kind="standard")),
            intensive=Count("pk", filter=Q(kind="intensive")),
        )
        .order_by("month")
    )
    counts = referrals.aggregate(n=Count("pk"), discharge=Count("pk", filter=Q(at_discharge=True)))
    prev_counts = (
        Referral.objects.for_agency(agency)
        .filter(made_on__range=(previous.start, previous.end))
        .aggregate(n=Count("pk"), discharge=Count("pk", filter=Q(at_discharge=True)))
    )
    month_rows = [
        [month_label(row["month"]), row["standard"], row["intensive"]] for row in by_month
    ]
    return Section(
        "practitioner",
        "Practitioners",
        [
            Figure(
                "Staff visits to groups", now["n"], "", before["n"], reverse("exchanges:visits")
            ),
            Figure("Visit hours", now["hours"] or 0, "", before["hours"] or 0),
            Figure("Staff who visited", now["staff"], "", before["staff"]),
            _figure_rate(
                "Coverage: active groups someone visited in 12 months",
                covered,
                active.count(),
                link=reverse("groups:directory"),
            ),
            Figure(
                "Referrals made",
                counts["n"],
                "",
                prev_counts["n"],
                reverse("referrals:list"),
                fallback=reverse("pages:dashboard_referrals"),
            ),
            _figure_rate(
                "Referrals made at discharge",
                counts["discharge"],
                counts["n"],
                (prev_counts["discharge"], prev_counts["n"]),
            ),
        ],
        [
            ("Referrals by month", ["Month", "Standard", "Intensive"], month_rows),
            (
                "Most referred groups nobody visited in 12 months",
                ["Group", "Referrals"],
                [[row["group__name"], row["n"]] for row in unvisited],
            ),
        ],
        {
            "type": "bar",
            "labels": [row[0] for row in month_rows],
            "series": [
                {"label": "Standard", "data": [row[1] for row in month_rows]},
                {"label": "Intensive", "data": [row[2] for row in month_rows]},
            ],
            "stacked": True,
        },
    )


FUNNEL = [("Made", 0), ("Contacted", 1), ("Attended", 2), ("Engaged", 3)]


def outcomes(agency, period):
    referrals = Referral.objects.for_agency(agency).filter(
        made_on__range=(period.start, period.end)
    )
    counts = referrals.aggregate(
        **{
            f"{kind}_{stage}": Count("pk", filter=Q(kind=kind, reached__gte=level))
            for kind in ("standard", "intensive")
            for stage, level in FUNNEL
        }
    )
    rows = {
        kind: {stage: counts[f"{kind}_{stage}"] for stage, _ in FUNNEL}
        for kind in ("standard", "intensive")
    }
    table = []
    for stage, _ in FUNNEL:
        line = [stage]
        for kind in ("standard", "intensive"):
            line += [rows[kind][stage], rate(rows[kind][stage], rows[kind]["Made"])[0]]
        table.append(line)
    figures = [
        _figure_rate(
            f"{kind.capitalize()} referrals that reached a first meeting",
            rows[kind]["Attended"],
            rows[kind]["Made"],
        )
        for kind in ("standard", "intensive")
    ]
    due = FollowUp.objects.filter(
        referral__agency=agency, due_on__range=(period.start, period.end)
    ).aggregate(
        n=Count("pk"),
        on_time=Count(
            "pk",
            filter=Q(done_on__isnull=False)
            & Q(done_on__lte=F("due_on") + dt.timedelta(days=ON_TIME_DAYS)),
        ),
        asked=Count("pk", filter=Q(discussed_in_session__isnull=False)),
        discussed=Count("pk", filter=Q(discussed_in_session=True)),
    )
    figures.append(
        _figure_rate(
            f"Follow-ups done on time (within {ON_TIME_DAYS} days of due)",
            due["on_time"],
            due["n"],
            link=reverse("referrals:list"),
            fallback=reverse("pages:dashboard_follow_ups"),
        )
    )
    # The paper's point: self-help enriches therapy when the group is talked about in it.
    figures.append(
        _figure_rate(
            "Follow-ups where the group was talked about in session", due["discussed"], due["asked"]
        )
    )
    return Section(
        "outcomes",
        "Outcomes",
        figures,
        [
            (
                "The referral funnel",
                ["Stage", "Standard", "Standard %", "Intensive", "Intensive %"],
                table,
            )
        ],
        {
            "type": "bar",
            "labels": [stage for stage, _ in FUNNEL],
            "series": [
                {"label": "Standard", "data": [rows["standard"][s] for s, _ in FUNNEL]},
                {"label": "Intensive", "data": [rows["intensive"][s] for s, _ in FUNNEL]},
            ],
        },
    )


def client_level(agency, period, previous):
    def stories(p):
        return (
            StorySession.objects.for_agency(agency)
            .filter(held_on__range=(p.start, p.end))
            .aggregate(n=Count("pk"), reached=Sum("clients_reached"))
        )

    now, before = stories(period), stories(previous)
    return Section(
        "client",
        "Clients",
        [
            Figure(
                "Story sessions held",
                now["n"],
                "",
                before["n"],
                reverse("referrals:stories"),
                fallback=reverse("pages:dashboard_stories"),
            ),
            Figure("Clients reached", now["reached"] or 0, "", before["reached"] or 0),
            *client_survey_figures(agency, period),
        ],
    )


def client_survey_figures(agency, period):
    """The latest client survey opened by the end of the period: how many clients take part in
    self-help groups, and how satisfied they are. Counts under 5 are not shown."""
    found = latest_client_figures(agency, until=period.end)
    if found is None:
        why = "no client survey with 5 or more responses"
        return [
            Figure("Clients in a self-help group, last 3 months (survey)", NO_DATA, why),
            Figure("Clients satisfied with their group, 4–5 of 5 (survey)", NO_DATA, why),
        ]
    survey = found["survey"]
    source = f"“{survey.title}”, {found['responses']} responses"
    link = reverse("surveys:results", args=[survey.pk])
    figures = []
    for label, key in [
        ("Clients in a self-help group, last 3 months (survey)", "participation"),
        ("Clients satisfied with their group, 4–5 of 5 (survey)", "satisfied"),
    ]:
        counts = found.get(key)
        if counts is None:
            figures.append(
                Figure(label, NO_DATA, f"not shown: it would give away a count under 5; {source}")
            )
        else:
            figure = _figure_rate(label, *counts, link=link)
            figure.detail = f"{figure.detail}; {source}"
            figures.append(figure)
    return figures


def institutional(agency, period, previous):
    events = (
        JointEvent.objects.for_agency(agency)
        .exclude(status="cancelled")
        .filter(starts_at__date__range=(period.start, period.end))
    )
    by_kind = list(events.values("kind").annotate(n=Count("pk")).order_by("-n", "kind"))
    by_quarter = list(
        events.annotate(year=ExtractYear("starts_at"), month=ExtractMonth("starts_at"))
        .values("year", "month")
        .annotate(n=Count("pk"))
        .order_by("year", "month")
    )
    quarters = {}
    for row in by_quarter:
        key = f"{row['year']} Q{(row['month'] - 1) // 3 + 1}"
        quarters[key] = quarters.get(key, 0) + row["n"]
    miaw = Q()
    for year in range(period.start.year, period.end.year + 1):
        first, last = illness_awareness_week(year)
        miaw |= Q(starts_at__date__range=(first, last))
    totals = events.aggregate(
        n=Count("pk"),
        reached=Sum("actual_attendance"),
        recovery=Count("pk", filter=Q(starts_at__month=9)),
        miaw=Count("pk", filter=miaw),
    )
    before = (
        JointEvent.objects.for_agency(agency)
        .exclude(status="cancelled")
        .filter(starts_at__date__range=(previous.start, previous.end))
        .aggregate(n=Count("pk"), reached=Sum("actual_attendance"))
    )
    sectors = list(
        Partner.objects.for_agency(agency)
        .values("sector")
        .annotate(n=Count("pk"))
        .order_by("sector")
    )
    kinds = dict(JointEvent.Kind.choices)
    sector_names = dict(Partner.Sector.choices)
    return Section(
        "institutional",
        "Community",
        [
            Figure("Joint events", totals["n"], "", before["n"], reverse("events:office_events")),
            Figure("People reached", totals["reached"] or 0, "", before["reached"] or 0),
            Figure("Events in National Recovery Month", totals["recovery"]),
            Figure("Events in Mental Illness Awareness Week", totals["miaw"]),
        ],
        [
            ("Events by kind", ["Kind", "Events"], [[kinds[r["kind"]], r["n"]] for r in by_kind]),
            ("Events by quarter", ["Quarter", "Events"], [[k, v] for k, v in quarters.items()]),
            (
                "Partners by sector",
                ["Sector", "Partners"],
                [[sector_names[r["sector"]], r["n"]] for r in sectors],
            ),
        ],
        {
            "type": "bar",
            "labels": list(quarters),
            "series": [{"label": "Joint events", "data": list(quarters.values())}],
        },
    )


def directory(period):
    active = SelfHelpGroup.objects.active()
    led = GroupLeadership.objects.filter(group=OuterRef("pk"), ended_at__isnull=True)
    end_moment = dt.datetime.combine(period.end, dt.time.max).astimezone(dt.UTC)
    counts = active.aggregate(
        n=Count("pk"),
        fresh=Count("pk", filter=Q(verified_at__gte=stale_before(end_moment))),
    )
    with_leader = active.filter(Exists(led)).count()
    usage = list(
        DirectoryUsage.objects.filter(day__range=(period.start, period.end))
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(
            public_searches=Sum("count", filter=Q(kind="search", audience="public")),
            staff_searches=Sum("count", filter=Q(kind="search", audience="staff")),
            public_views=Sum("count", filter=Q(kind="group_view", audience="public")),
            staff_views=Sum("count", filter=Q(kind="group_view", audience="staff")),
        )
        .order_by("month")
    )
    rows = [
        [
            month_label(row["month"]),
            row["public_searches"] or 0,
            row["staff_searches"] or 0,
            row["public_views"] or 0,
            row["staff_views"] or 0,
        ]
        for row in usage
    ]
    return Section(
        "directory",
        "Directory",
        [
            Figure("Active listings", counts["n"], "", None, reverse("groups:directory")),
            _figure_rate("Verified in the last 12 months", counts["fresh"], counts["n"]),
            Figure(
                "Stale listings",
                counts["n"] - counts["fresh"],
                "",
                None,
                reverse("groups:directory") + "?fresh=stale",
            ),
            _figure_rate("Kept by their own leader", with_leader, counts["n"]),
        ],
        [
            (
                "Directory use by month",
                [
                    "Month",
                    "Public searches",
                    "Staff searches",
                    "Public page views",
                    "Staff page views",
                ],
                rows,
            )
        ],
        {
            "type": "line",
            "labels": [row[0] for row in rows],
            "series": [
                {"label": "Public searches", "data": [row[1] for row in rows]},
                {"label": "Staff searches", "data": [row[2] for row in rows]},
                {"label": "Public page views", "data": [row[3] for row in rows]},
            ],
        },
    )


def autonomy(agency, period):
    support = Support.objects.for_agency(agency).filter(given_on__range=(period.start, period.end))
    totals = support.aggregate(amount=Sum("amount"), in_kind=Sum("in_kind_value"))
    total = (totals["amount"] or 0) + (totals["in_kind"] or 0)
    per_group = list(
        support.values("group__name")
        .annotate(amount=Sum("amount"), in_kind=Sum("in_kind_value"), n=Count("pk"))
        .order_by("group__name")
    )
    year_before = period.end - dt.timedelta(days=364)
    recent = Support.objects.for_agency(agency).filter(given_on__range=(year_before, period.end))
    watched = list(
        SelfHelpGroup.objects.filter(pk__in=recent.values("group"))
        .annotate(
            value=Sum("support__amount", filter=Q(support__in=recent), default=0)
            + Sum("support__in_kind_value", filter=Q(support__in=recent), default=0),
            space=Count("support", filter=Q(support__in=recent, support__kind="space")),
        )
        .values("name", "value", "space", "autonomy")
        .order_by("name")
    )
    flagged = [
        [row["name"], " ".join(reasons)]
        for row in watched
        if (reasons := watch_reasons(row["value"], row["space"] > 0, row["autonomy"]))
    ]
    return Section(
        "autonomy",
        "Autonomy watch",
        [
            Figure(
                "Support given (money and in kind)",
                f"${total:,.0f}",
                "",
                None,
                reverse("exchanges:support"),
            ),
            Figure("Groups supported", len(per_group)),
            Figure("Groups flagged", len(flagged)),
        ],
        [
            (
                "Support per group",
                ["Group", "Items", "Money", "In kind"],
                [
                    [
                        r["group__name"],
                        r["n"],
                        f"${r['amount'] or 0:,.0f}",
                        f"${r['in_kind'] or 0:,.0f}",
                    ]
                    for r in per_group
                ],
            ),
            ("Groups flagged, and why", ["Group", "Why"], flagged),
        ],
    )


# The figures the argument for exchange with self-help groups rests on, first on the page:
# (section, figure label).
HEADLINE = (
    ("practitioner", "Referrals made"),
    ("outcomes", "Intensive referrals that reached a first meeting"),
    ("outcomes", "Standard referrals that reached a first meeting"),
    ("board", "Seats held by self-help leaders"),
    ("practitioner", "Staff visits to groups"),
    ("institutional", "Joint events"),
    ("client", "Story sessions held"),
)


@dataclass
class Headline:
    figure: Figure
    previous: object  # the same figure for the period before, or NO_DATA

    @property
    def direction(self) -> str:
        value, before = self.figure.value, self.previous
        if value == NO_DATA:
            return "none"
        if before in (None, NO_DATA, 0) and value:
            return "new"
        if before in (None, NO_DATA):
            return "same"
        return "up" if value > before else "down" if value < before else "same"

    @property
    def change(self) -> str:
        """The change in words, never a blank."""
        direction = self.direction
        if direction == "none":
            return "no figure for this period"
        if direction == "new":
            return "new: none the period before"
        if direction == "same":
            return "the same as the period before"
        difference = abs(self.figure.value - self.previous)
        unit = " points" if self.figure.unit == "%" else ""
        return f"{direction} {difference:g}{unit} on the period before"


def headline(agency, period: Period, sections: list[Section]) -> list[Headline]:
    """The headline row: each figure with the same figure for the period before (computed for
    the rates, whose sections count one period only)."""
    previous = period.previous()
    earlier = {}
    figures = {
        (section.key, figure.label): figure for section in sections for figure in section.figures
    }
    row = []
    for key, label in HEADLINE:
        figure = figures[(key, label)]
        before = figure.previous
        if before is None:
            if key not in earlier:
                earlier[key] = {
                    f.label: f
                    for f in {"board": board, "outcomes": outcomes}[key](agency, previous).figures
                }
            before = earlier[key][label].value
        row.append(Headline(figure, before))
    return row


def dashboard(agency, period: Period) -> list[Section]:
    previous = period.previous()
    sections = [
        board(agency, period),
        executive(agency, period, previous),
        practitioner(agency, period, previous),
        outcomes(agency, period),
        client_level(agency, period, previous),
        institutional(agency, period, previous),
        directory(period),
        autonomy(agency, period),
    ]
    for section in sections:
        # A trend of one month is a number, which the table beside it already gives.
        if (
            section.chart
            and section.chart.get("type") == "line"
            and len(section.chart["labels"]) < 2
        ):
            section.chart = None
    return sections
