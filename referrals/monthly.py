"""Referral and follow-up counts by calendar month, from counts kept per agency and day, so
that the dashboard adds up a year in a few hundred small rows instead of counting hundreds of
thousands of records on every view.

- `counts_by_month(agency, family, start, end)` gives each month's counts between two dates,
  exactly: the sum of the kept rows of each day in the range that is current, and the days whose
  row is stale or missing counted from the records in one query. Both ways use the same
  aggregates (`FAMILIES`), so a figure is the same whichever way it was counted.
- Any change to what a row counts marks it stale in the same transaction: a referral saved or
  deleted, a stage reached, a follow-up saved, a client's referrals set aside or restored.
- `refresh()`, the scheduled job `monthly_counts` (every 10 minutes), counts again the stale and
  missing days of the last 25 months. A row is marked current before it is counted: a change
  that lands while it is counted marks it stale again, and is counted on the next run.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, Min, Q, Subquery, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from liaison.models import Agency
from referrals.models import DailyCount, FollowUp, Referral

ON_TIME_DAYS = 7
KEEP_MONTHS = 25  # a year, the year before it for comparison, and the month under way
KINDS = ("standard", "intensive")
STAGES = (("contacted", 1), ("attended", 2), ("engaged", 3))


def _referral_counts():
    counts = {"discharge": Count("pk", filter=Q(at_discharge=True))}
    for kind in KINDS:
        counts[f"made_{kind}"] = Count("pk", filter=Q(kind=kind))
        for stage, level in STAGES:
            counts[f"{stage}_{kind}"] = Count("pk", filter=Q(kind=kind, reached__gte=level))
    return counts


def _followup_counts():
    done = Q(done_on__isnull=False)
    return {
        "due": Count("pk"),
        "done": Count("pk", filter=done),
        "on_time": Count(
            "pk", filter=done & Q(done_on__lte=F("due_on") + dt.timedelta(days=ON_TIME_DAYS))
        ),
        "asked": Count("pk", filter=Q(discussed_in_session__isnull=False)),
        "discussed": Count("pk", filter=Q(discussed_in_session=True)),
    }


@dataclass(frozen=True)
class Family:
    name: str
    date_field: str
    rows: object  # agency id -> the queryset counted
    counts: object  # () -> {key: aggregate}


FAMILIES = {
    "referrals": Family(
        "referrals",
        "made_on",
        lambda agency_id: Referral.objects.filter(agency_id=agency_id, deleted_at__isnull=True),
        _referral_counts,
    ),
    "followups": Family(
        "followups",
        "due_on",
        lambda agency_id: FollowUp.objects.filter(
            referral__agency_id=agency_id, referral__deleted_at__isnull=True
        ),
        _followup_counts,
    ),
}


# --- months -----------------------------------------------------------------------------------


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months, month = [], month_of(start)
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


# --- counting ---------------------------------------------------------------------------------


def _zero(family: Family) -> dict:
    return dict.fromkeys(family.counts(), 0)


def _day_ranges(days):
    """Sorted days as ranges of consecutive days: fewer conditions in the query."""
    ranges = []
    for day in sorted(days):
        if ranges and ranges[-1][1] + dt.timedelta(days=1) == day:
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return [tuple(r) for r in ranges]


def _count_from_records(family: Family, agency_id, days) -> dict:
    """Each of `days`' counts, in one query."""
    if not days:
        return {}
    when = Q()
    for start, end in _day_ranges(days):
        when |= Q(**{f"{family.date_field}__range": (start, end)})
    rows = (
        family.rows(agency_id)
        .filter(when)
        .values(family.date_field)
        .annotate(**family.counts())
        .order_by()
    )
    found = {row.pop(family.date_field): row for row in rows}
    return {day: found.get(day) or _zero(family) for day in days}


@dataclass
class Series:
    """Each month's counts between two dates, and how they were come by."""

    months: dict  # month -> {key: count}
    kept_as_of: dt.datetime | None = None  # the oldest kept row read
    counted_now: list = field(default_factory=list)  # days counted from the records

    def total(self, key) -> int:
        return sum(counts[key] for counts in self.months.values())


def _days(start, end):
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _kept_months(rows, keys) -> dict:
    """Each month's sums of the kept rows, added up by the database, with how many days it kept
    and the oldest row's moment: `{month: (days, as_of, {key: sum})}`."""
    sums = {key: Sum(Cast(KT(f"counts__{key}"), IntegerField())) for key in keys}
    found = {}
    for row in (
        rows.annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(kept_days=Count("pk"), as_of=Min("refreshed_at"), **sums)
        .order_by()
    ):
        month = row.pop("month")
        month = month.date() if isinstance(month, dt.datetime) else month
        found[month] = (row.pop("kept_days"), row.pop("as_of"), row)
    return found


def counts_by_month(agency, family_name: str, start: dt.date, end: dt.date, *, kept=True):
    """Each month's counts from `start` to `end` (inclusive) for the agency. With `kept=False`,
    every day is counted from the records (to check the kept rows against).

    A month whose every day in the range is kept and current is added up by the database; the
    kept days of the other months are read one by one, and the rest counted from the records."""
    family = FAMILIES[family_name]
    days = _days(start, end) if start <= end else []
    keys = list(family.counts())
    months = {month: _zero(family) for month in months_between(start, end)}
    days_of = {}
    for day in days:
        days_of.setdefault(month_of(day), []).append(day)
    moments = []
    partial = set(days_of)
    some_kept = set()  # months with some days kept, not all
    stored = {}
    if kept and days and agency is not None:
        rows = DailyCount.objects.filter(
            agency=agency,
            family=family_name,
            day__range=(start, end),
            stale=False,
            counts__has_keys=keys,
        )
        for month, (kept_days, as_of, sums) in _kept_months(rows, keys).items():
            if kept_days == len(days_of[month]):
                months[month] = {key: sums[key] or 0 for key in keys}
                moments.append(as_of)
                partial.discard(month)
            elif kept_days:
                some_kept.add(month)
        if some_kept:
            when = Q()
            for month in some_kept:
                when |= Q(day__range=(days_of[month][0], days_of[month][-1]))
            for day, counts, refreshed_at in rows.filter(when).values_list(
                "day", "counts", "refreshed_at"
            ):
                stored[day] = counts
                moments.append(refreshed_at)
    missing = [day for month in sorted(partial) for day in days_of[month] if day not in stored]
    counted = _count_from_records(family, agency.pk if agency else None, missing)
    for month in partial:
        for day in days_of[month]:
            for key, n in (stored.get(day) or counted[day]).items():
                months[month][key] += n
    return Series(months, min(moments) if moments else None, missing)


# --- keeping the rows current -----------------------------------------------------------------


def mark_stale(agency_id, family_name: str, days) -> None:
    """The rows of `days` no longer hold the agency's counts."""
    days = {day for day in days if day is not None}
    if agency_id is None or not days:
        return
    DailyCount.objects.filter(
        agency_id=agency_id, family=family_name, day__in=days, stale=False
    ).update(stale=True)


def mark_referrals_stale(referrals) -> None:
    """Referrals set aside or restored in bulk (a client deleted or restored): their days and
    their follow-ups' days."""
    by_agency = {}
    for agency_id, made_on in referrals.values_list("agency_id", "made_on").distinct():
        by_agency.setdefault(agency_id, set()).add(made_on)
    for agency_id, days in by_agency.items():
        mark_stale(agency_id, "referrals", days)
    due = FollowUp.objects.filter(referral__in=referrals).values_list(
        "referral__agency_id", "due_on"
    )
    by_agency = {}
    for agency_id, due_on in due.distinct():
        by_agency.setdefault(agency_id, set()).add(due_on)
    for agency_id, days in by_agency.items():
        mark_stale(agency_id, "followups", days)


def mark_followups_stale(referral_id, days) -> None:
    """Follow-ups of one referral changed: their days, for the referral's agency."""
    days = {day for day in days if day is not None}
    if not days:
        return
    DailyCount.objects.filter(
        agency_id=Subquery(Referral.objects.filter(pk=referral_id).values("agency_id")[:1]),
        family="followups",
        day__in=days,
        stale=False,
    ).update(stale=True)


def refresh(today=None, agencies=None) -> dict:
    """Count again the stale and missing days of the last `KEEP_MONTHS` months, for every
    agency."""
    today = today or timezone.localdate()
    first = month_of(today)
    for _ in range(KEEP_MONTHS - 1):
        first = month_of(first - dt.timedelta(days=1))
    days = _days(first, today)
    agencies = agencies if agencies is not None else Agency.objects.all()
    counted = 0
    for agency in agencies:
        for name, family in FAMILIES.items():
            # Rows for the days not kept yet: after the first run, the day or two since.
            kept = set(
                DailyCount.objects.filter(
                    agency=agency, family=name, day__range=(first, today)
                ).values_list("day", flat=True)
            )
            DailyCount.objects.bulk_create(
                [
                    DailyCount(agency=agency, family=name, day=day)
                    for day in days
                    if day not in kept
                ],
                ignore_conflicts=True,
                batch_size=500,
            )
            due = list(
                DailyCount.objects.filter(agency=agency, family=name, day__range=(first, today))
                .filter(Q(stale=True) | Q(counts__isnull=True))
                .only("pk", "day")
            )
            if not due:
                continue
            # Current from now on: a change from here marks the row stale again.
            DailyCount.objects.filter(pk__in=[row.pk for row in due]).update(stale=False)
            found = _count_from_records(family, agency.pk, [row.day for row in due])
            now = timezone.now()
            for row in due:
                row.counts, row.refreshed_at = found[row.day], now
            # Only the counts: a stale mark set meanwhile stays.
            DailyCount.objects.bulk_update(due, ["counts", "refreshed_at"], batch_size=500)
            counted += len(due)
    return {"days counted": counted}
