"""Meeting places that groups keep themselves, from the meeting form.

One place (a church hall) may host several groups. A group that changes the place of its meeting
changes it for itself only: when another group meets there too, or the place came from an
imported list, the group gets its own copy with the change, and every other listing stays as it
was (copy on write). Otherwise the place itself is changed. Every change is in the listing's
history, under the meeting.

A place with a US ZIP code and no position takes the centre of its ZIP code, marked approximate;
a position set by hand is never replaced."""

from decimal import Decimal

from django.db import transaction

from groups import geocoding
from groups.directory import near
from groups.listing.changes import log_change
from groups.listing.fields import PLACE_FIELDS
from groups.models import ListingChange, Location, Meeting

Coordinates = Location.Coordinates
ADDRESS_FIELDS = {"street", "city", "state", "postal_code", "country"}


def locate(place: Location) -> None:
    """Give a place without a position of its own the centre of its US ZIP code (or take the
    centre away when the ZIP code no longer gives one)."""
    if place.coordinates_source not in (Coordinates.NONE, Coordinates.POSTAL_CODE):
        return
    centre = None
    if place.country in ("US", "") and place.postal_code:
        centre = near.from_zip(place.postal_code.strip()[:5])
    if centre is None:
        if place.coordinates_source == Coordinates.POSTAL_CODE:
            place.latitude = place.longitude = None
            place.coordinates_source = Coordinates.NONE
        return
    place.latitude = Decimal(f"{centre.latitude:.6f}")
    place.longitude = Decimal(f"{centre.longitude:.6f}")
    place.coordinates_source = Coordinates.POSTAL_CODE


def _shared(place: Location, group) -> bool:
    """Whether changing the place would change a listing other than this group's."""
    return bool(place.import_source) or (
        Meeting.objects.filter(location=place).exclude(group=group).exists()
    )


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _position(latitude, longitude) -> str:
    return "" if latitude is None or longitude is None else f"{latitude}, {longitude}"


@transaction.atomic
def place_save(
    *, meeting_place: Location | None, values: dict, group, by, source, pin=None
) -> Location:
    """The place described by `values` for a meeting of `group` that is at `meeting_place`
    (None for a new place): that place changed, a copy of it changed, or a new place. `pin`
    is a position (latitude, longitude) someone set by hand on the map: it wins over any
    position found from the address, now and later."""
    if meeting_place is None:
        place = Location(**values)
        if pin is not None:
            place.latitude, place.longitude = pin
            place.coordinates_source = Coordinates.MANUAL
        else:
            locate(place)
        place.full_clean()
        place.save()
        geocoding.geocode_later(place)
        return place
    before = {name: getattr(meeting_place, name) for name in PLACE_FIELDS}
    changed = {name: value for name, value in values.items() if before[name] != value}
    pin_moved = pin is not None and tuple(pin) != (meeting_place.latitude, meeting_place.longitude)
    if not changed and not pin_moved:
        return meeting_place
    if _shared(meeting_place, group):
        place = Location(
            **{**before, **values},
            latitude=meeting_place.latitude,
            longitude=meeting_place.longitude,
            coordinates_source=meeting_place.coordinates_source,
        )
    else:
        place = Location.objects.select_for_update().get(pk=meeting_place.pk)
        for name, value in values.items():
            setattr(place, name, value)
    moved_address = bool(ADDRESS_FIELDS & set(changed))
    if pin_moved:
        place.latitude, place.longitude = pin
        place.coordinates_source = Coordinates.MANUAL
    elif moved_address:
        if place.coordinates_source == Coordinates.GEOCODER:
            # Found from the old address: found again from the new one.
            place.latitude = place.longitude = None
            place.coordinates_source = Coordinates.NONE
        locate(place)
    place.full_clean()
    place.save()
    if moved_address:
        geocoding.geocode_later(place)
    fields = {
        f"place: {Location._meta.get_field(name).verbose_name}": [_text(before[name]), _text(value)]
        for name, value in changed.items()
    }
    if pin_moved:
        fields["place: position"] = [
            _position(meeting_place.latitude, meeting_place.longitude),
            _position(place.latitude, place.longitude),
        ]
    moved = Meeting.objects.filter(group=group, location=meeting_place).select_related("group")
    for meeting in moved:
        log_change(
            meeting, action=ListingChange.Action.CHANGED, changed=fields, source=source, by=by
        )
    if place.pk != meeting_place.pk:
        # The group's meetings at the shared place move to its own copy, together.
        moved.update(location=place)
    return place
