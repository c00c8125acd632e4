"""The records behind three of the dashboard's figures — referrals made, follow-ups done on
time, story sessions held — counted by month, by stage and by group, for the readers of the
dashboard, who may not open the office's lists of them (those name clients). Aggregates only,
computed in the database in a fixed number of queries: no client, and no practitioner's
caseload, ever enters a page.

Each page is a list of the dashboard's `Section`s, so that the page, its tables and its CSV
read the same numbers, drawn by the dashboard's own templates and exported by its CSV code."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from pages.dashboard import FUNNEL, NO_DATA, ON_TIME_DAYS, Figure, Section, month_label, rate
from referrals import monthly as monthly_counts
from referrals.models import FollowUp, Referral, StorySession

KINDS = ("standard", "intensive")  # Referral.Kind
TOP_GROUPS = 10


@dataclass
class Page:
    key: str  # as in the address: "referrals" is pages:dashboard_referrals
    title: str
    sections: list
    note: str = ""  # how the page counts, in a sentence or two

    @property
    def charts(self):
        return {section.key: section.chart for section in self.sections if section.chart}


def _share(label, part, whole):
    """A rate figure: "50.0%" with "1 of 2" beside it, or "—" and why."""
    value, detail = rate(part, whole)
    return Figure(label, value, detail, unit="%" if value != NO_DATA else "")


def _by_month(rows, empty):
    """(month, row) in order, with `empty` for each month between the first and the last that
    have records, so that a month with none reads 0 rather than not at all."""
    if not rows:
        return []
    found = {row["month"]: row for row in rows}
    return [
        (month, found.get(month, empty))
        for month in monthly_counts.months_between(min(found), max(found))
    ]


def _bar(labels, series, stacked=False):
    return {
        "type": "bar",
        "labels": labels,
        "series": [{"label": label, "data": data} for label, data in series],
        "stacked": stacked,
    }


# --- referrals ----------------------------------------------------------------------------


def referrals(agency, period) -> Page:
    """Referrals made in the period: by month and kind, how many were made at discharge, how
    far they got (the funnel), and the groups most referred to. Three queries."""
    made = Referral.objects.for_agency(agency).filter(made_on__range=(period.start, period.end))
    monthly = list(
        made.annotate(month=TruncMonth("made_on"))
        .values("month")
        .annotate(
            **{kind: Count("pk", filter=Q(kind=kind)) for kind in KINDS},
            **{
                f"{kind}_discharge": Count("pk", filter=Q(kind=kind, at_discharge=True))
                for kind in KINDS
            },
        )
        .order_by("month")
    )
    funnel = made.aggregate(
        **{
            f"{kind}_{level}": Count("pk", filter=Q(kind=kind, reached__gte=level))
            for kind in KINDS
            for _stage, level in FUNNEL
        }
    )
    groups = list(
        made.values("group", "group__name")
        .annotate(n=Count("pk"), **{kind: Count("pk", filter=Q(kind=kind)) for kind in KINDS})
        .order_by("-n", "group__name", "group")[:TOP_GROUPS]
    )

    empty = dict.fromkeys([*KINDS, *(f"{kind}_discharge" for kind in KINDS)], 0)
    months = _by_month(monthly, empty)
    made_by_kind = {kind: sum(row[kind] for row in monthly) for kind in KINDS}
    discharge = {kind: sum(row[f"{kind}_discharge"] for row in monthly) for kind in KINDS}
    total, total_discharge = sum(made_by_kind.values()), sum(discharge.values())
    month_rows = [
        [
            month_label(month),
            row["standard"],
            row["intensive"],
            row["standard"] + row["intensive"],
            row["standard_discharge"] + row["intensive_discharge"],
        ]
        for month, row in months
    ]
    discharge_rows = [
        [name, made_by_kind[kind], discharge[kind], rate(discharge[kind], made_by_kind[kind])[0]]
        for name, kind in (("Standard", "standard"), ("Intensive", "intensive"))
    ]
    discharge_rows.append(["All", total, total_discharge, rate(total_discharge, total)[0]])
    by_month = Section(
        "referrals-by-month",
        "Referrals made",
        [
            Figure("Referrals made", total),
            Figure("Standard referrals", made_by_kind["standard"]),
            Figure("Intensive referrals", made_by_kind["intensive"]),
            _share("Referrals made at discharge", total_discharge, total),
        ],
        [
            (
                "Referrals by month",
                ["Month", "Standard", "Intensive", "All", "Made at discharge"],
                month_rows,
            ),
            (
                "Referrals made at discharge, by kind",
                ["Kind", "Referrals", "Made at discharge", "Share %"],
                discharge_rows,
            ),
        ],
        _bar(
            [row[0] for row in month_rows],
            [
                ("Standard", [row[1] for row in month_rows]),
                ("Intensive", [row[2] for row in month_rows]),
            ],
            stacked=True,
        ),
    )

    stages = {kind: {stage: funnel[f"{kind}_{level}"] for stage, level in FUNNEL} for kind in KINDS}
    funnel_rows = []
    for stage, _level in FUNNEL:
        line = [stage]
        for kind in KINDS:
            line += [stages[kind][stage], rate(stages[kind][stage], stages[kind]["Made"])[0]]
        funnel_rows.append(line)
    how_far = Section(
        "referrals-funnel",
        "How far the referrals got",
        [
            _share(
                f"{name} referrals that reached a first meeting",
                stages[kind]["Attended"],
                stages[kind]["Made"],
            )
            for name, kind in (("Standard", "standard"), ("Intensive", "intensive"))
        ],
        [
            (
                "The furthest stage each referral reached",
                ["Stage", "Standard", "Standard %", "Intensive", "Intensive %"],
                funnel_rows,
            )
        ],
        _bar(
            [stage for stage, _level in FUNNEL],
            [
                ("Standard", [stages["standard"][s] for s, _ in FUNNEL]),
                ("Intensive", [stages["intensive"][s] for s, _ in FUNNEL]),
            ],
        ),
    )

    most = Section(
        "referrals-groups",
        "The groups referred to most",
        [],
        [
            (
                f"The {TOP_GROUPS} groups most referred to",
                ["Group", "Standard", "Intensive", "All"],
                [
                    [row["group__name"], row["standard"], row["intensive"], row["n"]]
                    for row in groups
                ],
            )
        ],
    )
    return Page(
        "referrals",
        "Referrals",
        [by_month, how_far, most],
        "Referrals made in the period, by the date they were made. A referral counts at each "
        "stage up to the furthest it reached.",
    )


# --- follow-ups ---------------------------------------------------------------------------


def follow_ups(agency, period) -> Page:
    """Follow-ups due in the period, by the month they were due: done on time (within
    ON_TIME_DAYS of due), done late, not done; and whether the group was talked about in
    session. One query."""
    late_after = F("due_on") + dt.timedelta(days=ON_TIME_DAYS)
    monthly = list(
        FollowUp.objects.filter(
            referral__in=Referral.objects.for_agency(agency),
            due_on__range=(period.start, period.end),
        )
        .annotate(month=TruncMonth("due_on"))
        .values("month")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(done_on__isnull=False, done_on__lte=late_after)),
            late=Count("pk", filter=Q(done_on__gt=late_after)),
            not_done=Count("pk", filter=Q(done_on__isnull=True)),
            asked=Count("pk", filter=Q(discussed_in_session__isnull=False)),
            discussed=Count("pk", filter=Q(discussed_in_session=True)),
        )
        .order_by("month")
    )
    keys = ("due", "on_time", "late", "not_done", "asked", "discussed")
    totals = {key: sum(row[key] for row in monthly) for key in keys}
    months = _by_month(monthly, dict.fromkeys(keys, 0))
    done_rows = [
        [month_label(month), row["due"], row["on_time"], row["late"], row["not_done"]]
        for month, row in months
    ]
    session_rows = [
        [
            month_label(month),
            row["asked"],
            row["discussed"],
            rate(row["discussed"], row["asked"])[0],
        ]
        for month, row in months
    ]
    section = Section(
        "follow-ups",
        "Follow-ups",
        [
            Figure("Follow-ups due", totals["due"]),
            _share(
                f"Follow-ups done on time (within {ON_TIME_DAYS} days of due)",
                totals["on_time"],
                totals["due"],
            ),
            Figure("Done late", totals["late"]),
            Figure("Not done", totals["not_done"]),
            _share(
                "Follow-ups where the group was talked about in session",
                totals["discussed"],
                totals["asked"],
            ),
        ],
        [
            (
                "Follow-ups by the month they were due",
                ["Month due", "Due", "Done on time", "Done late", "Not done"],
                done_rows,
            ),
            (
                "Was the group talked about in session? By the month the follow-up was due",
                ["Month due", "Asked", "Talked about", "Share %"],
                session_rows,
            ),
        ],
        _bar(
            [row[0] for row in done_rows],
            [
                ("Done on time", [row[2] for row in done_rows]),
                ("Done late", [row[3] for row in done_rows]),
                ("Not done", [row[4] for row in done_rows]),
            ],
            stacked=True,
        ),
    )
    return Page(
        "follow_ups",
        "Follow-ups",
        [section],
        f"Follow-ups due in the period, by their due date. On time means done within "
        f"{ON_TIME_DAYS} days of the due date; not done counts every follow-up with no date "
        "done, including any that falls due after today. The share talked about in session is "
        "of the follow-ups where the question was answered.",
    )


# --- story sessions -----------------------------------------------------------------------


def stories(agency, period) -> Page:
    """Story sessions held in the period, by month, and how many clients they reached (a
    number the staff recorded: nobody is named). One query."""
    monthly = list(
        StorySession.objects.for_agency(agency)
        .filter(held_on__range=(period.start, period.end))
        .annotate(month=TruncMonth("held_on"))
        .values("month")
        .annotate(n=Count("pk"), reached=Sum("clients_reached", default=0))
        .order_by("month")
    )
    months = _by_month(monthly, {"n": 0, "reached": 0})
    rows = [[month_label(month), row["n"], row["reached"]] for month, row in months]
    section = Section(
        "stories",
        "Story sessions",
        [
            Figure("Story sessions held", sum(row["n"] for row in monthly)),
            Figure("Clients reached", sum(row["reached"] for row in monthly)),
        ],
        [("Story sessions by month", ["Month", "Sessions held", "Clients reached"], rows)],
        _bar(
            [row[0] for row in rows],
            [
                ("Sessions held", [row[1] for row in rows]),
                ("Clients reached", [row[2] for row in rows]),
            ],
        ),
    )
    return Page(
        "stories",
        "Story sessions",
        [section],
        "Sessions where a client who goes to a group told their story to clients early in "
        "recovery, by the date held; clients reached is the number the staff recorded.",
    )


PAGES = {"referrals": referrals, "follow_ups": follow_ups, "stories": stories}
