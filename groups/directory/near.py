"""Where "near" is: a point from what a visitor typed (a ZIP code, a town and state, a town our
meetings are in) or from their browser, and the meeting places within a distance of it.

Everything here runs on this server with data that ships with the app: US ZIP code centroids
from the `zipcodes` package, and our own places' coordinates. Nothing a visitor types or where
they are is sent anywhere, stored, or logged (the directory's page cache and the access log leave
such searches out: `groups/directory/page_cache.py`, `gunicorn.conf.py`).

Distances are great-circle distances in miles; a bounding box on the indexed coordinates picks
the candidates first, so a search reads only the places around the point."""

import math
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache

import zipcodes
from django.db.models import Avg, Q
from django.utils.translation import gettext_lazy as _

from groups import schedule
from groups.models import Location

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = 2 * math.pi * EARTH_RADIUS_MILES / 360
RADIUS_CHOICES = [
    (1, _("1 mile")),
    (5, _("5 miles")),
    (10, _("10 miles")),
    (25, _("25 miles")),
    (50, _("50 miles")),
]
DEFAULT_RADIUS = 10
MAX_PLACE_TEXT = 200

_ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
_TOWN_STATE = re.compile(r"^\s*(?P<town>[^,]+?)\s*(?:,\s*|\s+)(?P<state>[A-Za-z]{2})\s*$")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    label: str = ""


def distance_miles(a: Point, latitude, longitude) -> float:
    """The great-circle distance (haversine) from `a` to a latitude and longitude, in miles."""
    lat1, lon1 = math.radians(a.latitude), math.radians(a.longitude)
    lat2, lon2 = math.radians(float(latitude)), math.radians(float(longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def box(point: Point, miles: float, prefix: str = "") -> Q:
    """Places whose coordinates fall in the square around `point` that holds the circle of
    `miles`: a filter the coordinates' index answers (`prefix` "location__" from a meeting)."""
    dlat = miles / MILES_PER_DEGREE
    # Away from the poles (the directory has no meetings there), a degree of longitude shrinks
    # with the cosine of the latitude.
    dlon = miles / (MILES_PER_DEGREE * max(math.cos(math.radians(point.latitude)), 0.01))
    return Q(
        **{
            f"{prefix}latitude__gte": point.latitude - dlat,
            f"{prefix}latitude__lte": point.latitude + dlat,
            f"{prefix}longitude__gte": point.longitude - dlon,
            f"{prefix}longitude__lte": point.longitude + dlon,
        }
    )


def meetings_within(meetings, point: Point, miles: float, now) -> dict[int, tuple[float, float]]:
    """{group id: (miles to its nearest place, seconds to its next meeting within reach)} for
    the in-person and hybrid `meetings` whose place is within `miles` of `point`: one query,
    answered by the coordinates' index, then the exact distance here."""
    rows = (
        meetings.filter(box(point, miles, "location__"))
        .filter(mode__in=["in_person", "hybrid"])
        .values_list(
            "group_id",
            "location__latitude",
            "location__longitude",
            "recurrence",
            "weekdays",
            "month_week",
            "start_time",
            "timezone",
        )
    )
    clocks, reach, distances = {}, {}, {}
    for group_id, latitude, longitude, recurrence, mask, week, start, tz in rows:
        # Many meetings share a place: each place's distance is worked out once.
        place = (latitude, longitude)
        if place not in distances:
            distances[place] = distance_miles(point, latitude, longitude)
        distance = distances[place]
        if distance > miles:
            continue
        wait = _seconds_to_next(recurrence, mask, week, start, tz, now, clocks)
        nearest, soonest = reach.get(group_id, (distance, wait))
        reach[group_id] = (min(nearest, distance), min(soonest, wait))
    return reach


NEVER = float("inf")


@cache
def _days(mask: int) -> tuple[int, ...]:
    return tuple(schedule.days_from_mask(mask))


def _seconds_to_next(recurrence, mask, week, start, tz, now, clocks) -> float:
    """Seconds from `now` to a meeting's next start, with arithmetic for a weekly meeting (the
    local time read once per time zone) and the full rule for a monthly one."""
    days = _days(mask)
    if not days:
        return NEVER
    if recurrence != "weekly":
        try:
            nxt = schedule.next_start(
                recurrence=recurrence, days=days, month_week=week, start=start, tz=tz, after=now
            )
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return NEVER
        return (nxt - now).total_seconds() if nxt else NEVER
    if tz not in clocks:
        try:
            local = now.astimezone(zoneinfo.ZoneInfo(tz))
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            local = None
        clocks[tz] = local and (
            schedule.mg_weekday(local.date()),
            local.hour * 3600 + local.minute * 60 + local.second,
        )
    if clocks[tz] is None:
        return NEVER
    today, second = clocks[tz]
    begins = start.hour * 3600 + start.minute * 60
    week_seconds = 7 * 86400
    return min(((day - today) % 7 * 86400 + begins - second - 1) % week_seconds + 1 for day in days)


# --- from words to a point ----------------------------------------------------------------------


@cache
def _towns(state: str) -> dict[str, list[tuple[float, float]]]:
    """{town in lower case: [ZIP centroids]} of a US state, from the package's data."""
    towns = {}
    for record in zipcodes.filter_by(state=state):
        if record.get("lat") and record.get("long"):
            point = (float(record["lat"]), float(record["long"]))
            for name in [record["city"], *record.get("acceptable_cities", [])]:
                towns.setdefault(name.lower(), []).append(point)
    return towns


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


def from_zip(code: str) -> Point | None:
    try:
        records = zipcodes.matching(code)
    except (TypeError, ValueError):
        return None
    for record in records:
        if record.get("lat") and record.get("long"):
            return Point(float(record["lat"]), float(record["long"]), code)
    return None


def find(text: str) -> Point | None:
    """The point a visitor means by `text`, or None when we cannot tell. Read in this order:
    a US ZIP code (alone or in an address), a town with its state ("Fairview, NY"), a town our
    meeting places are in. Nothing is guessed beyond these: an unknown place is said to be
    unknown, never placed somewhere near."""
    text = " ".join(text.split())[:MAX_PLACE_TEXT]
    if not text:
        return None
    match = _ZIP.search(text)
    if match and (point := from_zip(match.group(1))):
        return point
    match = _TOWN_STATE.match(text)
    if match:
        state = match.group("state").upper()
        points = _towns(state).get(match.group("town").lower())
        if points:
            return Point(*_centre(points), f"{match.group('town')}, {state}")
        town = match.group("town")
    else:
        town = text
    ours = Location.objects.filter(
        city__iexact=town, latitude__isnull=False, longitude__isnull=False
    ).aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if ours["latitude"] is not None:
        return Point(float(ours["latitude"]), float(ours["longitude"]), town)
    return None
