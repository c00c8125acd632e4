"""Finding a meeting place's position from its address, outside the request, when the
installation names a geocoder (`GEOCODER`; off by default).

The offline default needs no service: a US place takes the centre of its ZIP code
(`groups.listing.places.locate`). A geocoder, when set, does better: the `place_geocode` task
asks it for the whole address, at most once a second across all processes (Nominatim's usage
policy), and keeps each answer in the shared cache for a month, a miss for a day. A position set
by hand, or read from an imported list, is never replaced.

`GEOCODER` is "nominatim" (geopy's client for OpenStreetMap's Nominatim, or for the server named
by `GEOCODER_DOMAIN`), or the dotted path of a function `(address) -> (latitude, longitude) |
None` (tests use one)."""

import hashlib
import time
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from geopy.geocoders import Nominatim

from groups.models import Location
from jobs.queue import background, later

FOUND_SECONDS = 30 * 24 * 3600
MISSED_SECONDS = 24 * 3600
MISSED = "missed"
SLOT_KEY = "geocoder:slot"
Coordinates = Location.Coordinates


class Busy(Exception):
    """Another request to the geocoder went out less than a second ago: try again soon."""


def enabled() -> bool:
    return bool(settings.GEOCODER)


def nominatim(address: str):
    """Ask Nominatim (through geopy) for one address."""
    client = Nominatim(
        user_agent=settings.GEOCODER_USER_AGENT,
        domain=settings.GEOCODER_DOMAIN,
        timeout=10,
    )
    found = client.geocode(address, exactly_one=True)
    return (found.latitude, found.longitude) if found else None


def _lookup():
    return nominatim if settings.GEOCODER == "nominatim" else import_string(settings.GEOCODER)


def geocode(address: str):
    """(latitude, longitude) of an address, or None: from the cache, or from the geocoder at
    most once a second (raises Busy when the second is taken)."""
    key = f"geocoder:{hashlib.sha256(address.lower().encode()).hexdigest()[:40]}"
    known = cache.get(key)
    if known is not None:
        return None if known == MISSED else tuple(known)
    if not cache.add(SLOT_KEY, time.time(), timeout=1):
        raise Busy
    found = _lookup()(address)
    if found is None:
        cache.set(key, MISSED, MISSED_SECONDS)
        return None
    cache.set(key, list(found), FOUND_SECONDS)
    return found


def needs_geocoding(place: Location) -> bool:
    return (
        enabled()
        and place.coordinates_source in (Coordinates.NONE, Coordinates.POSTAL_CODE)
        and bool(place.street and place.city)
    )


def geocode_later(place: Location) -> None:
    """Ask for the place's position once the change commits, when a geocoder is set."""
    if needs_geocoding(place):
        later(place_geocode, place.pk)


@background(retries=5, retry_after=2)
def place_geocode(place_id: int) -> dict:
    """Find the place's position from its address (see the module's docstring)."""
    place = Location.objects.filter(pk=place_id).first()
    if place is None or not needs_geocoding(place):
        return {"skipped": True}
    found = geocode(place.formatted_address)
    if found is None:
        return {"found": False}
    latitude, longitude = (Decimal(f"{value:.6f}") for value in found)
    # Written only if nobody set the position by hand in the meantime.
    Location.objects.filter(
        pk=place.pk, coordinates_source__in=[Coordinates.NONE, Coordinates.POSTAL_CODE]
    ).update(latitude=latitude, longitude=longitude, coordinates_source=Coordinates.GEOCODER)
    return {"found": True}
