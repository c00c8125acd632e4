"""Changes to a group's listing (the group, its meetings and contacts), by every path: the leader,
liaison staff for a group without a leader, an accepted suggestion, an import.

Each change is saved against the version the editor started from (a second editor is refused
rather than silently overwriting the first), writes a `ListingChange` with each field's value
before and after, and refreshes the group's search columns."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from groups import schedule
from groups.directory.search import refresh_search_for
from groups.listing.fields import CONTACT_FIELDS, GROUP_FIELDS, MEETING_FIELDS
from groups.meeting_guide import types as meeting_types
from groups.models import (
    Contact,
    ListingChange,
    Meeting,
    SelfHelpGroup,
    Suggestion,
)
from groups.services import ListingError

Source = ListingChange.Source


class ListingConflict(ListingError):
    """Someone else saved the same thing since the editor loaded it."""

    def __init__(self, current, changes):
        super().__init__(
            _(
                "Someone else saved this since you opened it. Nothing of yours was saved yet: "
                "look at what changed, then save again."
            )
        )
        self.current = current
        self.changes = changes


class StaleSuggestion(ListingError):
    """Fields of a suggestion whose current value is no longer the one it was made against."""

    def __init__(self, fields):
        super().__init__(
            _(
                "The listing changed after this suggestion was made. Check the current values, "
                "then confirm to apply it anyway."
            )
        )
        self.fields = fields


# --- values as people read them ---------------------------------------------------------------


def display(instance: Model, field: str) -> str:
    """A field's value as text, for history and comparisons. Always in the site's language: a
    value recorded while someone used the site in Spanish compares equal to the same value later."""
    with translation.override(settings.LANGUAGE_CODE):
        return _display(instance, field)


def _display(instance: Model, field: str) -> str:
    if field == "weekdays":
        return ", ".join(schedule.DAY_NAMES[d] for d in schedule.days_from_mask(instance.weekdays))
    model_field = instance._meta.get_field(field)
    if model_field.many_to_many:
        if instance.pk is None:
            return ""
        return ", ".join(sorted(str(obj) for obj in getattr(instance, field).all()))
    value = getattr(instance, field)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field == "type_codes":
        # Kinds of meeting by their names, in one order: the same kinds given in another order
        # are no change.
        return ", ".join(sorted(meeting_types.label(code, "en") for code in value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def snapshot(instance: Model, fields) -> dict[str, str]:
    return {field: display(instance, field) for field in fields}


def field_label(instance, field):
    if field == "weekdays":
        return "days"
    return str(instance._meta.get_field(field).verbose_name)


# What of a contact person anyone who does not keep the listing may see: what the public page
# shows (first name, last initial, role), and only of contacts shown publicly.
CONTACT_SEEN_BY_ALL = {"first name", "role"}
CONTACT_INITIAL_ONLY = {"last name"}


def _initial(value: str) -> str:
    return f"{value[0]}." if value else ""


def _first_name(user) -> str:
    """A person's first name, never their email address."""
    names = user.full_name.split()
    return names[0] if names else ""


def _as_read(value: str) -> str:
    """A time kept as "19:00" (so that values compare), as the rest of the site writes it."""
    try:
        return formats.time_format(dt.time.fromisoformat(value), "g:i a")
    except (TypeError, ValueError):
        return value


def history_as_seen(changes, *, keeps_listing: bool, public_contact_ids) -> list:
    """The listing history as the viewer may see it: whoever keeps the listing sees it whole;
    anyone else sees of each contact person exactly what the current public page shows."""
    shown = []
    for change in changes:
        by = change.changed_by
        change.who = (str(by) if keeps_listing else _first_name(by)) if by else ""
        change.fields = {
            label: [_as_read(before), _as_read(after)]
            for label, (before, after) in change.fields.items()
        }
        if keeps_listing:
            shown.append(change)
            continue
        if change.object_type == "contact":
            if change.object_id in public_contact_ids:
                fields = {}
                for label, (before, after) in change.fields.items():
                    if label in CONTACT_SEEN_BY_ALL:
                        fields[label] = [before, after]
                    elif label in CONTACT_INITIAL_ONLY:
                        fields[label] = [_initial(before), _initial(after)]
                change.fields = fields
            else:
                change.fields = {}
                change.object_label = "Contact: not shown publicly"
        shown.append(change)
    return shown


def _object_type(instance):
    return {SelfHelpGroup: "group", Meeting: "meeting", Contact: "contact"}[type(instance)]


def _object_label(instance):
    if isinstance(instance, Meeting):
        return f"Meeting: {instance.schedule_text}"
    if isinstance(instance, Contact):
        return f"Contact: {instance.public_name}"
    return instance.name


def _group_of(instance):
    return instance if isinstance(instance, SelfHelpGroup) else instance.group


def _log(instance, *, action, before, after, source, by, fields):
    changed = {
        field_label(instance, field): [before.get(field, ""), after.get(field, "")]
        for field in fields
        if before.get(field, "") != after.get(field, "")
    }
    if action == ListingChange.Action.CHANGED and not changed:
        return None
    return log_change(instance, action=action, changed=changed, source=source, by=by)


def log_change(instance, *, action, changed: dict, source, by):
    """Write one entry of the listing's history: {label: [before, after]} of `instance`."""
    return ListingChange.objects.create(
        group=_group_of(instance),
        object_type=_object_type(instance),
        object_id=instance.pk,
        object_label=_object_label(instance)[:300],
        action=action,
        source=source,
        changed_by=by if getattr(by, "is_authenticated", False) else None,
        version=getattr(instance, "version", None),
        fields=changed,
    )


def _refresh(group):
    refresh_search_for(SelfHelpGroup.objects.filter(pk=group.pk))


M2M_FIELDS = ("focus_areas", "audience", "listing_languages", "languages")


def _split(values: dict):
    plain = {k: v for k, v in values.items() if k not in M2M_FIELDS}
    m2m = {k: v for k, v in values.items() if k in M2M_FIELDS}
    return plain, m2m


# --- the three kinds of object ----------------------------------------------------------------


@transaction.atomic
def listing_save(
    instance: Model, *, values: dict, expected_version: int | None, by, source: str, fields=None
):
    """Save `values` onto an existing group, meeting or contact, refusing a stale version."""
    model = type(instance)
    fields = fields or list(values)
    current = model.objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and current.version != expected_version:
        raise ListingConflict(current, changes_since(current, expected_version))
    before = snapshot(current, fields)
    plain, m2m = _split(values)
    for field, value in plain.items():
        setattr(current, field, value)
    current.version += 1
    current.full_clean()
    current.save()
    for field, value in m2m.items():
        getattr(current, field).set(value)
    _log(
        current,
        action=ListingChange.Action.CHANGED,
        before=before,
        after=snapshot(current, fields),
        source=source,
        by=by,
        fields=fields,
    )
    _refresh(_group_of(current))
    return current


@transaction.atomic
def listing_create(model, *, group: SelfHelpGroup, values: dict, by, source: str, **extra):
    """Add a meeting or contact to `group`."""
    plain, m2m = _split(values)
    instance = model(group=group, **plain, **extra)
    instance.full_clean()
    instance.save()
    for field, value in m2m.items():
        getattr(instance, field).set(value)
    fields = list(values)
    _log(
        instance,
        action=ListingChange.Action.CREATED,
        before={},
        after=snapshot(instance, fields),
        source=source,
        by=by,
        fields=fields,
    )
    _refresh(group)
    return instance


@transaction.atomic
def listing_delete(instance: Model, *, by, source: str):
    fields = CONTACT_FIELDS if isinstance(instance, Contact) else ["name"]
    before = snapshot(instance, fields)
    _log(
        instance,
        action=ListingChange.Action.DELETED,
        before=before,
        after={},
        source=source,
        by=by,
        fields=fields,
    )
    group = _group_of(instance)
    instance.delete()
    _refresh(group)


def changes_since(instance, version):
    return list(
        ListingChange.objects.filter(
            object_type=_object_type(instance), object_id=instance.pk, version__gt=version
        ).select_related("changed_by")
    )


def new_meeting_slug(group):
    taken = set(Meeting.objects.filter(slug__startswith=group.slug).values_list("slug", flat=True))
    n = 1
    while f"{group.slug}-{n}" in taken:
        n += 1
    return f"{group.slug}-{n}"


# --- suggestions ------------------------------------------------------------------------------


def suggestion_changes(group, group_values: dict, meeting_values: dict) -> dict:
    """The fields that differ from the listing now: {"group": {...}, "meetings": {...}}."""
    changes = {"group": {}, "meetings": {}}
    for field, proposed in group_values.items():
        current = display(group, field)
        if _text(proposed) != current:
            changes["group"][field] = {"from": current, "to": _text(proposed)}
    meetings = {m.pk: m for m in group.meetings.all()}
    for meeting_id, values in meeting_values.items():
        meeting = meetings[meeting_id]
        for field, proposed in values.items():
            current = display(meeting, field)
            proposed_text = _text(proposed, meeting, field)
            if proposed_text != current:
                changes["meetings"].setdefault(str(meeting_id), {})[field] = {
                    "from": current,
                    "to": proposed_text,
                }
    if not changes["meetings"]:
        del changes["meetings"]
    if not changes["group"]:
        del changes["group"]
    return changes


def _text(value, instance=None, field=None):
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if instance is not None and field is not None:
        choices = instance._meta.get_field(field).flatchoices
        if choices:
            # A choice is stored by its label in the site's language, as `display` gives it.
            with translation.override(settings.LANGUAGE_CODE):
                return str(dict(choices).get(value, value))
    return str(value).strip()


@transaction.atomic
def suggestion_create(
    *, group, changes: dict, note: str, source: str, by=None, name="", email=""
) -> Suggestion:
    if not changes and not note.strip():
        raise ListingError(_("Change at least one thing, or tell us in the note what is wrong."))
    return Suggestion.objects.create(
        group=group,
        changes=changes,
        note=note.strip(),
        source=source,
        submitted_by=by if getattr(by, "is_authenticated", False) else None,
        submitter_name=name,
        submitter_email=email,
    )


def stale_fields(suggestion: Suggestion) -> list[str]:
    """Suggested fields whose current value differs from the value the suggestion started from."""
    group = suggestion.group
    stale = []
    for field, change in suggestion.changes.get("group", {}).items():
        if display(group, field) != change["from"]:
            stale.append(field)
    meetings = {str(m.pk): m for m in group.meetings.all()}
    for meeting_id, fields in suggestion.changes.get("meetings", {}).items():
        meeting = meetings.get(meeting_id)
        for field, change in fields.items():
            if meeting is None or display(meeting, field) != change["from"]:
                stale.append(f"meeting {meeting_id}: {field}")
    return stale


def _parse(instance, field, text):
    """Turn a suggested text value back into the field's value."""
    model_field = instance._meta.get_field(field)
    if model_field.choices:
        with translation.override(settings.LANGUAGE_CODE):
            by_label = {str(label): value for value, label in model_field.flatchoices}
        text = by_label.get(text, text)
    if text == "" and model_field.null:
        return None
    return model_field.to_python(text)


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by, reply: str = "", confirm_stale=False):
    """Apply exactly the suggested fields, in one transaction. Fields changed since the suggestion
    was made are applied only when the decider has seen them (`confirm_stale`)."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not suggestion.is_pending:
        raise ListingError(_("This suggestion was already answered."))
    stale = stale_fields(suggestion)
    if stale and not confirm_stale:
        raise StaleSuggestion(stale)
    group = suggestion.group
    group_changes = suggestion.changes.get("group", {})
    if group_changes:
        values = {f: _parse(group, f, c["to"]) for f, c in group_changes.items()}
        _apply(group, values, by)
    for meeting_id, fields in suggestion.changes.get("meetings", {}).items():
        meeting = Meeting.objects.filter(group=group, pk=meeting_id).first()
        if meeting is None:
            continue
        values = {f: _parse(meeting, f, c["to"]) for f, c in fields.items()}
        _apply(meeting, values, by)
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.reply = reply
    suggestion.save()
    return suggestion


def _apply(instance, values, by):
    try:
        listing_save(
            instance,
            values=values,
            expected_version=None,
            by=by,
            source=Source.SUGGESTION,
        )
    except ValidationError as error:
        messages = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in error.message_dict.items()
        )
        raise ListingError(f"The suggestion cannot be applied as it is ({messages}).") from None


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, by, reply: str = ""):
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not suggestion.is_pending:
        raise ListingError(_("This suggestion was already answered."))
    suggestion.status = Suggestion.Status.DECLINED
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.reply = reply
    suggestion.save()
    return suggestion


# --- whole-listing snapshots, for changes made outside the services (the Django admin) ---------


def listing_snapshot(group) -> dict:
    """Every object of a listing with its field values as text, keyed by (type, pk)."""
    state = {("group", group.pk): (group, snapshot(group, GROUP_FIELDS))}
    for meeting in Meeting.objects.filter(group=group):
        state[("meeting", meeting.pk)] = (meeting, snapshot(meeting, MEETING_FIELDS))
    for contact in Contact.objects.filter(group=group):
        state[("contact", contact.pk)] = (contact, snapshot(contact, CONTACT_FIELDS))
    return state


def log_listing_diff(before: dict, after: dict, *, by, source) -> None:
    fields_of = {"group": GROUP_FIELDS, "meeting": MEETING_FIELDS, "contact": CONTACT_FIELDS}
    for key, (instance, values) in after.items():
        fields = fields_of[key[0]]
        if key not in before:
            _log(
                instance,
                action=ListingChange.Action.CREATED,
                before={},
                after=values,
                source=source,
                by=by,
                fields=fields,
            )
        else:
            _log(
                instance,
                action=ListingChange.Action.CHANGED,
                before=before[key][1],
                after=values,
                source=source,
                by=by,
                fields=fields,
            )
    for key, (instance, values) in before.items():
        if key not in after:
            _log(
                instance,
                action=ListingChange.Action.DELETED,
                before=values,
                after={},
                source=source,
                by=by,
                fields=fields_of[key[0]],
            )
