"""The executive exchange dashboard: every level of the agency's exchange with self-help groups,
for a date range, computed from the records with aggregates in the database. Aggregates only:
no client identity ever enters it.

Each section is a list of `Figure`s (a label, a value, the counts behind it) and, where people
would rather look, a chart series; the page, its tables and the CSV export read the same
figures, so their numbers agree."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, TruncMonth
from django.urls import reverse
from django.utils import timezone

from events.models import JointEvent, Partner, illness_awareness_week
from exchanges.knowledge import watch_reasons
from exchanges.models import BoardSeat, FormalTie, Support, TrainingSession, Visit
from groups.models import DirectoryUsage, GroupLeadership, SelfHelpGroup, stale_before
from liaison.models import StaffMembership
from referrals import monthly
from referrals.models import Referral, StorySession
from surveys.results import latest_client_figures

NO_DATA = "—"
ON_TIME_DAYS = monthly.ON_TIME_DAYS


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
    # `link` lists the records the figure counts when given the period (`?from=…&to=…`).
    period_link: bool = False


@dataclass
class Section:
    key: str
    title: str
    figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)  # (caption, headers, rows)
    chart: dict | None = None


@dataclass
class Counted:
    """The referral and follow-up counts by month that several sections read: for the period,
    for the period before, and for the 12 months the headline's trend lines cover (from the
    kept monthly rows, the edge months counted from the records; `referrals.monthly`)."""

    referrals: monthly.Series
    referrals_before: monthly.Series
    followups: monthly.Series
    followups_before: monthly.Series
    trend_referrals: monthly.Series

    @classmethod
    def count(cls, agency, period):
        previous = period.previous()

        def series(family, p):
            return monthly.counts_by_month(agency, family, p.start, p.end)

        window = trend_window(period)
        referrals = series("referrals", period)
        if period.start <= window.start and window.end <= period.end:
            # The 12 months lie inside the period: their counts are the period's own.
            trend = monthly.Series(
                {m: c for m, c in referrals.months.items() if m >= window.start},
                referrals.kept_as_of,
            )
        else:
            trend = series("referrals", window)
        return cls(
            referrals,
            series("referrals", previous),
            series("followups", period),
            series("followups", previous),
            trend,
        )

    @property
    def kept_as_of(self):
        """The oldest kept row read, or None when every month was counted now."""
        moments = [
            s.kept_as_of
            for s in (self.referrals, self.referrals_before, self.followups, self.followups_before)
            if s.kept_as_of
        ]
        return min(moments) if moments else None


def months_before(month, n):
    for _ in range(n):
        month = monthly.month_of(month - dt.timedelta(days=1))
    return month


def trend_window(period) -> "Period":
    """The 12 whole calendar months to the period's end: a month under way would draw as a fall
    at the end of every line."""
    last = monthly.month_of(period.end)
    if period.end < monthly.next_month(last) - dt.timedelta(days=1):
        last = months_before(last, 1)
    return Period(months_before(last, 11), monthly.next_month(last) - dt.timedelta(days=1))


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


def _seats_at(agency, day):
    return BoardSeat.objects.for_agency(agency).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=day), term_start__lte=day
    )


def board(agency, period, previous):
    seats = _seats_at(agency, period.end)
    counts = seats.aggregate(
        total=Count("pk"), leaders=Count("pk", filter=Q(is_self_help_leader=True))
    )
    before = _seats_at(agency, previous.end).aggregate(
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
            Figure("Board seats", counts["total"], "at the end of the period", before["total"]),
            _figure_rate(
                "Seats held by self-help leaders",
                counts["leaders"],
                counts["total"],
                (before["leaders"], before["total"]),
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
                period_link=True,
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


def _practitioners_who_know_a_group(agency, *days):
    """For each of `days`: active practitioners who visited a self-help group in the 12 months
    to it, and all of them, in one query."""
    practitioners = StaffMembership.objects.for_agency(agency).active().filter(role="practitioner")

    def visited(day):
        return Exists(
            Visit.objects.for_agency(agency).filter(
                staff=OuterRef("user_id"),
                status="done",
                done_on__range=(day - dt.timedelta(days=364), day),
            )
        )

    counts = practitioners.aggregate(
        n=Count("pk"), **{f"know{i}": Count("pk", filter=visited(d)) for i, d in enumerate(days)}
    )
    return [(counts[f"know{i}"], counts["n"]) for i in range(len(days))]


def practitioner(agency, period, previous, counted):
    # The period's visits and the period before's, in one read.
    done = Visit.objects.for_agency(agency).filter(
        status="done", done_on__range=(min(period.start, previous.start), period.end)
    )
    sums = {}
    for key, p in (("now", period), ("before", previous)):
        within = Q(done_on__range=(p.start, p.end))
        sums |= {
            f"{key}_n": Count("pk", filter=within),
            f"{key}_hours": Sum("hours", filter=within),
            f"{key}_staff": Count("staff", distinct=True, filter=within),
        }
    found = done.aggregate(**sums)
    now, before = (
        {part: found[f"{key}_{part}"] for part in ("n", "hours", "staff")}
        for key in ("now", "before")
    )
    year_before = period.end - dt.timedelta(days=364)
    # The groups someone visited in the 12 months to the period's end, and the period's
    # referrals per group: coverage and the most referred groups nobody visited, from two
    # grouped reads instead of a join per group.
    visited = set(
        Visit.objects.for_agency(agency)
        .filter(status="done", done_on__range=(year_before, period.end))
        .values_list("group_id", flat=True)
        .order_by()
        .distinct()
    )
    active = set(SelfHelpGroup.objects.active().order_by().values_list("pk", flat=True))
    active_count, covered = len(active), len(active & visited)
    per_group = (
        Referral.objects.for_agency(agency)
        .filter(made_on__range=(period.start, period.end))
        .values_list("group_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    counts = sorted(((n, group) for group, n in per_group if group not in visited), reverse=True)
    # The five most referred, ties at the fifth place broken by name as the table lists them.
    fifth = counts[4][0] if len(counts) >= 5 else 0
    top = [(n, group) for n, group in counts if n >= fifth]
    names = dict(SelfHelpGroup.objects.filter(pk__in=[g for _, g in top]).values_list("pk", "name"))
    unvisited = sorted(
        ({"group__name": names[g], "n": n} for n, g in top),
        key=lambda row: (-row["n"], row["group__name"]),
    )[:5]
    know_now, know_before = _practitioners_who_know_a_group(agency, period.end, previous.end)
    made = counted.referrals
    made_before = counted.referrals_before
    n = made.total("made_standard") + made.total("made_intensive")
    n_before = made_before.total("made_standard") + made_before.total("made_intensive")
    month_rows = [
        [month_label(month), counts["made_standard"], counts["made_intensive"]]
        for month, counts in made.months.items()
    ]
    return Section(
        "practitioner",
        "Practitioners",
        [
            Figure(
                "Staff visits to groups",
                now["n"],
                "",
                before["n"],
                reverse("exchanges:visits"),
                period_link=True,
            ),
            Figure("Visit hours", now["hours"] or 0, "", before["hours"] or 0),
            Figure("Staff who visited", now["staff"], "", before["staff"]),
            _figure_rate(
                "Practitioners who know a group (visited one in the 12 months to the period's end)",
                *know_now,
                know_before,
            ),
            _figure_rate(
                "Coverage: active groups someone visited in 12 months",
                covered,
                active_count,
                link=reverse("groups:directory"),
            ),
            Figure(
                "Referrals made",
                n,
                "",
                n_before,
                reverse("referrals:list"),
                fallback=reverse("pages:dashboard_referrals"),
                period_link=True,
            ),
            _figure_rate(
                "Referrals made at discharge",
                made.total("discharge"),
                n,
                (made_before.total("discharge"), n_before),
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
            "caption": "Referrals made each month, standard and intensive",
            "labels": [row[0] for row in month_rows],
            "series": [
                {"label": "Standard", "data": [row[1] for row in month_rows]},
                {"label": "Intensive", "data": [row[2] for row in month_rows]},
            ],
            "stacked": True,
        },
    )


FUNNEL = [("Made", 0), ("Contacted", 1), ("Attended", 2), ("Engaged", 3)]


KINDS = ("standard", "intensive")


def _funnel(series):
    """Each kind's count at each stage of the funnel."""
    return {
        kind: {
            stage: series.total(f"{'made' if level == 0 else stage.lower()}_{kind}")
            for stage, level in FUNNEL
        }
        for kind in KINDS
    }


def outcomes(agency, period, counted):
    rows = _funnel(counted.referrals)
    before = _funnel(counted.referrals_before)
    table = []
    for stage, _ in FUNNEL:
        line = [stage]
        for kind in KINDS:
            line += [rows[kind][stage], rate(rows[kind][stage], rows[kind]["Made"])[0]]
        table.append(line)
    figures = [
        _figure_rate(
            f"{kind.capitalize()} referrals that reached a first meeting",
            rows[kind]["Attended"],
            rows[kind]["Made"],
            (before[kind]["Attended"], before[kind]["Made"]),
        )
        for kind in KINDS
    ]
    due, due_before = counted.followups, counted.followups_before
    figures.append(
        _figure_rate(
            f"Follow-ups done on time (within {ON_TIME_DAYS} days of due)",
            due.total("on_time"),
            due.total("due"),
            (due_before.total("on_time"), due_before.total("due")),
            # The referrals list cannot show the follow-ups due in the period: their counts.
            fallback=reverse("pages:dashboard_follow_ups"),
        )
    )
    # The paper's point: self-help enriches therapy when the group is talked about in it.
    figures.append(
        _figure_rate(
            "Follow-ups where the group was talked about in session",
            due.total("discussed"),
            due.total("asked"),
            (due_before.total("discussed"), due_before.total("asked")),
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
            "caption": "How far the referrals got: standard beside intensive",
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
                period_link=True,
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
            Figure(
                "Joint events",
                totals["n"],
                "",
                before["n"],
                reverse("events:office_events"),
                period_link=True,
            ),
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
            "caption": "Joint events each quarter",
            "labels": list(quarters),
            "series": [{"label": "Joint events", "data": list(quarters.values())}],
        },
    )


def directory(period, previous):
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
    used_before = DirectoryUsage.objects.filter(
        day__range=(previous.start, previous.end), audience="public"
    ).aggregate(n=Sum("count", default=0))["n"]
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
            _figure_rate("Listings checked in the last 12 months", counts["fresh"], counts["n"]),
            Figure(
                "Stale listings",
                counts["n"] - counts["fresh"],
                "",
                None,
                reverse("groups:directory") + "?fresh=stale",
            ),
            _figure_rate("Kept by their own leader", with_leader, counts["n"]),
            Figure(
                "Directory use: public searches and page views",
                sum(row[1] + row[3] for row in rows),
                "",
                used_before,
            ),
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
            "caption": "Directory use each month",
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
                period_link=True,
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
# (section, figure label, its trend over 12 months, or None where none is kept).
PRACTITIONERS_WHO_KNOW = (
    "Practitioners who know a group (visited one in the 12 months to the period's end)"
)
HEADLINE = (
    ("practitioner", PRACTITIONERS_WHO_KNOW, "know"),
    ("practitioner", "Referrals made", "referrals"),
    ("outcomes", "Intensive referrals that reached a first meeting", "reached_intensive"),
    ("outcomes", "Standard referrals that reached a first meeting", "reached_standard"),
    ("directory", "Listings checked in the last 12 months", None),
    ("board", "Seats held by self-help leaders", "seats"),
    ("practitioner", "Staff visits to groups", "visits"),
    ("institutional", "Joint events", "events"),
    ("client", "Story sessions held", "stories"),
    ("directory", "Directory use: public searches and page views", "use"),
)
SHORT_LABELS = {
    PRACTITIONERS_WHO_KNOW: "Practitioners who know a group",
    "Listings checked in the last 12 months": "Listings checked in 12 months",
    "Directory use: public searches and page views": "Directory use (public)",
}


@dataclass
class Headline:
    figure: Figure
    previous: object  # the same figure for the period before, or NO_DATA
    trend: list = field(default_factory=list)  # (month, value or None) for 12 months
    why_no_previous: str = ""

    @property
    def label(self):
        return SHORT_LABELS.get(self.figure.label, self.figure.label)

    @property
    def shown(self) -> str:
        """The value as people read it: 29,359, 33.3%."""
        value = self.figure.value
        if isinstance(value, int):
            return f"{value:,}"
        return f"{value}{self.figure.unit}"

    @property
    def direction(self) -> str:
        value, before = self.figure.value, self.previous
        if value == NO_DATA:
            return "none"
        if self.why_no_previous:
            return "unknown"
        # A rate of 0 % the period before is a figure; a count of 0 is "none".
        nothing_before = before in (None, NO_DATA) or (before == 0 and self.figure.unit != "%")
        if nothing_before and (value or self.figure.unit == "%"):
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
        if direction == "unknown":
            return self.why_no_previous
        if direction == "new":
            return "new: none the period before"
        if direction == "same":
            return "the same as the period before"
        difference = abs(self.figure.value - self.previous)
        unit = " points" if self.figure.unit == "%" else ""
        return f"{direction} {float(difference):,g}{unit} on the period before"

    @property
    def drawn(self) -> bool:
        """A line needs two months with a value."""
        return sum(value is not None for _, value in self.trend) >= 2

    @property
    def points(self) -> str:
        """The trend as the points of an SVG polyline in a 100 × 24 box (gaps left out)."""
        values = [v for _, v in self.trend if v is not None]
        low, high = min(values), max(values)
        span = (high - low) or 1
        step = 100 / (len(self.trend) - 1)
        return " ".join(
            f"{i * step:.1f},{22 - 20 * (v - low) / span:.1f}"
            for i, (_, v) in enumerate(self.trend)
            if v is not None
        )

    @property
    def trend_text(self) -> str:
        """The line in words, for those who do not see it."""
        known = [(m, v) for m, v in self.trend if v is not None]
        unit = self.figure.unit
        (first, a), (last, b) = known[0], known[-1]
        low, high = min(v for _, v in known), max(v for _, v in known)
        return (
            f"Trend by month: {a:g}{unit} in {month_label(first)}, "
            f"{b:g}{unit} in {month_label(last)}; lowest {low:g}{unit}, highest {high:g}{unit}."
        )


def _by_month(queryset, date_field, window, value=None):
    """A count (or `value`, a sum) for each month of the window, in one query."""
    day = f"{date_field}__date" if date_field == "starts_at" else date_field
    rows = (
        queryset.filter(**{f"{day}__range": (window.start, window.end)})
        .annotate(month=TruncMonth(date_field))
        .values("month")
        .annotate(n=value or Count("pk"))
        .values_list("month", "n")
    )
    found = {}
    for month, n in rows:
        month = month.date() if isinstance(month, dt.datetime) else month
        found[month] = n or 0
    return [(m, found.get(m, 0)) for m in monthly.months_between(window.start, window.end)]


def _month_end(month):
    return monthly.next_month(month) - dt.timedelta(days=1)


def trends(agency, period, counted) -> dict:
    """Each headline figure's value for each of the 12 months that end with the period's."""
    window = trend_window(period)
    months = monthly.months_between(window.start, window.end)
    made = counted.trend_referrals.months

    def share(part, whole):
        return float(rate(part, whole)[0]) if whole else None

    seats = list(
        BoardSeat.objects.for_agency(agency).values_list(
            "term_start", "term_end", "is_self_help_leader"
        )
    )

    def seats_share(day):
        held = [leader for start, end, leader in seats if start <= day and (not end or end >= day)]
        return share(sum(held), len(held))

    # Who visited, by month, from 11 months before the window: each month's "12 months to
    # its end" reads the months before it.
    practitioners = set(
        StaffMembership.objects.for_agency(agency)
        .active()
        .filter(role="practitioner")
        .values_list("user_id", flat=True)
    )
    visitors = {}
    for staff, month in (
        Visit.objects.for_agency(agency)
        .filter(status="done", done_on__range=(months_before(window.start, 11), window.end))
        .values_list("staff_id", TruncMonth("done_on"))
        .order_by()
        .distinct()
    ):
        month = month.date() if isinstance(month, dt.datetime) else month
        visitors.setdefault(month, set()).add(staff)

    def knowing(month):
        seen = set()
        for back in range(12):
            seen |= visitors.get(months_before(month, back), set())
        return share(len(seen & practitioners), len(practitioners))

    events = JointEvent.objects.for_agency(agency).exclude(status="cancelled")
    return {
        "referrals": [(m, made[m]["made_standard"] + made[m]["made_intensive"]) for m in months],
        "reached_intensive": [
            (m, share(made[m]["attended_intensive"], made[m]["made_intensive"])) for m in months
        ],
        "reached_standard": [
            (m, share(made[m]["attended_standard"], made[m]["made_standard"])) for m in months
        ],
        "seats": [(m, seats_share(min(_month_end(m), period.end))) for m in months],
        "know": [(m, knowing(m)) for m in months],
        "visits": _by_month(
            Visit.objects.for_agency(agency).filter(status="done"), "done_on", window
        ),
        "events": _by_month(events, "starts_at", window),
        "stories": _by_month(StorySession.objects.for_agency(agency), "held_on", window),
        "use": _by_month(
            DirectoryUsage.objects.filter(audience="public"),
            "day",
            window,
            Sum("count", default=0),
        ),
    }


NOT_KEPT = "no figure for the period before: only the latest check of each listing is kept"


def headline(agency, period: Period, sections: list[Section], counted=None) -> list[Headline]:
    """The headline row: each figure with the same figure for the period before, and its trend
    over the 12 months that end with the period's last month."""
    counted = counted or Counted.count(agency, period)
    lines = trends(agency, period, counted)
    figures = {
        (section.key, figure.label): figure for section in sections for figure in section.figures
    }
    row = []
    for key, label, trend in HEADLINE:
        figure = figures[(key, label)]
        if trend is None:
            row.append(Headline(figure, NO_DATA, why_no_previous=NOT_KEPT))
        else:
            row.append(Headline(figure, figure.previous, lines[trend]))
    return row


def dashboard(agency, period: Period, counted=None) -> list[Section]:
    previous = period.previous()
    counted = counted or Counted.count(agency, period)
    sections = [
        board(agency, period, previous),
        executive(agency, period, previous),
        practitioner(agency, period, previous, counted),
        outcomes(agency, period, counted),
        client_level(agency, period, previous),
        institutional(agency, period, previous),
        directory(period, previous),
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


# --- the figures kept between views ---------------------------------------------------------

# Changed whenever the kept objects change shape, so that a deployment never reads a picture
# kept by the code before it.
PICTURE_VERSION = 1


@dataclass
class Picture:
    """Everything the dashboard shows for a period, and when it was counted."""

    period: Period
    sections: list
    headline: list
    counted_as_of: dt.datetime | None  # the oldest kept daily count read (`Counted`)
    made_at: dt.datetime


def _picture_key(agency, period):
    return f"dashboard:{PICTURE_VERSION}:{agency.pk}:{period.start}:{period.end}"


def picture(agency, period: Period, *, again=False) -> Picture:
    """The dashboard's figures for the period: as kept in the cache when counted less than
    `DASHBOARD_KEEP_SECONDS` ago (and `again` is not asked), else counted now and kept. Each
    call returns its own copy (the cache keeps them pickled), which the view may change."""
    seconds = settings.DASHBOARD_KEEP_SECONDS
    key = _picture_key(agency, period)
    if seconds and not again:
        try:
            kept = cache.get(key)
        except Exception:  # a picture the cache cannot give back is counted again
            kept = None
        if isinstance(kept, Picture):
            return kept
    counted = Counted.count(agency, period)
    sections = dashboard(agency, period, counted)
    made = Picture(
        period,
        sections,
        headline(agency, period, sections, counted),
        counted.kept_as_of,
        timezone.now(),
    )
    if seconds:
        cache.set(key, made, seconds)
    return made


def count_pictures(agencies, today=None) -> dict:
    """Count each agency's last 12 months again and keep them: the dashboard as most open it."""
    period = Period.last_12_months(today or timezone.localdate())
    n = 0
    for agency in agencies:
        picture(agency, period, again=True)
        n += 1
    return {"agencies counted": n}
