"""Reads across the agency's exchanges with groups: who in the agency knows a group, the
autonomy watch, and liaison hours against the time allowance."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from exchanges.models import Support, TrainingSession, Visit
from liaison.models import StaffMembership

KNOWLEDGE_DAYS = 365


def who_knows(group, agency, today=None):
    """The agency's staff who visited the group or trained with its members in the last 12
    months, with what they did, and the contact persons they met."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=KNOWLEDGE_DAYS)
    people = {}
    contacts = []
    visits = (
        Visit.objects.for_agency(agency)
        .filter(group=group, status=Visit.Status.DONE, done_on__gte=since, done_on__lte=today)
        .select_related("staff")
        .order_by("-done_on")
    )
    for visit in visits:
        entry = people.setdefault(
            visit.staff_id, {"user": visit.staff, "visits": [], "trainings": []}
        )
        entry["visits"].append(visit)
        if visit.contact_person and visit.contact_person not in contacts:
            contacts.append(visit.contact_person)
    trainings = (
        TrainingSession.objects.for_agency(agency)
        .filter(groups=group, held_on__gte=since, held_on__lte=today)
        .prefetch_related("attendees")
        .order_by("-held_on")
    )
    for training in trainings:
        for user in training.attendees.all():
            entry = people.setdefault(user.pk, {"user": user, "visits": [], "trainings": []})
            entry["trainings"].append(training)
    return list(people.values()), contacts


def autonomy_watch(group, agency, today=None):
    """Why the group should be watched for dependence on the agency (empty when it need not)."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=365)
    support = Support.objects.for_agency(agency).filter(group=group, given_on__gte=since)
    totals = support.aggregate(amount=Sum("amount"), in_kind=Sum("in_kind_value"))
    value = (totals["amount"] or Decimal(0)) + (totals["in_kind"] or Decimal(0))
    in_agency_space = support.filter(kind=Support.Kind.SPACE).exists()
    return watch_reasons(value, in_agency_space, group.autonomy), value


def watch_reasons(value, in_agency_space: bool, autonomy: str) -> list[str]:
    """The autonomy watch's rule, given 12 months of support to one group."""
    reasons = []
    if value >= settings.AUTONOMY_WATCH_VALUE:
        reasons.append(
            f"Support worth ${value:,.0f} in the last 12 months (watch from "
            f"${settings.AUTONOMY_WATCH_VALUE:,.0f})."
        )
    if in_agency_space:
        reasons.append("Meets in space the agency provides.")
    if autonomy == "facilitated":
        reasons.append("Facilitated by professionals.")
    elif autonomy == "agency_hosted":
        reasons.append("An agency-hosted peer programme.")
    return reasons


def liaison_hours(agency, start: dt.date, end: dt.date):
    """Per staff member with a liaison allowance: hours allowed in [start, end] and hours used
    on visits and training — the office's time allowance arithmetic."""
    weeks = Decimal((end - start).days + 1) / 7
    visit_hours = Sum(
        "user__visits__hours",
        filter=Q(
            user__visits__status=Visit.Status.DONE,
            user__visits__done_on__range=(start, end),
            user__visits__agency=agency,
        ),
    )
    members = (
        StaffMembership.objects.for_agency(agency)
        .active()
        .filter(liaison_hours_per_week__gt=0)
        .select_related("user", "unit")
        .annotate(visit_hours=visit_hours)
        .order_by("user__full_name")
    )
    training_hours = dict(
        TrainingSession.objects.for_agency(agency)
        .filter(held_on__range=(start, end))
        .values_list("attendees")
        .annotate(total=Sum("hours"))
        .values_list("attendees", "total")
    )
    rows = []
    for member in members:
        allowed = (member.liaison_hours_per_week * weeks).quantize(Decimal("0.1"))
        used = (member.visit_hours or Decimal(0)) + (training_hours.get(member.user_id) or 0)
        rows.append(
            {
                "membership": member,
                "allowed": allowed,
                "visits": member.visit_hours or Decimal(0),
                "training": training_hours.get(member.user_id) or Decimal(0),
                "used": used,
                "left": allowed - used,
            }
        )
    return rows
