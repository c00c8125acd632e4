"""The directory as an Open Referral HSDS 3.0 API (read-only, public, JSON).

A listed self-help group is an HSDS service; its national organization (AA, NAMI, ...) is the
service's organization; each active meeting is a schedule, each meeting place a service at a
location, and each focus area an attribute with a taxonomy term. Only what the public group page
shows is published: first names and last initials of public contacts, never a contact's email or
phone, never the agencies' assessments, never a group that is not listed.

Each page of results costs the same, fixed number of queries however many groups there are and
whichever page it is: the page's keys are picked first (`_page_rows`), the related rows come in
with one prefetch query each, and the ids of rows that have no uuid of their own (a group's phone,
its languages, ...) are derived from their parent's uuid in Python."""

import datetime as dt
import functools
import math
import uuid
import zoneinfo

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET

from groups.directory import near
from groups.directory.page_cache import public_page
from groups.directory.search import search
from groups.languages import in_english
from groups.meeting_guide import types as meeting_types
from groups.models import Contact, FocusArea, Location, Meeting, Organization, SelfHelpGroup
from liaison import limits
from liaison.db_router import replica_reads

HSDS_VERSION = "3.0"
# No HSDS profile applies, so the profile is the base specification itself.
PROFILE_URL = "https://openreferral.readthedocs.io/en/3.0/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
TAXONOMY = "liaison-focus-areas"
# The one taxonomy: the directory's focus areas. Its id is stable, derived from its name.
TAXONOMY_ID = str(
    uuid.uuid5(uuid.NAMESPACE_URL, "https://liaison.example.org/taxonomies/" + TAXONOMY)
)
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]  # indexed by our weekday, 0 = Sunday
DESCRIPTION_SECTIONS = [
    ("who_attends", "Who goes"),
    ("typical_format", "What happens"),
    ("common_issues", "What members often talk about"),
    ("philosophy", "Philosophy"),
]
# Columns no response uses: not worth reading for a page of 200 groups.
UNUSED_GROUP_FIELDS = ["search_text", "search_vector", "imported_values", "import_key"]


def cached_publicly(view):
    """Kept by proxies for five minutes, and by the app for a minute
    (groups/directory/page_cache.py); readable by any site's scripts (the API is public and
    read-only). The answer depends on its address alone (always in English, the same signed in
    or not), so it varies on no header and a shared cache keeps one copy for everyone. It carries
    an ETag, a digest of the body worked out once when the page is made (the kept page keeps it):
    a client that has the page gets a 304, from the kept page without a query. Its reads come
    from the read replica when one is configured."""

    @functools.wraps(view)
    def tagged(request, *args, **kwargs):
        # Harvesters page through the whole directory: from the read replica when there is one.
        with replica_reads():
            response = view(request, *args, **kwargs)
        if response.status_code == 200:
            set_response_etag(response)
        return response

    cached = public_page()(tagged)

    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        response = cached(request, *args, **kwargs)
        if response.status_code == 200 and response.has_header("ETag"):
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        patch_cache_control(response, public=True, max_age=300)
        response["Access-Control-Allow-Origin"] = "*"
        response.vary_only = ()
        return response

    return answer


# The query parameters each list takes; any other is answered 400, never silently ignored.
PAGING = {"page", "per_page", "format"}
SERVICE_PARAMS = PAGING | {
    "search", "modified_after", "taxonomy_term_id", "taxonomy_id", "organization_id", "full",
    "minimal",
}  # fmt: skip
ORGANIZATION_PARAMS = PAGING | {"search", "full_service"}
DETAIL_PARAMS = {"format"}
ORGANIZATION_DETAIL_PARAMS = DETAIL_PARAMS | {"full_service"}


def _only(params, allowed):
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise BadParameter(
            f"Not supported here: {', '.join(unknown)}. This list takes "
            f"{', '.join(sorted(allowed))}."
        )
    if params.get("format", "json").strip().lower() != "json":
        raise BadParameter("“format” may only be json.")


def _id_or_none(raw):
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


class BadParameter(Exception):
    """A query parameter the API cannot use: answered with 400 and this message."""


# --- small helpers --------------------------------------------------------------------------------


def _derived_id(parent: uuid.UUID, kind: str, key: object = "") -> str:
    # Stable across requests and servers: the same parent and key always give the same id.
    return str(uuid.uuid5(parent, f"{kind}:{key}"))


def _utc_timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _utc_offset_hours(zone_name: str, now: dt.datetime):
    """The zone's UTC offset now, in hours: HSDS gives a schedule's time zone as a number."""
    try:
        offset = now.astimezone(zoneinfo.ZoneInfo(zone_name)).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    hours = offset.total_seconds() / 3600
    return int(hours) if hours.is_integer() else hours


def _without_empty(record: dict) -> dict:
    # HSDS fields are typed strings or numbers: an unknown value is left out, never null.
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _json(data: dict, status: int = 200) -> JsonResponse:
    # UTF-8 as it is: names in Spanish, Korean or Arabic stay readable.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(status: int, message: str) -> JsonResponse:
    return _json({"status": status, "message": message}, status=status)


# --- serializers: one per HSDS object -------------------------------------------------------------


def organization_record(organization: Organization) -> dict:
    return _without_empty(
        {
            "id": str(organization.uuid),
            "name": organization.name,
            "alternate_name": organization.short_name,
            # Required by the schema: the name stands in for a missing description.
            "description": organization.description or organization.name,
            "website": organization.website,
        }
    )


def _service_description(group: SelfHelpGroup) -> str:
    paragraphs = [group.description.strip()]
    for field, label in DESCRIPTION_SECTIONS:
        text = getattr(group, field).strip()
        if text:
            paragraphs.append(f"{label}: {text}")
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def service_record(group: SelfHelpGroup, absolute, *, nest_organization=True) -> dict:
    """The service's one-to-one fields (the shape of HSDS `service_list.json`)."""
    organization = group.organization
    record = {
        "id": str(group.uuid),
        "organization_id": str(organization.uuid) if organization else None,
        "name": group.name,
        "description": _service_description(group),
        "url": absolute(group.get_absolute_url()),
        "email": group.public_email,
        "status": "active",
        "assured_date": timezone.localdate(group.verified_at).isoformat()
        if group.verified_at
        else None,
        "last_modified": _utc_timestamp(group.last_changed),
    }
    if organization and nest_organization:
        record["organization"] = organization_record(organization)
    return _without_empty(record)


def service_full_record(group: SelfHelpGroup, absolute, now: dt.datetime) -> dict:
    """The fully nested service (HSDS `service.json`), from a group of `listed_groups(full)`."""
    service_id = str(group.uuid)
    meetings = group.listed_meetings
    record = service_record(group, absolute)
    record.update(
        phones=phone_records(group),
        languages=language_records(group, meetings),
        contacts=[contact_record(contact, service_id) for contact in group.public_contacts],
        schedules=[schedule_record(meeting, group, now) for meeting in meetings],
        service_at_locations=[
            service_at_location_record(group, location) for location in _places(meetings)
        ],
        attributes=[attribute_record(group, area) for area in group.focus_areas.all()],
    )
    return record


def phone_records(group: SelfHelpGroup) -> list[dict]:
    if not group.public_phone:
        return []
    return [
        {
            "id": _derived_id(group.uuid, "phone"),
            "service_id": str(group.uuid),
            "number": group.public_phone,
        }
    ]


def language_records(group: SelfHelpGroup, meetings) -> list[dict]:
    languages = {language.code: language for m in meetings for language in m.languages.all()}
    return [
        {
            "id": _derived_id(group.uuid, "language", language.code),
            "service_id": str(group.uuid),
            "name": language.name,
            "code": language.code,
        }
        for language in sorted(languages.values(), key=lambda language: language.name)
    ]


def contact_record(contact: Contact, service_id: str) -> dict:
    # The public name is the first name and last initial; the email and phone stay private.
    return _without_empty(
        {
            "id": str(contact.uuid),
            "service_id": service_id,
            "name": contact.public_name,
            "title": contact.role,
        }
    )


def _byday(meeting: Meeting) -> str:
    codes = [ICAL_DAYS[day] for day in meeting.days]
    if meeting.recurrence == Meeting.Recurrence.MONTHLY:
        return ",".join(f"{meeting.month_week}{code}" for code in codes)
    return ",".join(codes)


# A schedule's notes, line by line: these sentences and line openings are the format our
# importer reads back (`groups.hsds.reader.read_schedule_notes`).
OPEN_WORDS = "Open meeting: anyone may come."
CLOSED_WORDS = "Closed meeting: for people who share the group's problem."
NOTE_LINES = {
    "format": "Format: ",
    "location_notes": "Where: ",
    "accessibility_notes": "Access: ",
    "conference_notes": "Joining online: ",
}


def _schedule_notes(meeting: Meeting) -> str:
    if meeting.is_open:
        access = OPEN_WORDS
    elif meeting.is_closed:
        access = CLOSED_WORDS
    else:
        access = ""
    labels = ", ".join(meeting_types.label(code, "en") for code in meeting.type_codes or [])
    opening = NOTE_LINES
    parts = [
        access,
        f"{opening['format']}{labels}." if labels else "",
        meeting.notes.strip(),
        f"{opening['location_notes']}{meeting.location_notes}"
        if _place_of(meeting) and meeting.location_notes
        else "",
        f"{opening['accessibility_notes']}{meeting.accessibility_notes}"
        if meeting.accessibility_notes
        else "",
        f"{opening['conference_notes']}{meeting.conference_notes}"
        if meeting.is_online and meeting.conference_notes
        else "",
    ]
    return "\n".join(part for part in parts if part)


def schedule_record(meeting: Meeting, group: SelfHelpGroup, now: dt.datetime) -> dict:
    place = _place_of(meeting)
    return _without_empty(
        {
            "id": str(meeting.uuid),
            "service_id": str(group.uuid),
            "location_id": str(place.uuid) if place else None,
            "service_at_location_id": _service_at_location_id(group, place) if place else None,
            "freq": "MONTHLY" if meeting.recurrence == Meeting.Recurrence.MONTHLY else "WEEKLY",
            "byday": _byday(meeting),
            "opens_at": meeting.start_time.strftime("%H:%M"),
            "closes_at": meeting.end_time.strftime("%H:%M") if meeting.end_time else None,
            "timezone": _utc_offset_hours(meeting.timezone, _next_or_now(meeting, now)),
            "description": f"{meeting.name}: {meeting.schedule_text}"
            if meeting.name
            else meeting.schedule_text,
            # The schema leaves it free text; the mode's code is what importers can read back.
            "attending_type": meeting.mode,
            # The join link is on the public page too; an in-person meeting has none to give.
            "schedule_link": meeting.conference_url if meeting.is_online else None,
            "notes": _schedule_notes(meeting),
        }
    )


def _next_or_now(meeting: Meeting, now: dt.datetime) -> dt.datetime:
    """HSDS gives a schedule's time zone as one UTC offset: the offset at the meeting's next
    occurrence is the one a reader needs (across a change to or from daylight saving, today's
    would be an hour off)."""
    try:
        return meeting.next_occurrence(now) or now
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return now


def _place_of(meeting: Meeting):
    return meeting.location if meeting.is_in_person else None


def _places(meetings) -> list:
    """The distinct places of the in-person and hybrid meetings, in meeting order."""
    places = {}
    for meeting in meetings:
        place = _place_of(meeting)
        if place is not None:
            places.setdefault(place.pk, place)
    return list(places.values())


def _service_at_location_id(group: SelfHelpGroup, location) -> str:
    return _derived_id(group.uuid, "service_at_location", location.uuid)


def service_at_location_record(group: SelfHelpGroup, location) -> dict:
    return {
        "id": _service_at_location_id(group, location),
        "service_id": str(group.uuid),
        "location_id": str(location.uuid),
        "location": location_record(location),
    }


def location_record(location) -> dict:
    # A postal code's centre is not the place's position: it is left out, as unknown.
    placed = (
        location.latitude is not None
        and location.longitude is not None
        and location.coordinates_source != Location.Coordinates.POSTAL_CODE
    )
    record = {
        "id": str(location.uuid),
        "location_type": "physical",
        "name": location.name,
        "transportation": location.directions,
        "latitude": float(location.latitude) if placed else None,
        "longitude": float(location.longitude) if placed else None,
        "addresses": [address_record(location)],
    }
    features = [str(feature).capitalize() for feature in location.access_features]
    access = ". ".join(part for part in [", ".join(features), location.accessibility] if part)
    if access:
        record["accessibility"] = [
            {
                "id": _derived_id(location.uuid, "accessibility"),
                "location_id": str(location.uuid),
                "description": access,
            }
        ]
    return _without_empty(record)


def address_record(location) -> dict:
    # Every address part is required by the schema: an unknown one is an empty string.
    return {
        "id": _derived_id(location.uuid, "address"),
        "location_id": str(location.uuid),
        "address_1": location.street,
        "city": location.city,
        "state_province": location.state,
        "postal_code": location.postal_code,
        "country": location.country,
        "address_type": "physical",
    }


def attribute_record(group: SelfHelpGroup, area: FocusArea) -> dict:
    return {
        "id": _derived_id(group.uuid, "attribute", area.uuid),
        "link_id": str(group.uuid),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": str(area.uuid),
        "taxonomy_term": taxonomy_term_record(area),
    }


def taxonomy_term_record(area: FocusArea) -> dict:
    return {
        "id": str(area.uuid),
        "code": area.slug,
        "name": area.name,
        "description": area.description or area.name,
        "taxonomy": TAXONOMY,
        "taxonomy_id": TAXONOMY_ID,
    }


def taxonomy_record() -> dict:
    return {
        "id": TAXONOMY_ID,
        "name": TAXONOMY,
        "description": "The directory's focus areas: what a self-help group is about (alcohol, "
        "drugs, mental health, family and friends, grief, health conditions).",
    }


# --- querysets ------------------------------------------------------------------------------------


def _latest(queryset, field):
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def listed_groups(*, full=False):
    """The listed groups, each annotated with `last_changed`: the latest change to the group, its
    meetings or their places, since HSDS counts a change to related data as a change to the
    service; with `full`, with everything the nested service needs prefetched."""
    meetings = Meeting.objects.filter(group=OuterRef("pk"))
    placed = meetings.filter(location__isnull=False)
    groups = (
        SelfHelpGroup.objects.active()
        .select_related("organization")
        .defer(*UNUSED_GROUP_FIELDS)
        .annotate(
            last_changed=Greatest(
                "updated_at",
                Coalesce(_latest(meetings, "updated_at"), "updated_at"),
                Coalesce(_latest(placed, "location__updated_at"), "updated_at"),
            )
        )
    )
    if not full:
        return groups
    active_meetings = (
        Meeting.objects.filter(status=Meeting.Status.ACTIVE)
        .select_related("location")
        .prefetch_related("languages")
        .order_by("start_time", "pk")
    )
    contacts = Contact.objects.filter(is_public=True).order_by("position", "pk")
    return groups.prefetch_related(
        Prefetch("meetings", queryset=active_meetings, to_attr="listed_meetings"),
        Prefetch("contacts", queryset=contacts, to_attr="public_contacts"),
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "name", "pk")),
    )


# --- query parameters -----------------------------------------------------------------------------


def _whole_number(params, name, *, default, maximum=None) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(f"“{name}” must be a whole number, not “{raw}”.") from None
    if maximum is not None and not 1 <= value <= maximum:
        raise BadParameter(f"“{name}” must be between 1 and {maximum}, not {value}.")
    if value < 1:
        raise BadParameter(f"“{name}” must be 1 or more, not {value}.")
    return value


def _uuid(params, name):
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(f"“{name}” must be a UUID, not “{raw}”.") from None


def _boolean(params, name) -> bool:
    raw = params.get(name, "").strip().lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise BadParameter(f"“{name}” must be true or false, not “{raw}”.")


def _moment(params, name):
    """An ISO 8601 date or date-time; a date means its start, and no offset means local time."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    # An unencoded "+" in a query string arrives as a space: "...T10:00:00 02:00".
    for candidate in (raw, raw.replace(" ", "+")):
        try:
            value = parse_datetime(candidate)
        except ValueError:
            value = None
        if value is not None:
            # 0001-01-01 means "from the start": in range, it means the same and converts to UTC.
            return limits.clamp_moment(value)
    raise BadParameter(
        f"“{name}” must be an ISO 8601 date or date-time such as 2025-01-31 or "
        f"2025-01-31T09:00:00Z, not “{raw}”."
    )


def _page(params, queryset, serialize) -> dict:
    """One page of `queryset` (or of a list) with the HSDS Page fields; a page past the end is
    empty."""
    number = _whole_number(params, "page", default=1)
    size = _whole_number(params, "per_page", default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    start = (number - 1) * size
    if isinstance(queryset, list):
        total, rows = len(queryset), queryset[start : start + size]
    else:
        total, rows = _page_rows(queryset, start, size)
    total_pages = math.ceil(total / size)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(rows),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": total == 0,
        "contents": [serialize(row) for row in rows],
    }


def _page_rows(queryset, start: int, size: int) -> tuple[int, list]:
    """The number of rows in `queryset` and its rows from `start`, ids first. One query picks the
    page's keys in the queryset's order and counts the whole list beside them (a subquery the
    database answers once), reading nothing else: an annotation costs only where a filter or the
    order uses it (a search orders by its rank). A second reads the page's rows whole, with their
    annotations and prefetches, for those keys alone. Skipped rows are only sorted and counted,
    so a deep page costs about what the first does; a page past the end is counted apart."""
    counted = (
        queryset.order_by()
        .annotate(page_one=Value(1))
        .values("page_one")  # a constant: no grouping, one count over the whole list
        .annotate(page_count=Count("*"))
        .values("page_count")
    )
    keys = list(
        queryset.annotate(page_total=Subquery(counted)).values_list("pk", "page_total")[
            start : start + size
        ]
    )
    if not keys:
        return (queryset.count() if start else 0), []
    found = queryset.order_by().in_bulk([pk for pk, _total in keys])
    return keys[0][1], [found[pk] for pk, _total in keys if pk in found]


def _changed_since(moment) -> Q:
    """`last_changed >= moment`, said so that the database need not work out `last_changed` for
    every group: the latest of several times is at or after a moment when one of them is, so a
    group qualifies when it, one of its meetings, or the place of one of them changed since. Two
    passes over the meetings, where the annotation is three lookups per group."""
    meetings = Meeting.objects.filter(updated_at__gte=moment).values("group_id")
    places = Meeting.objects.filter(location__updated_at__gte=moment).values("group_id")
    return Q(updated_at__gte=moment) | Q(pk__in=meetings) | Q(pk__in=places)


def _filtered_services(params, *, full):
    groups = listed_groups(full=full)
    taxonomy = _uuid(params, "taxonomy_id")
    if taxonomy is not None and str(taxonomy) != TAXONOMY_ID:
        groups = groups.none()
    modified_after = _moment(params, "modified_after")
    if modified_after is not None:
        groups = groups.filter(_changed_since(modified_after))
    term = _uuid(params, "taxonomy_term_id")
    if term is not None:
        groups = groups.filter(focus_areas__uuid=term)
    organization = _uuid(params, "organization_id")
    if organization is not None:
        groups = groups.filter(organization__uuid=organization)
    query = params.get("search", "").strip()
    if limits.shorten_search(query)[1]:
        raise BadParameter(
            f"“search” may hold at most {limits.SEARCH_MAX_WORDS} words and "
            f"{limits.SEARCH_MAX_CHARS} characters."
        )
    if query:
        groups = search(groups, query)
    # Best matches first when searching (search() annotates a rank), then a stable order.
    if "rank" in groups.query.annotations:
        return groups.order_by("-rank", "name", "pk")
    return groups.order_by("name", "pk")


# --- views ----------------------------------------------------------------------------------------


@in_english
@require_GET
@cached_publicly
def api_root(request):
    return _json({"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL})


def _service_serializer(request, *, full):
    absolute, now = request.build_absolute_uri, timezone.now()
    if full:
        return lambda group: service_full_record(group, absolute, now)
    return lambda group: service_record(group, absolute)


@in_english
@require_GET
@cached_publicly
def services(request):
    try:
        _only(request.GET, SERVICE_PARAMS)
        full = _boolean(request.GET, "full") and not _boolean(request.GET, "minimal")
        groups = _filtered_services(request.GET, full=full)
        page = _page(request.GET, groups, _service_serializer(request, full=full))
    except BadParameter as error:
        return _error(400, str(error))
    return _json(page)


@in_english
@require_GET
@cached_publicly
def service_detail(request, pk):
    try:
        _only(request.GET, DETAIL_PARAMS)
    except BadParameter as error:
        return _error(400, str(error))
    key = _id_or_none(pk)
    group = listed_groups(full=True).filter(uuid=key).first() if key else None
    if group is None:
        return _error(404, f"No listed service has the id {pk}.")
    return _json(service_full_record(group, request.build_absolute_uri, timezone.now()))


@in_english
@require_GET
@cached_publicly
def organizations(request):
    try:
        _only(request.GET, ORGANIZATION_PARAMS)
        found = Organization.objects.order_by("name", "pk")
        query = request.GET.get("search", "").strip()
        if limits.shorten_search(query)[1]:
            raise BadParameter(f"“search” may hold at most {limits.SEARCH_MAX_WORDS} words.")
        if query:
            found = found.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
        if _boolean(request.GET, "full_service"):
            absolute = request.build_absolute_uri
            groups = listed_groups().order_by("name", "pk")
            found = found.prefetch_related(
                Prefetch("groups", queryset=groups, to_attr="listed_groups")
            )

            def serialize(organization):
                return _with_services(organization, absolute)
        else:
            serialize = organization_record
        page = _page(request.GET, found, serialize)
    except BadParameter as error:
        return _error(400, str(error))
    return _json(page)


def _with_services(organization, absolute) -> dict:
    record = organization_record(organization)
    # The openapi's organization carries its services' one-to-one fields, not nested ones.
    record["services"] = [
        service_record(group, absolute, nest_organization=False)
        for group in organization.listed_groups
    ]
    return record


@in_english
@require_GET
@cached_publicly
def organization_detail(request, pk):
    try:
        _only(request.GET, ORGANIZATION_DETAIL_PARAMS)
    except BadParameter as error:
        return _error(400, str(error))
    groups = listed_groups().order_by("name", "pk")
    organization = (
        Organization.objects.filter(uuid=_id_or_none(pk))
        .prefetch_related(Prefetch("groups", queryset=groups, to_attr="listed_groups"))
        .first()
    )
    if organization is None:
        return _error(404, f"No organization has the id {pk}.")
    return _json(_with_services(organization, request.build_absolute_uri))


@in_english
@require_GET
@cached_publicly
def taxonomies(request):
    try:
        _only(request.GET, PAGING)
        page = _page(request.GET, [TAXONOMY_ID], lambda _id: taxonomy_record())
    except BadParameter as error:
        return _error(400, str(error))
    return _json(page)


@in_english
@require_GET
@cached_publicly
def taxonomy_detail(request, pk):
    if str(_id_or_none(pk)) != TAXONOMY_ID:
        return _error(404, f"No taxonomy has the id {pk}.")
    return _json(taxonomy_record())


@in_english
@require_GET
@cached_publicly
def taxonomy_terms(request):
    try:
        _only(request.GET, PAGING | {"taxonomy_id"})
        terms = FocusArea.objects.order_by("position", "name", "pk")
        taxonomy = _uuid(request.GET, "taxonomy_id")
        if taxonomy is not None and str(taxonomy) != TAXONOMY_ID:
            terms = terms.none()
        page = _page(request.GET, terms, taxonomy_term_record)
    except BadParameter as error:
        return _error(400, str(error))
    return _json(page)


@in_english
@require_GET
@cached_publicly
def taxonomy_term_detail(request, pk):
    area = FocusArea.objects.filter(uuid=_id_or_none(pk)).first()
    if area is None:
        return _error(404, f"No taxonomy term has the id {pk}.")
    return _json(taxonomy_term_record(area))


def _service_at_location_pairs():
    """(group, place) for every listed group and each place it meets at, in a stable order."""
    met_at = Meeting.objects.listed().filter(
        location__isnull=False, mode__in=[Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID]
    )
    places = {}
    for group_id, location_id in met_at.values_list("group_id", "location_id").distinct():
        places.setdefault(group_id, set()).add(location_id)
    groups = SelfHelpGroup.objects.filter(pk__in=places).only("pk", "uuid", "name")
    locations = Location.objects.in_bulk({pk for ids in places.values() for pk in ids})
    return [
        (group, locations[location_id])
        for group in groups.order_by("name", "pk")
        for location_id in sorted(places[group.pk])
    ]


MAX_PROXIMITY_METERS = 500_000


def _near_postcode(params, pairs):
    """The pairs at a place with this postcode; with `proximity` (meters), those within that
    distance of the postcode's centre instead (US ZIP codes: `groups.directory.near`)."""
    postcode = params.get("postcode", "").strip()
    proximity = params.get("proximity", "").strip()
    if proximity and not postcode:
        raise BadParameter("“proximity” is measured from a “postcode”: give one.")
    if not postcode:
        return pairs
    if not proximity:
        return [pair for pair in pairs if pair[1].postal_code.strip() == postcode]
    try:
        meters = float(proximity)
    except ValueError:
        meters = math.nan
    if not 0 <= meters <= MAX_PROXIMITY_METERS:
        raise BadParameter(
            f"“proximity” is a distance in meters, from 0 to {MAX_PROXIMITY_METERS:,}."
        )
    centre = near.from_zip(postcode)
    if centre is None:
        raise BadParameter(f"No centre is known for the postcode “{postcode}” (US ZIP codes).")
    miles = meters / 1609.344
    return [
        (group, place)
        for group, place in pairs
        if place.latitude is not None
        and place.longitude is not None
        and near.distance_miles(centre, place.latitude, place.longitude) <= miles
    ]


@in_english
@require_GET
@cached_publicly
def service_at_locations(request):
    try:
        _only(request.GET, PAGING | {"postcode", "proximity"})
        page = _page(
            request.GET,
            _near_postcode(request.GET, _service_at_location_pairs()),
            lambda pair: service_at_location_record(*pair),
        )
    except BadParameter as error:
        return _error(400, str(error))
    return _json(page)


@in_english
@require_GET
@cached_publicly
def service_at_location_detail(request, pk):
    for group, location in _service_at_location_pairs():
        if _service_at_location_id(group, location) == str(pk):
            return _json(service_at_location_record(group, location))
    return _error(404, f"No service at a location has the id {pk}.")
