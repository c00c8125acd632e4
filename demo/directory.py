"""The demo directory (`data/directory/`): meeting places, about sixty groups with their meetings
and contacts, their leaders, proposals of leaders, agencies' private assessments, suggestions, a
past change, a new group asking to be listed, and a meeting list imported from an intergroup.

Idempotent: rows are found by natural keys (slugs; a place by name and town; a contact by group
and name; an assessment by agency and group) and never rewritten. Times relative to now are
computed only when the row is created, and nothing is random, so a second run changes nothing."""

import datetime as dt

from django.utils import timezone

from demo import files
from demo.agencies import demo_user
from groups import schedule
from groups.directory import search
from groups.imports import importer as importers
from groups.listing import changes as listing
from groups.listing import fields as listing_fields
from groups.listing.new_groups import new_group_request
from groups.listing.places import place_save
from groups.models import (
    Assessment,
    AudienceTag,
    Contact,
    DirectoryUsage,
    FocusArea,
    GroupLeadership,
    ImportBatch,
    ImportRun,
    ImportSource,
    KeepRequest,
    Language,
    LeaderInvitation,
    ListingChange,
    Location,
    Meeting,
    NewGroupRequest,
    Organization,
    SelfHelpGroup,
    Suggestion,
)
from groups.services import assessment_save
from liaison.models import Agency, User

DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

PLACE_FIELDS = "name street city postal_code latitude longitude directions accessibility"
GROUP_FIELDS = (
    "slug name organization status focus_areas audience founded_year typical_attendance "
    "public_email public_phone website verified_days_ago autonomy problem_locus format_structure "
    "description who_attends typical_format common_issues philosophy second_language "
    "second_description second_who_attends second_typical_format text_language"
)
WAYS = ("philosophy", "problem_locus", "format_structure")
# What a group row gives as it is to the model.
GROUP_TEXT = [
    "second_language",
    "second_description",
    "second_who_attends",
    "second_typical_format",
    "description",
    "who_attends",
    "typical_format",
    "common_issues",
    "public_email",
    "public_phone",
    "website",
]
MEETING_FIELDS = (
    "group name days week start end place room access types languages url phone join notes status"
)
CONTACT_FIELDS = "group first_name last_name role email phone public"


def seed_directory():
    now = timezone.now()
    places = _seed_places()
    ways = files.read("directory/organizations.toml")
    refs = {
        "organization": {org.slug: org for org in Organization.objects.all()},
        "focus area": {area.slug: area for area in FocusArea.objects.all()},
        "audience": {tag.slug: tag for tag in AudienceTag.objects.all()},
        "language": {language.code: language for language in Language.objects.all()},
    }
    groups = files.read("directory/groups.toml", fields="verified_by timezone groups")
    with groups:
        verifier = User.objects.get(email=groups["verified_by"])
    rows = groups.rows("groups", name="slug", fields=GROUP_FIELDS)
    slugs = [row["slug"] for row in rows]
    contacts = _by_group(files.read_csv("directory/contacts.csv", fields=CONTACT_FIELDS), slugs)
    meetings = _by_group(files.read_csv("directory/meetings.csv", fields=MEETING_FIELDS), slugs)
    for row in rows:
        with row:
            group = _seed_group(row, ways, refs, now, verifier)
        for position, contact in enumerate(contacts[group.slug]):
            with contact:
                _seed_contact(group, contact, position)
        for number, meeting in enumerate(meetings[group.slug], start=1):
            with meeting:
                _seed_meeting(group, meeting, number, places, refs["language"], groups["timezone"])
    _seed_leaders()
    _seed_assessments()
    _seed_changes(now)
    _seed_usage(now.date())
    search.refresh_search_for(SelfHelpGroup.objects.all())


def _seed_usage(today):
    """Two years of the directory's use, counts only, growing a little each month, as the
    dashboard's trend lines show them. Days already counted are left as they are."""
    rows = []
    for back in range(730):
        day = today - dt.timedelta(days=back)
        growth = 1 + (730 - back) / 730  # from 1x two years ago to 2x today
        weekday = day.weekday() < 5
        for kind, audience, base in [
            (DirectoryUsage.Kind.SEARCH, DirectoryUsage.Audience.PUBLIC, 18),
            (DirectoryUsage.Kind.GROUP_VIEW, DirectoryUsage.Audience.PUBLIC, 30),
            (DirectoryUsage.Kind.SEARCH, DirectoryUsage.Audience.STAFF, 6),
            (DirectoryUsage.Kind.GROUP_VIEW, DirectoryUsage.Audience.STAFF, 9),
        ]:
            count = round(base * growth * (1 if weekday else 0.6)) + back % 7
            rows.append(DirectoryUsage(day=day, kind=kind, audience=audience, count=count))
    DirectoryUsage.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)


def _by_group(rows, slugs):
    """The rows of each group of groups.toml, in their order."""
    by_group = {slug: [] for slug in slugs}
    for row in rows:
        with row:
            files.pick(by_group, row["group"], "group").append(row)
    return by_group


def _seed_places():
    places = {}
    document = files.read("directory/places.toml")
    for key in document.values:
        row = document.table(key, fields=PLACE_FIELDS)
        with row:
            place = Location.objects.filter(name=row["name"], city=row["city"]).first()
            if place is None:
                place = Location(state="NY", **row.values)
                place.full_clean()
                place.save()
            places[key] = place
    return places


def _seed_group(row, ways, refs, now, verifier):
    group = SelfHelpGroup.objects.filter(slug=row["slug"]).first()
    if group is not None:
        return group
    org = row.get("organization")
    way = ways.table(org, fields=" ".join(WAYS)).values if org in ways else {}
    days = row.get("verified_days_ago")
    group = SelfHelpGroup(
        slug=row["slug"],
        name=row["name"],
        organization=files.pick(refs["organization"], org, "organization") if org else None,
        founded_year=row["founded_year"],
        typical_attendance=row["typical_attendance"],
        status=row.get("status", SelfHelpGroup.Status.ACTIVE),
        autonomy=row.get("autonomy", SelfHelpGroup.Autonomy.INDEPENDENT),
        verified_at=None if days is None else now - dt.timedelta(days=days),
        verified_by=None if days is None else verifier,
        text_language=row.get("text_language", "en"),
        **{field: row.get(field, "") for field in GROUP_TEXT},
        **{field: row.get(field, way.get(field, "")) for field in WAYS},
    )
    group.full_clean()
    group.save()
    group.focus_areas.set(
        [files.pick(refs["focus area"], s, "focus area") for s in row["focus_areas"]]
    )
    group.audience.set([files.pick(refs["audience"], s, "audience") for s in row["audience"]])
    # The languages it wrote its texts in: "listing written in Spanish" finds it.
    group.listing_languages.set(
        [files.pick(refs["language"], code, "language") for code in sorted(group.written_in())]
    )
    return group


def _seed_contact(group, row, position):
    first, last = row["first_name"], row["last_name"]
    if Contact.objects.filter(group=group, first_name=first, last_name=last).exists():
        return
    contact = Contact(
        group=group,
        first_name=first,
        last_name=last,
        role=row["role"],
        email=row["email"],
        phone=row["phone"],
        is_public=_yes(row["public"]),
        position=position,
    )
    contact.full_clean()
    contact.save()


def _yes(text):
    if text not in ("yes", "no"):
        raise ValueError(f"“{text}” is not yes or no")
    return text == "yes"


def _seed_meeting(group, row, number, places, languages, zone):
    slug = f"{group.slug}-{number}"
    if Meeting.objects.filter(slug=slug).exists():
        return
    place = files.pick(places, row["place"], "place") if row["place"] else None
    online = bool(row["url"] or row["phone"])
    if place and online:
        mode = Meeting.Mode.HYBRID
    elif place:
        mode = Meeting.Mode.IN_PERSON
    else:
        mode = Meeting.Mode.ONLINE
    monthly = row["week"] != ""
    meeting = Meeting(
        group=group,
        slug=slug,
        name=row["name"],
        recurrence=Meeting.Recurrence.MONTHLY if monthly else Meeting.Recurrence.WEEKLY,
        weekdays=schedule.mask_from_days([_day(name) for name in row["days"].split()]),
        month_week=int(row["week"]) if monthly else None,
        start_time=dt.time.fromisoformat(row["start"]),
        end_time=dt.time.fromisoformat(row["end"]),
        timezone=zone,
        mode=mode,
        location=place,
        location_notes=row["room"],
        conference_url=row["url"],
        conference_phone=row["phone"],
        conference_notes=row["join"],
        access=row["access"],
        type_codes=row["types"].split(),
        notes=row["notes"],
        status=row["status"],
    )
    meeting.full_clean()
    meeting.save()
    meeting.languages.set([files.pick(languages, c, "language") for c in row["languages"].split()])


def _day(name):
    if name not in DAYS:
        raise ValueError(f"“{name}” is not a day ({', '.join(DAYS)})")
    return DAYS.index(name)


def _seed_leaders():
    document = files.read("directory/leaders.toml", fields="leaders proposals")
    for row in document.rows("leaders", name="email", fields="email name groups login"):
        with row:
            user = demo_user(row["email"], row["name"])
            for slug in row["groups"]:
                group = SelfHelpGroup.objects.get(slug=slug)
                if not GroupLeadership.objects.filter(user=user, group=group).exists():
                    leadership = GroupLeadership(user=user, group=group)
                    leadership.full_clean()
                    leadership.save()
    fields = "group name email proposed_by expires_in_days note"
    for row in document.rows("proposals", name="email", fields=fields):
        with row:
            group = SelfHelpGroup.objects.get(slug=row["group"])
            if LeaderInvitation.objects.filter(group=group, email=row["email"]).exists():
                continue
            proposer = User.objects.get(email=row["proposed_by"])
            led = GroupLeadership.objects.filter(group=group, ended_at__isnull=True).exists()
            invitation = LeaderInvitation(
                group=group,
                email=row["email"],
                name=row["name"],
                note=row["note"],
                origin=LeaderInvitation.Origin.STAFF,
                # Staff only propose: the group's leaders decide, or the superuser for a group
                # that has none.
                status=LeaderInvitation.Status.AWAITING_GROUP
                if led
                else LeaderInvitation.Status.AWAITING_REVIEW,
                invited_by=proposer,
                agency=proposer.agency,
                expires_at=timezone.now() + dt.timedelta(days=row["expires_in_days"]),
            )
            invitation.full_clean()
            invitation.save()


LEVELS = ("maturity", "leadership_stability", "organization", "experiential_base", "autonomy")


def _seed_assessments():
    document = files.read("directory/assessments.toml", fields="assessors assessments")
    assessors = document["assessors"]
    fields = f"agency group notes {' '.join(LEVELS)}"
    for row in document.rows("assessments", name="group", fields=fields):
        with row:
            agency = Agency.objects.get(slug=row["agency"])
            group = SelfHelpGroup.objects.get(slug=row["group"])
            if Assessment.objects.filter(agency=agency, group=group).exists():
                continue
            by = User.objects.get(email=files.pick(assessors, row["agency"], "assessor"))
            values = {level: row[level] for level in LEVELS} | {"notes": row["notes"]}
            # The office's form validates what `assessment_save` saves.
            Assessment(agency=agency, group=group, assessed_by=by, **values).full_clean()
            assessment_save(agency=agency, group=group, by=by, **values)


def _seed_changes(now):
    fields = "suggestions past_changes places keep_requests new_groups imports uploads"
    document = files.read("directory/changes.toml", fields=fields)
    fields = "group source submitter_name submitter_email note meeting change add"
    for row in document.rows("suggestions", name="group", fields=fields):
        with row:
            _seed_suggestion(row)
    fields = "group by days_ago field from"
    for row in document.rows("past_changes", name="group", fields=fields):
        with row:
            group = SelfHelpGroup.objects.get(slug=row["group"])
            by = User.objects.get(email=row["by"])
            if ListingChange.objects.filter(group=group, changed_by=by).exists():
                continue
            field = row["field"]
            change = ListingChange(
                group=group,
                object_type="group",
                object_id=group.pk,
                object_label=group.name,
                action=ListingChange.Action.CHANGED,
                source=ListingChange.Source.LEADER,
                changed_by=by,
                changed_at=now - dt.timedelta(days=row["days_ago"]),
                version=group.version,
                fields={listing.field_label(group, field): [row["from"], getattr(group, field)]},
            )
            change.full_clean()
            change.save()
    for row in document.rows("places", name="meeting", fields="meeting by change"):
        with row:
            _seed_place_change(row)
    for row in document.rows("keep_requests", name="group", fields="group name email note"):
        with row:
            group = SelfHelpGroup.objects.get(slug=row["group"])
            if not KeepRequest.objects.filter(group=group, email=row["email"]).exists():
                keep = KeepRequest(group=group, name=row["name"], email=row["email"])
                keep.note = row["note"]
                keep.full_clean()
                keep.save()
    fields = (
        "name focus_areas description who_attends contact_name contact_email contact_phone "
        "meeting_details wants_space wants_publicity wants_starting_help first_weekday "
        "first_start_time first_mode first_place first_street first_city first_postal_code"
    )
    for row in document.rows("new_groups", name="name", fields=fields):
        with row:
            _seed_new_group(row)
    for row in document.rows("imports", name="file", fields="file format source"):
        with row:
            name = f"directory/{row['file']}"
            try:
                importers.apply(files.read_bytes(name), row["format"], row["source"])
            except importers.ImportFailed as error:
                raise files.DemoDataError(f"{files.shown(name)}: {error}") from error
    for row in document.rows("uploads", name="file", fields="file format source agency url owner"):
        with row:
            _seed_upload(row)


def _seed_upload(row):
    """A file uploaded for review, as the import page leaves it: planned, not applied."""
    name = f"directory/{row['file']}"
    agency = Agency.objects.get(slug=row["agency"])
    if ImportBatch.objects.filter(agency=agency, filename=row["file"]).exists():
        return
    batch = ImportBatch.objects.create(
        agency=agency,
        source=row["source"],
        format=row["format"],
        filename=row["file"],
        content=files.read_bytes(name),
    )
    plan = importers.batch_plan(batch)
    if not plan["ok"]:
        raise files.DemoDataError(f"{files.shown(name)}: the file has problems")
    if "url" in row:
        source = ImportSource.objects.create(
            agency=agency,
            name=row["source"],
            url=row["url"],
            format=row["format"],
            owner=row.get("owner", ""),
            checked_at=batch.created_at,
        )
        ImportRun.objects.create(
            source=source,
            outcome=ImportRun.Outcome.REVIEW,
            counts={"groups": plan["groups"], "meetings": plan["meetings"]},
            batch=batch,
        )


def _seed_suggestion(row):
    group = SelfHelpGroup.objects.get(slug=row["group"])
    if Suggestion.objects.filter(group=group, note=row["note"]).exists():
        return
    group_values, meeting_values = {}, {}
    if "meeting" in row:
        meeting = Meeting.objects.get(group=group, slug=row["meeting"])
        meeting_values[meeting.pk] = row["change"]
    else:
        group_values = dict(row.get("change", {}))
    for field, text in row.get("add", {}).items():
        group_values[field] = f"{getattr(group, field)} {text}".strip()
    submitter = User.objects.filter(email=row["submitter_email"]).first()
    suggestion = listing.suggestion_create(
        group=group,
        changes=listing.suggestion_changes(group, group_values, meeting_values),
        note=row["note"],
        source=row["source"],
        by=submitter if row["source"] == Suggestion.Source.STAFF else None,
        name=row["submitter_name"],
        email=row["submitter_email"],
    )
    # The suggestion forms validate what `suggestion_create` saves.
    suggestion.full_clean()


def _seed_new_group(row):
    if NewGroupRequest.objects.filter(group__name=row["name"]).exists():
        return
    group_fields = ("name", "description", "who_attends")
    request = new_group_request(
        values={field: row[field] for field in group_fields},
        focus_areas=[FocusArea.objects.get(slug=slug) for slug in row["focus_areas"]],
        request_values={
            field: row[field] for field in row.values if field not in (*group_fields, "focus_areas")
        },
    )
    # The public form validates what `new_group_request` saves.
    request.group.full_clean()
    request.full_clean()


def logins():
    """(email, what they are) for each demo group leader."""
    document = files.read("directory/leaders.toml")
    return [(row["email"], f"{row['login']} — /portal/") for row in document["leaders"]]


def _seed_place_change(row):
    meeting = Meeting.objects.select_related("group", "location").get(slug=row["meeting"])
    if ListingChange.objects.filter(object_type="meeting", object_id=meeting.pk).exists():
        return
    place = meeting.location
    values = {name: getattr(place, name) for name in listing_fields.PLACE_FIELDS}
    values.update(row["change"])
    place_save(
        meeting_place=place,
        values=values,
        group=meeting.group,
        by=User.objects.get(email=row["by"]),
        source=ListingChange.Source.LEADER,
    )
