"""Possible duplicates: a new group asking to be listed, or one an import would create, that looks
like a group already in the directory. A warning for a person to judge, never a block.

A group looks like another when it has
- the same name and the same town: names compared by their letters and digits alone, in any case
  ("St. Mark's Group" is "st marks group"), towns the same way; a listed group's towns are the
  cities of its meetings' places, a request's town the city it gives for its first meeting;
- or the same contact email (in any case), or the same contact phone (its digits alone, at least
  seven): a listed group's public email and phone and those of its contacts.

Nothing is guessed: a group without a town is compared by its contacts only. The directory is read
once into a lookup, in three queries however many groups are checked against it and however large
the directory is (`Directory`)."""

import functools
import unicodedata
from dataclasses import dataclass, field

from django.urls import reverse

from groups.models import Contact, Meeting, NewGroupRequest, SelfHelpGroup

SAME_NAME_AND_TOWN = "same name and town"
SAME_EMAIL = "same contact email"
SAME_PHONE = "same contact phone"
# Fewer digits than a local number (an extension, "911") identify no one.
MIN_PHONE_DIGITS = 7


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A name or town by its letters and digits alone, in any case. Kept for the names and
    towns seen: a directory repeats them thousands of times."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(character for character in folded if character.isalnum())


def email_key(text: str) -> str:
    return (text or "").strip().casefold()


def phone_key(text: str) -> str:
    digits = "".join(character for character in text or "" if character.isdigit())
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""


@dataclass
class Candidate:
    """A group to check: its name, the towns it meets in, its contact emails and phones."""

    name: str
    towns: list = field(default_factory=list)
    emails: list = field(default_factory=list)
    phones: list = field(default_factory=list)


@dataclass
class Match:
    """A group already in the directory that the candidate looks like, and why."""

    pk: int
    name: str
    url: str
    # A group still asking to be listed: `url` is its review page.
    waiting: bool
    # Where it came from: an import's source, or "" when entered here.
    source: str
    reasons: list = field(default_factory=list)


@dataclass
class _Listed:
    pk: int
    name: str
    # The group's page, or its request's review page while it waits (`url`, made for matches
    # only: reversing an address for each of thousands of groups took most of the time).
    slug: str
    request_pk: int | None
    waiting: bool
    source: str
    key: str

    @property
    def url(self) -> str:
        if self.waiting:
            return reverse("groups_office:new_group", args=[self.request_pk])
        return reverse("groups:detail", args=[self.slug])


class Directory:
    """The groups listed, or asking to be, as lookups by name and town, email and phone."""

    def __init__(self, names=None):
        """`names`: the names of the groups to be checked, when known; the towns of only the
        groups named like one of them are then read (checking a few requests against thousands
        of groups read every meeting's town before)."""
        self.groups: dict[int, _Listed] = {}
        self.by_name_town: dict[tuple[str, str], set[int]] = {}
        self.by_email: dict[str, set[int]] = {}
        self.by_phone: dict[str, set[int]] = {}
        statuses = [SelfHelpGroup.Status.ACTIVE, SelfHelpGroup.Status.PENDING]
        names_of = {}
        rows = SelfHelpGroup.objects.filter(status__in=statuses).values(
            "pk",
            "name",
            "slug",
            "status",
            "public_email",
            "public_phone",
            "import_source",
            "import_key",
            "listing_request__pk",
            "listing_request__decision",
            "listing_request__first_city",
            "listing_request__contact_email",
            "listing_request__contact_phone",
        )
        for row in rows:
            waiting = (
                row["status"] == SelfHelpGroup.Status.PENDING
                and row["listing_request__decision"] == NewGroupRequest.Decision.PENDING
            )
            if row["status"] == SelfHelpGroup.Status.PENDING and not waiting:
                continue  # pending without a request waiting: not shown anywhere
            self.groups[row["pk"]] = _Listed(
                row["pk"],
                row["name"],
                row["slug"],
                row["listing_request__pk"],
                waiting,
                row["import_source"],
                row["import_key"],
            )
            names_of[row["pk"]] = name_key(row["name"])
            self._add_contact(row["pk"], row["public_email"], row["public_phone"])
            if waiting:
                # A request has no meetings yet: its town and contact are those it gave.
                self._add_town(row["pk"], names_of[row["pk"]], row["listing_request__first_city"])
                self._add_contact(
                    row["pk"],
                    row["listing_request__contact_email"],
                    row["listing_request__contact_phone"],
                )
        towns = Meeting.objects.filter(group__status__in=statuses, location__isnull=False)
        if names is not None:
            wanted = {name_key(name) for name in names} - {""}
            towns = towns.filter(group__in=[pk for pk, key in names_of.items() if key in wanted])
        towns = (
            towns.exclude(status=Meeting.Status.ENDED)
            .exclude(location__city="")
            .values_list("group_id", "location__city")
            .distinct()
        )
        for pk, city in towns:
            if pk in names_of:
                self._add_town(pk, names_of[pk], city)
        contacts = Contact.objects.filter(group__status__in=statuses).values_list(
            "group_id", "email", "phone"
        )
        for pk, email, phone in contacts:
            if pk in self.groups:
                self._add_contact(pk, email, phone)

    def _add_town(self, pk, name, city):
        town = name_key(city)
        if name and town:
            self.by_name_town.setdefault((name, town), set()).add(pk)

    def _add_contact(self, pk, email, phone):
        if email_key(email):
            self.by_email.setdefault(email_key(email), set()).add(pk)
        if phone_key(phone):
            self.by_phone.setdefault(phone_key(phone), set()).add(pk)

    def imported_from(self, source: str, keys) -> set[int]:
        """The groups an import from `source` made of these keys (once it is applied)."""
        keys = set(keys)
        return {
            pk
            for pk, group in self.groups.items()
            if group.source == source and group.key and group.key in keys
        }

    def matches(self, candidate: Candidate, *, skip=()) -> list[Match]:
        """The groups `candidate` looks like (leaving out the groups in `skip`), by name."""
        found: dict[int, list[str]] = {}

        def add(pks, reason):
            for pk in pks:
                if pk not in skip and reason not in found.setdefault(pk, []):
                    found[pk].append(reason)

        name = name_key(candidate.name)
        for town in candidate.towns:
            if name and name_key(town):
                add(self.by_name_town.get((name, name_key(town)), ()), SAME_NAME_AND_TOWN)
        for email in candidate.emails:
            add(self.by_email.get(email_key(email), ()) if email_key(email) else (), SAME_EMAIL)
        for phone in candidate.phones:
            add(self.by_phone.get(phone_key(phone), ()) if phone_key(phone) else (), SAME_PHONE)
        matches = []
        for pk, reasons in found.items():
            group = self.groups[pk]
            matches.append(Match(pk, group.name, group.url, group.waiting, group.source, reasons))
        return sorted(matches, key=lambda match: (match.name.casefold(), match.pk))


def request_candidate(request: NewGroupRequest) -> Candidate:
    return Candidate(
        name=request.group.name,
        towns=[request.first_city] if request.first_city else [],
        emails=[request.contact_email],
        phones=[request.contact_phone],
    )


def for_requests(requests) -> dict[int, list[Match]]:
    """{request id: the groups it looks like} for these requests (their groups selected with
    them), each compared with every group but its own. No query when there are none."""
    requests = list(requests)
    if not requests:
        return {}
    directory = Directory(names=[request.group.name for request in requests])
    return {
        request.pk: directory.matches(request_candidate(request), skip={request.group_id})
        for request in requests
    }


def for_import(source: str, new_groups: list[dict]) -> list[tuple[dict, list[Match]]]:
    """[(new group, the groups it looks like)] for the groups an import creates, as its plan keeps
    them (`groups.imports.importer`: line, key, name, towns, email, phone), those that look like
    none left out. Once the import is applied, its own groups are left out of the comparison,
    and each new group comes with the address of its page (`url`)."""
    if not new_groups:
        return []
    directory = Directory()
    own = directory.imported_from(source, (group["key"] for group in new_groups))
    pages = {directory.groups[pk].key: directory.groups[pk].url for pk in own}
    found = []
    for group in new_groups:
        group = {**group, "url": pages.get(group["key"], "")}
        candidate = Candidate(
            name=group["name"],
            towns=group.get("towns", []),
            emails=[group.get("email", "")],
            phones=[group.get("phone", "")],
        )
        matches = directory.matches(candidate, skip=own)
        if matches:
            found.append((group, matches))
    return found
