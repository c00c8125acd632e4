"""What the office home asks of a liaison today, as counts that link to the work: new groups,
suggestions, checks due, requests to keep a listing, ties to renew."""

from dataclasses import dataclass

from django.urls import reverse

from exchanges.models import FormalTie
from groups.listing import queue
from liaison.permissions import Can, can


@dataclass(frozen=True)
class Task:
    count: int
    one: str
    many: str
    url: str

    @property
    def label(self) -> str:
        return self.one if self.count == 1 else self.many


def todo(user) -> list[Task]:
    """The non-empty items of the user's to-do, in the order they are best done."""
    tasks = []
    listings = reverse("groups_office:listings")
    if can(user, Can.KEEP_LISTINGS):
        tasks += [
            Task(queue.new_group_requests().count(), "new group", "new groups", listings),
            Task(
                queue.keep_requests().count(),
                "request to keep a listing",
                "requests to keep a listing",
                listings,
            ),
            Task(queue.suggestions().count(), "suggestion", "suggestions", listings),
            Task(queue.checks_due().count(), "check due", "checks due", listings),
        ]
    if can(user, Can.KEEP_TIES):
        ties = FormalTie.objects.for_user(user).filter(FormalTie.due_for_renewal())
        tasks.append(Task(ties.count(), "tie to renew", "ties to renew", reverse("exchanges:ties")))
    return [task for task in tasks if task.count]
