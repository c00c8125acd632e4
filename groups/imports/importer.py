"""Importing a meeting list, whatever its format (`groups.imports.formats`).

Import is two steps. `plan()` reads the whole file, checks every row, and says what would be
created, updated and left alone, and every problem by line and column; an uploaded batch keeps its
plan (`batch_plan()`), so its preview is computed once. `apply()` reads the rows again (reading is
linear in the size of the file) and writes everything in one transaction, or nothing when any row
has a problem. Rows are matched on (source, key): importing the same file again changes nothing. A
field that someone edited after the last import keeps their value and is reported, not
overwritten."""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from groups.directory.search import refresh_search_for
from groups.imports import formats
from groups.imports.reading import Problem, Row
from groups.listing.changes import display, field_label
from groups.listing.fields import IMPORTED_GROUP_FIELDS, IMPORTED_MEETING_FIELDS
from groups.listing.places import locate
from groups.models import (
    AudienceTag,
    FocusArea,
    Language,
    ListingChange,
    Location,
    Meeting,
    Organization,
    SearchWord,
    SelfHelpGroup,
)
from groups.services import free_slug
from liaison import limits
from liaison.db_health import refresh_statistics

MAX_BYTES = limits.IMPORT_MAX_BYTES
# Problems, changes and kept fields shown on a preview (the counts are always whole).
STORED_ROWS = 200


@dataclass
class Plan:
    """What an import would do, object by object."""

    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    groups: dict = field(default_factory=lambda: {"create": 0, "update": 0, "same": 0})
    # "end": meetings of this source that the file no longer lists; applying the reviewed plan
    # ends them (never deletes them, never keeps them listed without a word).
    meetings: dict = field(default_factory=lambda: {"create": 0, "update": 0, "same": 0, "end": 0})
    changes: list = field(default_factory=list)  # (line, what, action, {field: [old, new]})
    kept: list = field(default_factory=list)  # (line, what, field, current, file value)
    # What was mapped, ignored or kept as given (Problems that block nothing).
    notes: list = field(default_factory=list)
    # The groups the file creates, to compare with those already listed (`groups.listing.
    # duplicates`): line, key, name, towns, email and phone.
    new_groups: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems and bool(self.rows)

    def stored(self, limit: int = STORED_ROWS) -> dict:
        """What the preview shows, as JSON kept with the batch: the counts, and the first
        `limit` problems, changes and kept fields with how many there are in all."""
        return {
            "ok": self.ok,
            "groups": self.groups,
            "meetings": self.meetings,
            "problems": [asdict(problem) for problem in self.problems[:limit]],
            "problems_total": len(self.problems),
            "changes": [list(change) for change in self.changes[:limit]],
            "changes_total": len(self.changes),
            "kept": [list(kept) for kept in self.kept[:limit]],
            "kept_total": len(self.kept),
            "notes": [asdict(note) for note in self.notes[:limit]],
            "notes_total": len(self.notes),
            # Whole: each new group is compared with the directory when the page is shown.
            "new_groups": self.new_groups,
        }


@dataclass
class Given:
    """What liaison staff give every group an import creates, in its preview: an organization and
    focus areas. No format carries them as the directory knows them, and none is taken from a
    group's name: without a choice, a new group has neither."""

    organization: Organization | None = None
    focus_areas: list = field(default_factory=list)

    def stored(self) -> dict:
        return {
            "organization": self.organization.name if self.organization else "",
            "focus_areas": [str(area) for area in self.focus_areas],
        }


def given_by_ids(organization_id=None, focus_area_ids=()) -> Given:
    """The choices made in the preview, from their ids; a row removed since is a problem, so that
    nothing is imported without what was chosen. Raises ImportFailed."""
    organization = None
    if organization_id is not None:
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization is None:
            raise ImportFailed(
                [Problem(0, "organization", "The organization chosen was removed: choose again.")]
            )
    focus_areas = list(FocusArea.objects.filter(pk__in=set(focus_area_ids)))
    if len(focus_areas) != len(set(focus_area_ids)):
        raise ImportFailed(
            [Problem(0, "focus_areas", "A focus area chosen was removed: choose again.")]
        )
    return Given(organization, focus_areas)


class ImportFailed(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems


# --- reading -------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    if len(data) > MAX_BYTES:
        size = len(data) / 1024 / 1024
        return None, [
            Problem(
                0,
                "",
                f"The file is {size:.0f} MB; the largest file accepted is "
                f"{MAX_BYTES // 1024 // 1024} MB. Split it into smaller files.",
            )
        ]
    if not data.strip():
        return None, [Problem(1, "", "The file is empty.")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                line,
                "",
                "The file is not UTF-8 text (a byte at this line cannot be read). Save it again "
                "as “CSV UTF-8” or as UTF-8 JSON.",
            )
        ]


def read(data: bytes, fmt: str) -> tuple[list[Row], list[Problem]]:
    text, problems = decode(data)
    if text is None:
        return [], problems
    rows, problems = formats.get(fmt).read(text)
    _settle_audience(rows)
    _group_differences(rows)
    _change_dates(rows)
    return rows, problems + _duplicates(rows)


def notes_of(rows) -> list[Problem]:
    return [note for row in rows for note in row.notes]


def _group_differences(rows):
    """A group's email, phone, website and description come from its first row; a later row of
    the same group that says otherwise is noted, not silently dropped."""
    first = {}
    for row in rows:
        if row.group_key not in first:
            first[row.group_key] = row
            continue
        earlier = first[row.group_key]
        for name, value in row.group.items():
            if value and value != earlier.group.get(name):
                row.notes.append(
                    Problem(
                        row.line,
                        name,
                        f"“{value}” differs from line {earlier.line}, which the group "
                        f"“{earlier.group['name']}” takes its {name.replace('_', ' ')} from.",
                        row.item,
                    )
                )


def _change_dates(rows):
    """Meeting Guide's `updated` says when the source last changed a meeting, not that anyone
    checked the listing: said once for the file, at its top."""
    if any(row.updated for row in rows):
        rows[0].notes.insert(
            0,
            Problem(
                0,
                "updated",
                "The dates the file gives say when the source last changed each meeting. A "
                "change is not a check: the groups are not marked as checked by them, and a new "
                "group is listed as not checked yet until the office or its leader checks it.",
            ),
        )


def _settle_audience(rows):
    """An audience code shared by all of a group's meetings describes the group (an audience
    tag); one carried by only some of them stays a type of those meetings."""
    common = {}
    for row in rows:
        codes = set(row.audience)
        common[row.group_key] = common[row.group_key] & codes if row.group_key in common else codes
    for row in rows:
        shared = common[row.group_key]
        if row.meeting is not None:
            row.meeting["type_codes"] = [c for c in row.meeting["type_codes"] if c not in shared]
        row.audience = [code for code in row.audience if code in shared]


def _duplicates(rows):
    seen = {}
    problems = []
    for row in rows:
        if row.meeting_key is None:
            continue
        if row.meeting_key in seen:
            problems.append(
                Problem(
                    row.line,
                    "slug",
                    f"“{row.meeting_key}” is used already on line {seen[row.meeting_key]}; "
                    "each meeting needs its own.",
                    row.item,
                )
            )
        else:
            seen[row.meeting_key] = row.line
    return problems


# --- planning and applying -----------------------------------------------------------------------


def _as_text(probe, field_name, value):
    """A file value as `display()` would show it once stored, to compare like with like. `probe`
    is a blank instance of the model, made once per row."""
    if field_name == "location":
        return "" if value is None else str(value)
    setattr(probe, field_name, value)
    return display(probe, field_name)


def _diff(instance, values, fields, imported):
    """(changes to make, fields kept because someone edited them since the last import)."""
    changes, kept = {}, {}
    probe = type(instance)()
    for name in fields:
        if name not in values:
            continue
        new = _as_text(probe, name, values[name])
        current = display(instance, name)
        if new == current:
            continue
        if name in imported and imported[name] != current:
            kept[name] = (current, new)
        else:
            changes[name] = (current, new)
    return changes, kept


def plan(data: bytes, fmt: str, source: str) -> Plan:
    rows, problems = read(data, fmt)
    result = Plan(rows=rows, problems=problems, notes=notes_of(rows))
    if problems:
        return result
    groups = {g.import_key: g for g in SelfHelpGroup.objects.filter(import_source=source)}
    meetings = {
        m.import_key: m
        for m in Meeting.objects.filter(import_source=source).select_related("location", "group")
    }
    seen_groups = set()
    for row in rows:
        group = groups.get(row.group_key)
        if row.group_key not in seen_groups:
            seen_groups.add(row.group_key)
            if group is None:
                result.groups["create"] += 1
                result.changes.append((row.line, row.group["name"], "create", {}))
            else:
                changes, kept = _diff(
                    group, row.group, IMPORTED_GROUP_FIELDS, group.imported_values
                )
                _count(result.groups, changes)
                _report(result, row, group.name, changes, kept)
        if row.meeting is None:
            continue  # a group listed without meetings
        meeting = meetings.get(row.meeting_key)
        label = _meeting_label(row)
        if meeting is None:
            result.meetings["create"] += 1
            result.changes.append((row.line, label, "create", {}))
        else:
            values = {k: v for k, v in row.meeting.items() if k != "slug"}
            # A row without a place takes the meeting's place away, as applying does.
            values["location"] = _location_label(row.location) if row.location else None
            changes, kept = _diff(meeting, values, IMPORTED_MEETING_FIELDS, meeting.imported_values)
            _count(result.meetings, changes)
            _report(result, row, label, changes, kept)
    for meeting in _gone(meetings, rows):
        result.meetings["end"] += 1
        result.changes.append((0, _gone_label(meeting), "end", {}))
    result.new_groups = _new_groups(rows, {row.group_key for row in rows} - set(groups))
    return result


def _new_groups(rows, created: set) -> list[dict]:
    """The groups of these keys as the file gives them: the line of their first row, their name,
    email and phone (from that row, as the group takes them) and every town they meet in."""
    found = {}
    for row in rows:
        if row.group_key not in created:
            continue
        group = found.get(row.group_key)
        if group is None:
            group = found[row.group_key] = {
                "line": row.line,
                "key": row.group_key,
                "name": row.group["name"],
                "towns": [],
                "email": row.group.get("public_email", ""),
                "phone": row.group.get("public_phone", ""),
            }
        city = (row.location or {}).get("city") or ""
        if city and city not in group["towns"]:
            group["towns"].append(city)
    return list(found.values())


def _gone(meetings: dict, rows) -> list:
    """This source's listed meetings that the file no longer has."""
    in_file = {row.meeting_key for row in rows}
    return [
        meeting
        for key, meeting in sorted(meetings.items())
        if key not in in_file and meeting.status != Meeting.Status.ENDED
    ]


def _gone_label(meeting):
    return f"{meeting.group.name}: {meeting.slug} (no longer in the file)"


def _meeting_label(row):
    return f"{row.group['name']}: {row.meeting['slug']}"


def _count(counter, changes):
    counter["update" if changes else "same"] += 1


def _report(result, row, label, changes, kept):
    if changes:
        result.changes.append((row.line, label, "update", {k: list(v) for k, v in changes.items()}))
    for name, (current, new) in kept.items():
        result.kept.append((row.line, label, name, current, new))


def _location_label(spec):
    return f"{spec['name']}, {spec['city'] or spec.get('address_as_given', '')}"


@transaction.atomic
def apply(data: bytes, fmt: str, source: str, *, by=None, progress=None, given=None) -> Plan:
    """Write the whole file or nothing. Raises ImportFailed with every problem. Returns what was
    done, counted while doing it: it is the plan again without computing a preview first. The
    groups it creates get what `given` (a `Given`) holds."""
    given = given or Given()
    rows, problems = read(data, fmt)
    if problems or not rows:
        raise ImportFailed(problems or [Problem(1, "", "The file holds no meetings.")])
    result = Plan(rows=rows, notes=notes_of(rows))
    groups = {g.import_key: g for g in SelfHelpGroup.objects.filter(import_source=source)}
    meetings = {
        m.import_key: m
        for m in Meeting.objects.filter(import_source=source).select_related("group")
    }
    locations = {loc.import_key: loc for loc in Location.objects.filter(import_source=source)}
    languages = {lang.code: lang for lang in Language.objects.all()}
    logs, touched = [], set()
    for done, row in enumerate(rows, start=1):
        try:
            group = _apply_group(row, groups, source, by, logs, given, result)
            touched.add(group.pk)
            if row.meeting is not None:  # None: a group listed without meetings
                location = _apply_location(row, locations, source)
                _apply_meeting(row, group, location, meetings, source, by, logs, languages, result)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problems.append(Problem(row.line, name, " ".join(messages)))
        if progress:
            progress(done, len(rows))
    if problems:
        transaction.set_rollback(True)
        raise ImportFailed(problems)
    created = [group for group in groups.values() if getattr(group, "_created_now", False)]
    if given.focus_areas:
        links = SelfHelpGroup.focus_areas.through
        links.objects.bulk_create(
            [
                links(selfhelpgroup_id=group.pk, focusarea_id=area.pk)
                for group in created
                for area in given.focus_areas
            ],
            batch_size=500,
        )
    for meeting in _gone(meetings, rows):
        _end(meeting, by, logs, source)
        touched.add(meeting.group_id)
        result.meetings["end"] += 1
        result.changes.append((0, _gone_label(meeting), "end", {}))
    result.new_groups = _new_groups(rows, {group.import_key for group in created})
    ListingChange.objects.bulk_create(logs, batch_size=500)
    refresh_search_for(SelfHelpGroup.objects.filter(pk__in=touched))
    refresh_statistics(SelfHelpGroup, Meeting, Location, ListingChange, SearchWord, rows=len(rows))
    return result


# --- an uploaded batch ---------------------------------------------------------------------------


def batch_plan(batch) -> dict:
    """The batch's plan as the preview shows it (`Plan.stored()`): computed from the file the
    first time it is asked for, then read from the batch."""
    # A plan stored before new groups were kept is made again while it can still be applied.
    stale = batch.plan is not None and batch.applied_at is None and "new_groups" not in batch.plan
    if batch.plan is None or stale:
        batch.plan = plan(bytes(batch.content), batch.format, batch.source).stored()
        type(batch).objects.filter(pk=batch.pk).update(plan=batch.plan)
    return batch.plan


def batch_apply(batch, *, by=None, progress=None, organization_id=None, focus_area_ids=()) -> Plan:
    """Apply an uploaded batch, its new groups given the organization and focus areas chosen in
    its preview (by id). A batch whose plan found problems is refused without reading the file
    again. Raises ImportFailed."""
    planned = batch_plan(batch)
    if not planned["ok"]:
        problems = [Problem(**problem) for problem in planned["problems"]]
        raise ImportFailed(problems or [Problem(1, "", "The file holds no meetings.")])
    given = given_by_ids(organization_id, focus_area_ids)
    result = apply(
        bytes(batch.content), batch.format, batch.source, by=by, progress=progress, given=given
    )
    batch.applied_at = timezone.now()
    # What the import did, counted while doing it: the page's message, its table and its rows,
    # the progress answer and the source's run all say it from these same numbers.
    batch.plan = result.stored()
    batch.summary = {**summary_of(batch.plan), "given": given.stored()}
    batch.save(update_fields=["applied_at", "summary", "plan"])
    # Other files from the same source were planned against the listings as they were.
    type(batch).objects.filter(source=batch.source, applied_at__isnull=True).exclude(
        pk=batch.pk
    ).update(plan=None)
    return result


def summary_of(stored: dict) -> dict:
    """The counts of a stored plan or result (`Plan.stored()`)."""
    return {
        "groups": stored["groups"],
        "meetings": stored["meetings"],
        "kept": stored.get("kept_total", 0),
    }


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_text(counts: dict) -> str:
    """What an applied import did, in words, from its counts (`summary_of`)."""
    groups, meetings = counts["groups"], counts["meetings"]
    return (
        f"{_plural(groups['create'], 'new group')}, {groups['update']} updated; "
        f"{_plural(meetings['create'], 'new meeting')}, {meetings['update']} updated, "
        f"{meetings.get('end', 0)} ended"
    )


def _imported(instance, fields):
    return {name: display(instance, name) for name in fields}


def _log(instance, group, action, changes, by, source_label):
    fields = {field_label(instance, name): list(values) for name, values in changes.items()}
    if action == ListingChange.Action.CREATED or not fields:
        fields = {"import": ["", source_label], **fields}
    return ListingChange(
        group=group,
        object_type="group" if isinstance(instance, SelfHelpGroup) else "meeting",
        object_id=instance.pk,
        object_label=(
            instance.name
            if isinstance(instance, SelfHelpGroup)
            else f"Meeting: {instance.schedule_text}"
        )[:300],
        action=action,
        source=ListingChange.Source.IMPORT,
        changed_by=by if getattr(by, "is_authenticated", False) else None,
        version=instance.version,
        fields=fields,
    )


def _apply_group(row, groups, source, by, logs, given, result):
    group = groups.get(row.group_key)
    if group is None:
        group = SelfHelpGroup(
            slug=free_slug(SelfHelpGroup, row.group["name"]),
            status=SelfHelpGroup.Status.ACTIVE,
            organization=given.organization,
            # Not checked yet: an import is no check. Only a date the source gives as its own last
            # check (HSDS's assured_date) dates the listing, and no one here checked it.
            verified_at=row.checked,
            verified_by=None,
            import_source=source,
            import_key=row.group_key,
            **row.group,
        )
        group.full_clean(exclude=["search_vector"])
        group.save()
        group.imported_values = _imported(group, IMPORTED_GROUP_FIELDS)
        group.save(update_fields=["imported_values"])
        groups[row.group_key] = group
        # The history says what the office gave the group beside what the file did.
        chosen = {}
        if given.organization:
            chosen["organization"] = ("", str(given.organization))
        if given.focus_areas:
            chosen["focus_areas"] = ("", ", ".join(str(area) for area in given.focus_areas))
        logs.append(_log(group, group, ListingChange.Action.CREATED, chosen, by, source))
        group._created_now = True
        result.groups["create"] += 1
        result.changes.append((row.line, group.name, "create", {}))
    elif not getattr(group, "_seen", False):
        changes, kept = _diff(group, row.group, IMPORTED_GROUP_FIELDS, group.imported_values)
        _count(result.groups, changes)
        _report(result, row, group.name, changes, kept)
        if changes:
            for name in changes:
                setattr(group, name, row.group[name])
            group.version += 1
            group.full_clean(exclude=["search_vector"])
            group.save()
            logs.append(_log(group, group, ListingChange.Action.CHANGED, changes, by, source))
        _remember(group, IMPORTED_GROUP_FIELDS)
    group._seen = True
    if row.checked and (group.verified_at is None or row.checked > group.verified_at):
        # The source checked the listing after anyone here did: its check is the last one, and
        # no one here made it.
        group.verified_at, group.verified_by = row.checked, None
        SelfHelpGroup.objects.filter(pk=group.pk).update(verified_at=row.checked, verified_by=None)
    if row.audience:
        group.audience.add(*AudienceTag.objects.filter(meeting_guide_code__in=row.audience))
    return group


LOCATION_KEY = ("name", "street", "city", "state", "postal_code", "country", "address_as_given")


def location_key(spec) -> str:
    """A place is the same place when its name and whole address are: Springfield, MA is not
    Springfield, IL, and a new postal code is a new place."""
    return slugify(" ".join(spec.get(key) or "" for key in LOCATION_KEY))[:200]


def _apply_location(row, locations, source):
    if row.location is None:
        return None
    key = location_key(row.location)
    location = locations.get(key)
    if location is None:
        location = Location(import_source=source, import_key=key, **row.location)
        if location.latitude is not None and location.longitude is not None:
            location.coordinates_source = Location.Coordinates.SOURCE
        else:
            # For the distance search only: a ZIP code's centre, marked approximate and never
            # published as the place's position.
            locate(location)
        location.full_clean()
        location.save()
        locations[key] = location
        return location
    moved = {
        name: row.location[name]
        for name in ("latitude", "longitude")
        if row.location[name] is not None and row.location[name] != getattr(location, name)
    }
    if moved and location.coordinates_source != Location.Coordinates.MANUAL:
        # A pin someone placed by hand stays where they put it.
        for name, value in moved.items():
            setattr(location, name, value)
        location.coordinates_source = Location.Coordinates.SOURCE
        location.full_clean()
        location.save(update_fields=[*moved, "coordinates_source", "updated_at"])
    return location


def _apply_meeting(row, group, location, meetings, source, by, logs, languages, result):
    meeting = meetings.get(row.meeting_key)
    values = {k: v for k, v in row.meeting.items() if k != "slug"}
    values["location"] = location
    if meeting is None:
        slug = row.meeting["slug"]
        if Meeting.objects.filter(slug=slug).exists():
            slug = free_slug(Meeting, f"{group.slug}-{slug}")
        meeting = Meeting(
            group=group, slug=slug, import_source=source, import_key=row.meeting_key, **values
        )
        meeting.full_clean()
        meeting.save()
        meeting.languages.set([languages[c] for c in row.languages if c in languages])
        meeting.imported_values = _imported(meeting, IMPORTED_MEETING_FIELDS)
        meeting.save(update_fields=["imported_values"])
        meetings[row.meeting_key] = meeting
        logs.append(_log(meeting, group, ListingChange.Action.CREATED, {}, by, source))
        result.meetings["create"] += 1
        result.changes.append((row.line, _meeting_label(row), "create", {}))
        return meeting
    comparable = {**values, "location": _location_label(row.location) if row.location else None}
    changes, kept = _diff(meeting, comparable, IMPORTED_MEETING_FIELDS, meeting.imported_values)
    _count(result.meetings, changes)
    _report(result, row, _meeting_label(row), changes, kept)
    if changes:
        for name in changes:
            setattr(meeting, name, values[name])
        meeting.version += 1
        meeting.full_clean()
        meeting.save()
        logs.append(_log(meeting, group, ListingChange.Action.CHANGED, changes, by, source))
    wanted = {languages[c] for c in row.languages if c in languages}
    if wanted and wanted != set(meeting.languages.all()):
        meeting.languages.set(wanted)
    _remember(meeting, IMPORTED_MEETING_FIELDS)
    return meeting


def _end(meeting, by, logs, source):
    """End a meeting its source no longer lists: kept in the history, gone from the directory."""
    changes = {"status": (display(meeting, "status"), "")}
    meeting.status = Meeting.Status.ENDED
    meeting.version += 1
    meeting.save(update_fields=["status", "version", "updated_at"])
    changes["status"] = (changes["status"][0], display(meeting, "status"))
    logs.append(_log(meeting, meeting.group, ListingChange.Action.CHANGED, changes, by, source))
    _remember(meeting, ["status"])


def _remember(instance, fields):
    """Note what the import wrote; saved only when it differs, so a re-import touches nothing."""
    values = {**instance.imported_values, **_imported(instance, fields)}
    if values != instance.imported_values:
        instance.imported_values = values
        type(instance).objects.filter(pk=instance.pk).update(imported_values=values)
