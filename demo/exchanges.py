"""The demo exchanges between the agencies and the groups (`data/exchanges.toml`): visits,
training, board seats, formal ties, support and activities. Idempotent: rows are found by natural
keys and never rewritten."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from demo import files
from exchanges.models import Activity, BoardSeat, FormalTie, Support, TrainingSession, Visit
from groups.models import Meeting, Organization, SelfHelpGroup
from liaison.models import Agency, User

FIELDS = {
    "visits": "agency staff group kind days_ago in_days done hours contact_person learned_culture",
    "trainings": "agency title kind days_ago hours groups presenters attendees",
    "board_seats": "holder_name is_self_help_leader group organization term_started_days_ago",
    "ties": "kind group organization status signed_days_ago renews_in_days",
    "support": "group kind days_ago amount in_kind_value description",
    "activities": "kind level days_ago groups partners recorded_by summary",
}


def _saved(row):
    row.full_clean()
    row.save()
    return row


def _money(value):
    return None if value is None else Decimal(str(value))


def seed_exchanges():
    document = files.read("exchanges.toml", fields=f"agency board_term_days {' '.join(FIELDS)}")
    today = timezone.localdate()
    refs = {
        "agency": {agency.slug: agency for agency in Agency.objects.all()},
        "group": {group.slug: group for group in SelfHelpGroup.objects.all()},
        "organization": {org.slug: org for org in Organization.objects.all()},
        "user": {user.email: user for user in User.objects.all()},
    }

    def ref(what, key):
        return files.pick(refs[what], key, what)

    def optional(what, row):
        return ref(what, row[what]) if what in row else None

    agency = ref("agency", document["agency"])
    for row in document.rows("visits", name="group", fields=FIELDS["visits"]):
        with row:
            _seed_visit(row, ref, today)
    for row in document.rows("trainings", name="title", fields=FIELDS["trainings"]):
        with row:
            trainer = ref("agency", row["agency"])
            if TrainingSession.objects.filter(agency=trainer, title=row["title"]).exists():
                continue
            training = _saved(
                TrainingSession(
                    agency=trainer,
                    title=row["title"],
                    kind=row["kind"],
                    held_on=row.day(today),
                    hours=_money(row["hours"]),
                    presenters=row["presenters"],
                )
            )
            training.groups.set([ref("group", slug) for slug in row["groups"]])
            training.attendees.set([ref("user", email) for email in row["attendees"]])
    term = dt.timedelta(days=document["board_term_days"])
    for row in document.rows("board_seats", name="holder_name", fields=FIELDS["board_seats"]):
        with row:
            if BoardSeat.objects.filter(agency=agency, holder_name=row["holder_name"]).exists():
                continue
            start = today - dt.timedelta(days=row["term_started_days_ago"])
            _saved(
                BoardSeat(
                    agency=agency,
                    holder_name=row["holder_name"],
                    is_self_help_leader=row["is_self_help_leader"],
                    group=optional("group", row),
                    organization=optional("organization", row),
                    term_start=start,
                    term_end=start + term,
                )
            )
    for row in document.rows("ties", name="kind", fields=FIELDS["ties"]):
        with row:
            tie = {
                "agency": agency,
                "kind": row["kind"],
                "group": optional("group", row),
                "organization": optional("organization", row),
            }
            if FormalTie.objects.filter(**tie).exists():
                continue
            signed, renews = row.get("signed_days_ago"), row.get("renews_in_days")
            _saved(
                FormalTie(
                    **tie,
                    status=row["status"],
                    signed_on=None if signed is None else today - dt.timedelta(days=signed),
                    renews_on=None if renews is None else today + dt.timedelta(days=renews),
                )
            )
    for row in document.rows("support", name="description", fields=FIELDS["support"]):
        with row:
            support = {
                "agency": agency,
                "group": ref("group", row["group"]),
                "kind": row["kind"],
                "description": row["description"],
            }
            if Support.objects.filter(**support).exists():
                continue
            _saved(
                Support(
                    **support,
                    given_on=row.day(today),
                    amount=_money(row.get("amount")),
                    in_kind_value=_money(row.get("in_kind_value")),
                )
            )
    for row in document.rows("activities", name="summary", fields=FIELDS["activities"]):
        with row:
            if Activity.objects.filter(agency=agency, summary=row["summary"]).exists():
                continue
            activity = _saved(
                Activity(
                    agency=agency,
                    summary=row["summary"],
                    kind=row["kind"],
                    level=row["level"],
                    happened_on=row.day(today),
                    partners=row.get("partners", ""),
                    recorded_by=ref("user", row["recorded_by"]),
                )
            )
            activity.groups.set([ref("group", slug) for slug in row["groups"]])


def _seed_visit(row, ref, today):
    group = ref("group", row["group"])
    kind = row["kind"]
    # A visit to a meeting is to an open one: a group without one is visited through its contact.
    meeting = None
    if kind == Visit.Kind.OPEN_MEETING:
        meeting = Meeting.objects.filter(group=group, status="active", access="open").first()
        if meeting is None:
            kind = Visit.Kind.CONTACT
    visit = {
        "agency": ref("agency", row["agency"]),
        "staff": ref("user", row["staff"]),
        "group": group,
        "kind": kind,
    }
    if Visit.objects.filter(**visit).exists():
        return
    day, done = row.day(today), row["done"]
    _saved(
        Visit(
            **visit,
            meeting=meeting,
            planned_on=day,
            status=Visit.Status.DONE if done else Visit.Status.PLANNED,
            done_on=day if done else None,
            hours=_money(row["hours"]),
            contact_person=row.get("contact_person", ""),
            learned_culture=row.get("learned_culture", ""),
            announce_to_group=not done,
        )
    )
