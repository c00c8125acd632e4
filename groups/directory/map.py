"""The directory's map: the meeting places of the groups a search found, for markers beside the
list (never instead of it): all of them when the search found up to `ALL_GROUPS_UP_TO` groups,
else those of the page's groups (the page says which). Only places with a position, only
in-person and hybrid meetings, one entry per place with the groups that meet there; at most
`LIMIT` pairs of a place and a group (the page says when the map is cut)."""

from django.urls import reverse

from groups.models import Meeting

LIMIT = 1000
# A search that finds more groups than this maps the groups of the page shown only: a map of
# thousands of markers says nothing on a phone, and it was most of such a page's time and size.
ALL_GROUPS_UP_TO = 200
SLUG_MARK = "group-slug"
IN_PERSON = [Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID]


def map_places(groups, meetings) -> tuple[list[dict], bool]:
    """([{name, lat, lon, groups: [{name, url}]}], whether the map was cut), in one query.
    `groups` is a queryset of groups or a list of their ids."""
    pairs = list(
        meetings.filter(
            group__in=groups,
            mode__in=IN_PERSON,
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .values_list(
            "location_id",
            "location__name",
            "location__latitude",
            "location__longitude",
            "group__name",
            "group__slug",
        )
        .distinct()
        .order_by("location_id", "group__name", "group__slug")[: LIMIT + 1]
    )
    cut = len(pairs) > LIMIT
    # The group page's address, reversed once for all the groups.
    page = reverse("groups:detail", args=[SLUG_MARK])
    places = {}
    for location_id, name, latitude, longitude, group_name, slug in pairs[:LIMIT]:
        place = places.setdefault(
            location_id,
            {"name": name, "lat": float(latitude), "lon": float(longitude), "groups": []},
        )
        place["groups"].append({"name": group_name, "url": page.replace(SLUG_MARK, slug)})
    return list(places.values()), cut
