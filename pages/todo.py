"""The office home's work queue: what waits for the person who opens it, in the order it is best
done. Each kind of work is a count, its first few items and a link to the whole list; only the
kinds the person's role may do are looked at (`liaison.permissions`), and only their own agency's
records (`for_user`): a practitioner's follow-ups are of the referrals they made, in their agency.

Each kind costs one query, with ten items or ten thousand (`liaison.paging.first_rows`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchanges.models import FormalTie
from groups.listing import queue
from liaison.paging import first_rows
from liaison.permissions import Can, can
from referrals.models import FollowUp

SHOWN = 3  # the first items of each kind on the office home


@dataclass(frozen=True)
class Item:
    text: str
    url: str
    detail: str = ""
    late: bool = False  # overdue, expired or never checked: shown as a warning


@dataclass(frozen=True)
class Task:
    key: str
    count: int
    label: str  # what is counted, after the count: "follow-ups to record"
    url: str  # the whole list
    items: tuple

    @property
    def more(self) -> int:
        """How many the office home does not show."""
        return self.count - len(self.items)


def _day(day) -> str:
    """A date, or the local date of a moment, as "Mar 3"."""
    if isinstance(day, dt.datetime):
        day = timezone.localdate(day)
    return date_format(day, "M j")


def _follow_ups(user, today) -> Task:
    count, rows = first_rows(
        FollowUp.objects.to_record(user, today)
        .select_related("referral__client", "referral__group")
        .order_by("due_on", "pk"),
        SHOWN,
    )
    items = []
    for followup in rows:
        late = followup.due_on < today
        when = (_("overdue since %(day)s") if late else _("due %(day)s")) % {
            "day": _day(followup.due_on)
        }
        items.append(
            Item(
                text=f"{followup.referral.client} → {followup.referral.group}",
                url=reverse("referrals:followup", args=[followup.pk]),
                detail=_("%(days)s-day follow-up, %(when)s")
                % {"days": followup.offset_days, "when": when},
                late=late,
            )
        )
    return Task(
        "follow-ups",
        count,
        ngettext("follow-up to record", "follow-ups to record", count),
        reverse("referrals:list") + "?due=1",
        tuple(items),
    )


def _new_groups(listings) -> Task:
    count, rows = first_rows(
        queue.new_group_requests().select_related("group").order_by("created_at", "pk"), SHOWN
    )
    items = tuple(
        Item(
            text=request.group.name,
            url=reverse("groups_office:new_group", args=[request.pk]),
            detail=_("asked %(day)s") % {"day": _day(request.created_at)},
        )
        for request in rows
    )
    label = ngettext("new group waiting for review", "new groups waiting for review", count)
    return Task("new-groups", count, label, f"{listings}#new-title", items)


def _keep_requests(listings) -> Task:
    count, rows = first_rows(
        queue.keep_requests().select_related("group").order_by("created_at", "pk"), SHOWN
    )
    items = tuple(
        Item(
            text=_("%(name)s asks to keep %(group)s")
            % {"name": keep.name, "group": keep.group.name},
            url=f"{listings}#keep-title",
            detail=_day(keep.created_at),
        )
        for keep in rows
    )
    label = ngettext("request to keep a listing", "requests to keep a listing", count)
    return Task("keep-requests", count, label, f"{listings}#keep-title", items)


def _suggestions(listings) -> Task:
    count, rows = first_rows(
        queue.suggestions().select_related("group").order_by("created_at", "pk"), SHOWN
    )
    items = tuple(
        Item(
            text=suggestion.group.name,
            url=reverse("groups:suggestion", args=[suggestion.group.slug, suggestion.pk]),
            detail=_("from %(whom)s, %(day)s")
            % {"whom": suggestion.from_whom, "day": _day(suggestion.created_at)},
        )
        for suggestion in rows
    )
    label = ngettext("suggestion to review", "suggestions to review", count)
    return Task("suggestions", count, label, f"{listings}#sugg-title", items)


def _checks_due(listings, now) -> Task:
    # The longest unchecked first, as on the listings page.
    count, rows = first_rows(
        queue.checks_due(now)
        .order_by(F("verified_at").asc(nulls_first=True), "name")
        .only("slug", "name", "verified_at"),
        SHOWN,
    )
    items = []
    for group in rows:
        if group.verified_at is None:
            detail = _("never checked")
        else:
            detail = _("last checked %(day)s") % {
                "day": date_format(timezone.localdate(group.verified_at), "M j, Y")
            }
        items.append(
            Item(
                text=group.name,
                url=reverse("groups:manage", args=[group.slug]),
                detail=detail,
                late=group.is_stale(now),
            )
        )
    label = ngettext("listing check due", "listing checks due", count)
    return Task("checks", count, label, f"{listings}#due-title", tuple(items))


def _ties(user, today) -> Task:
    count, rows = first_rows(
        FormalTie.objects.for_user(user)
        .filter(FormalTie.due_for_renewal(today))
        .select_related("group", "organization")
        .order_by("renews_on", "pk"),
        SHOWN,
    )
    items = []
    for tie in rows:
        late = tie.has_expired(today)
        detail = (_("expired %(day)s") if late else _("renew by %(day)s")) % {
            "day": _day(tie.renews_on)
        }
        items.append(
            Item(
                text=str(tie),
                url=reverse("exchanges:ties_edit", args=[tie.pk]),
                detail=detail,
                late=late,
            )
        )
    label = ngettext("tie to renew", "ties to renew", count)
    return Task("ties", count, label, reverse("exchanges:ties"), tuple(items))


def may_have_work(user) -> bool:
    """Has the user's role any kind of work the queue looks at?"""
    return any(can(user, c) for c in (Can.REFER_CLIENTS, Can.KEEP_LISTINGS, Can.KEEP_TIES))


def todo(user, now=None) -> list[Task]:
    """The non-empty kinds of work waiting for `user`, in the order they are best done: the
    clients first, then the listings (new groups are the most fragile), then the ties."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    tasks = []
    if can(user, Can.REFER_CLIENTS):
        tasks.append(_follow_ups(user, today))
    if can(user, Can.KEEP_LISTINGS):
        listings = reverse("groups_office:listings")
        tasks += [
            _new_groups(listings),
            _keep_requests(listings),
            _suggestions(listings),
            _checks_due(listings, now),
        ]
    if can(user, Can.KEEP_TIES):
        tasks.append(_ties(user, today))
    return [task for task in tasks if task.count]
