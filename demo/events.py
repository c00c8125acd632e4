"""The demo events side (`data/events.toml`): partners by sector and a year of joint events across
kinds and both awareness periods, some with registration. Idempotent: found by natural keys.

Written with the models' own validation: `events.services.register` would mail each guest a link
to confirm, and `event_saved` only moves the calendar sequence of an event saved again."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone

from demo import files
from events.models import JointEvent, Partner, Registration, Sponsorship
from groups.models import SelfHelpGroup
from liaison.models import Agency

EVENT_FIELDS = (
    "title title_es description_es kind starts hours place street_address city postal_code "
    "is_public status capacity "
    "groups groups_invited partners expected_attendance actual_attendance"
)


def _saved(row):
    row.full_clean()
    row.save()
    return row


def seed_events():
    fields = "agency description registrations partners events"
    document = files.read("events.toml", fields=fields)
    with document:
        agency = Agency.objects.get(slug=document["agency"])
        guests = document.table("registrations", fields="confirmed pending")
    partners = {}
    for row in document.rows("partners", name="name", fields="name sector contact_name"):
        with row:
            partner = Partner.objects.filter(agency=agency, name=row["name"]).first()
            if partner is None:
                partner = _saved(
                    Partner(
                        agency=agency,
                        name=row["name"],
                        sector=row["sector"],
                        contact_name=row["contact_name"],
                    )
                )
            partners[partner.name] = partner
    for row in document.rows("events", name="title", fields=EVENT_FIELDS):
        with row:
            if JointEvent.objects.filter(agency=agency, title=row["title"]).exists():
                continue
            starts = _starts(row.table("starts", fields="years_from_now month day hour"))
            event = _saved(
                JointEvent(
                    agency=agency,
                    title=row["title"],
                    kind=row["kind"],
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=row["hours"]),
                    place=row.get("place", ""),
                    street_address=row.get("street_address", ""),
                    city=row.get("city", ""),
                    postal_code=row.get("postal_code", ""),
                    is_public=row["is_public"],
                    status=row["status"],
                    capacity=row.get("capacity"),
                    expected_attendance=row.get("expected_attendance"),
                    actual_attendance=row.get("actual_attendance"),
                    description=document["description"],
                    title_es=row.get("title_es", ""),
                    description_es=row.get("description_es", ""),
                )
            )
            _seed_sponsors(event, row, partners)
            _seed_registrations(event, guests)


def _starts(when) -> dt.datetime:
    """Years from this one, month, day and hour, in the site's time zone."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    year = timezone.localdate().year + when["years_from_now"]
    return dt.datetime(year, when["month"], when["day"], when["hour"], tzinfo=zone)


def _seed_sponsors(event, row, partners):
    _saved(Sponsorship(event=event, is_agency=True, role=Sponsorship.Role.HOST))
    answers = [(slug, Sponsorship.Answer.INVITED) for slug in row.get("groups_invited", [])]
    answers += [(slug, Sponsorship.Answer.ACCEPTED) for slug in row.get("groups", [])]
    for slug, answer in answers:
        group = SelfHelpGroup.objects.get(slug=slug)
        _saved(
            Sponsorship(event=event, group=group, role=Sponsorship.Role.COSPONSOR, answer=answer)
        )
    for name in row.get("partners", []):
        partner = files.pick(partners, name, "partner")
        _saved(Sponsorship(event=event, partner=partner, role=Sponsorship.Role.COSPONSOR))


def _seed_registrations(event, guests):
    """Guests registered for an event with a capacity that is confirmed or held."""
    if not event.capacity or event.status not in (
        JointEvent.Status.CONFIRMED,
        JointEvent.Status.HELD,
    ):
        return
    for guest in guests["confirmed"]:
        _saved(
            Registration(
                event=event,
                status=Registration.Status.CONFIRMED,
                confirmed_at=timezone.now(),
                **guest,
            )
        )
    if event.status == JointEvent.Status.CONFIRMED:
        # Asked to register, not confirmed by email yet: holds no place.
        _saved(Registration(event=event, status=Registration.Status.PENDING, **guests["pending"]))
