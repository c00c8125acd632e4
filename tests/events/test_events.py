"""Joint events: awareness periods, the iCalendar feed, registration with a waiting list, and
co-sponsorship decided by the group."""

import datetime as dt
import threading
import zoneinfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from events.models import JointEvent, Registration, Sponsorship, illness_awareness_week
from events.services import EventError, register, registration_confirm
from tests.factory import make_event, make_group

NY = zoneinfo.ZoneInfo("America/New_York")


def at(*args):
    return dt.datetime(*args, tzinfo=NY)


# --- awareness periods -----


@pytest.mark.parametrize(
    ("year", "first_sunday"),
    [(2023, 1), (2024, 6), (2025, 5), (2026, 4), (2028, 1), (2027, 3)],
)
def test_mental_illness_awareness_week_is_the_first_full_week_of_october(year, first_sunday):
    start, end = illness_awareness_week(year)
    assert (start, end) == (dt.date(year, 10, first_sunday), dt.date(year, 10, first_sunday + 6))
    assert start.weekday() == 6  # a Sunday


@pytest.mark.parametrize(
    ("starts", "ends", "tags"),
    [
        (at(2026, 9, 15, 10), at(2026, 9, 15, 14), ["National Recovery Month"]),
        # October 1st 2026 is a Thursday: the first full week runs October 4 to 10.
        (at(2026, 10, 2, 10), at(2026, 10, 2, 12), []),
        (at(2026, 10, 4, 10), at(2026, 10, 4, 12), ["Mental Illness Awareness Week"]),
        (at(2026, 10, 10, 18), at(2026, 10, 10, 20), ["Mental Illness Awareness Week"]),
        (at(2026, 10, 11, 10), at(2026, 10, 11, 12), []),
        # A multi-day event from September 30 into October 5 falls in both.
        (
            at(2026, 9, 30, 9),
            at(2026, 10, 5, 17),
            ["National Recovery Month", "Mental Illness Awareness Week"],
        ),
        (at(2026, 8, 31, 9), at(2026, 8, 31, 17), []),
    ],
)
def test_events_are_tagged_with_their_awareness_period(agency, starts, ends, tags, settings):
    settings.TIME_ZONE = "America/New_York"
    event = make_event(agency, starts_at=starts, ends_at=ends)
    assert event.awareness == tags


# --- the iCalendar feed ---------------------------------------------------------------------------


def parse(client):
    response = client.get(reverse("events:feed"))
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_parses_back_with_stable_uids_sequence_and_time_zones(client, agency):
    event = make_event(
        agency,
        title="Screening day",
        starts_at=at(2026, 10, 6, 10),
        ends_at=at(2026, 10, 6, 14),
        description="Free and confidential.",
    )
    make_event(agency, title="Staff only", is_public=False)
    make_event(agency, title="Still planned", status="planned")
    events = parse(client)
    assert list(events) == [f"{event.uid}@liaison"]
    entry = events[f"{event.uid}@liaison"]
    assert str(entry["SUMMARY"]) == "Screening day"
    assert entry["DTSTART"].dt == at(2026, 10, 6, 10)
    assert entry["DTEND"].dt == at(2026, 10, 6, 14)
    assert str(entry["STATUS"]) == "CONFIRMED"
    first_sequence = int(entry["SEQUENCE"])

    from events.services import event_saved

    event.title = "Depression screening day"
    event.save()
    event_saved(event)
    again = parse(client)[f"{event.uid}@liaison"]
    assert str(again["SUMMARY"]) == "Depression screening day"
    assert int(again["SEQUENCE"]) == first_sequence + 1
    assert again["LAST-MODIFIED"].dt >= entry["LAST-MODIFIED"].dt


def test_a_cancelled_event_stays_in_the_feed_marked_cancelled(client, agency):
    event = make_event(agency, status="cancelled")
    assert str(parse(client)[f"{event.uid}@liaison"]["STATUS"]) == "CANCELLED"


def test_the_feed_carries_nothing_internal(client, agency):
    event = make_event(agency, outcome_notes="Budget overrun, ask the director", capacity=10)
    register(event=event, name="Ann Lee", email="ann@example.org", base_url="http://x")
    body = client.get(reverse("events:feed")).content.decode()
    for private in ["Budget overrun", "Ann Lee", "ann@example.org"]:
        assert private not in body


# --- registration -----


def link_in(message, kind):
    """The path of the `kind` link ("confirm" or "cancel") in a mail."""
    link = next(word for word in message.body.split() if f"/{kind}/" in word)
    return link[link.index("/events/") :]


def sign_up(client, event, n, address="203.0.113.1", **extra):
    """Register `p<n>@example.org` and confirm from the mailed link."""
    data = {"name": f"Person {n}", "email": f"p{n}@example.org", **extra}
    client.post(event.get_absolute_url(), data, REMOTE_ADDR=address)
    return client.post(link_in(mail.outbox[-1], "confirm"))


def confirmed(event, name, email):
    return registration_confirm(
        registration=register(event=event, name=name, email=email, base_url="http://x"),
        base_url="http://x",
    )


def test_registration_fills_the_places_then_the_waiting_list_and_moves_people_up(client, agency):
    event = make_event(agency, capacity=2)
    for n in range(3):
        sign_up(client, event, n)
    statuses = list(event.registrations.values_list("email", "status"))
    assert statuses == [
        ("p0@example.org", "confirmed"),
        ("p1@example.org", "confirmed"),
        ("p2@example.org", "waitlisted"),
    ]
    assert "waiting list" in mail.outbox[-1].subject.lower()
    first_registered = next(m for m in mail.outbox if m.subject.startswith("Registered"))
    path = link_in(first_registered, "cancel")
    client.post(path)
    assert Registration.objects.get(email="p2@example.org").status == "confirmed"
    assert client.post(path).status_code == 410


def test_a_duplicate_sign_up_gets_an_error_beside_the_field(client, agency):
    event = make_event(agency, capacity=5)
    url = event.get_absolute_url()
    client.post(url, {"name": "Ann", "email": "ann@example.org"})
    response = client.post(url, {"name": "Ann again", "email": "ANN@example.org"})
    body = response.content.decode()
    assert "We sent a link to confirm to this address already" in body
    assert 'value="Ann again"' in body
    client.post(link_in(mail.outbox[-1], "confirm"))
    response = client.post(url, {"name": "Ann again", "email": "ann@example.org"})
    assert "registered for this event already" in response.content.decode()
    assert event.registrations.count() == 1
    assert len(mail.outbox) == 2  # the link to confirm, then the confirmation: nothing more


def test_a_tampered_cancel_link_gets_a_clear_page(client):
    response = client.get(reverse("events:cancel", args=["tampered"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_a_tampered_confirm_link_gets_a_clear_page(client):
    response = client.post(reverse("events:confirm", args=["tampered"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serializes writers anyway",
)
def test_two_simultaneous_confirmations_for_the_last_place_get_one_place_and_one_wait():
    from liaison.models import Agency

    agency = Agency.objects.create(name="Concurrency agency", slug="concurrency")
    event = make_event(agency, capacity=1)
    asked = [
        register(event=event, name=f"P{n}", email=f"p{n}@example.org", base_url="http://x")
        for n in range(2)
    ]
    barrier = threading.Barrier(2)
    results = []

    def confirm(registration):
        barrier.wait()
        try:
            results.append(
                registration_confirm(registration=registration, base_url="http://x").status
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(r,)) for r in asked]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["confirmed", "waitlisted"]


# --- flooding: a place is held only once confirmed by email; limits; honeypot -----


def test_registrations_nobody_confirmed_take_no_place(client, agency):
    event = make_event(agency, capacity=1)
    for n in range(4):  # made-up addresses, from four machines
        client.post(
            event.get_absolute_url(),
            {"name": "Flood", "email": f"made-up{n}@example.org"},
            REMOTE_ADDR=f"192.0.2.{n}",
        )
    assert event.registrations.filter(status="pending").count() == 4
    assert not event.registrations.exclude(status="pending").exists()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "1 place left." in page
    sign_up(client, event, 1)
    assert event.registrations.get(email="p1@example.org").status == "confirmed"


def test_registering_asks_to_confirm_by_email_with_a_link_that_asks_first(client, agency):
    event = make_event(agency, capacity=5, title="Film night")
    response = client.post(event.get_absolute_url(), {"name": "Ann", "email": "ann@example.org"})
    body = response.content.decode()
    assert "Check your email" in body and "ann@example.org" in body
    message = mail.outbox[-1]
    assert message.to == ["ann@example.org"]
    assert message.subject == "Please confirm: Film night"
    assert "within 24 hours" in message.body
    path = link_in(message, "confirm")
    # Opening the link (as a mail scanner does) confirms nothing.
    asked = client.get(path)
    assert "Confirm my registration" in asked.content.decode()
    assert event.registrations.get().status == "pending"
    done = client.post(path)
    assert "You are registered" in done.content.decode()
    assert event.registrations.get().status == "confirmed"
    assert mail.outbox[-1].subject == "Registered: Film night"
    assert "/cancel/" in mail.outbox[-1].body
    again = client.post(path)
    assert "You are registered" in again.content.decode()
    assert len(mail.outbox) == 2


def test_the_mail_to_confirm_carries_nothing_typed_but_the_address(client, agency):
    event = make_event(agency, capacity=5)
    client.post(
        event.get_absolute_url(),
        {"name": "Cheap pills at spam.example", "email": "victim@example.org", "phone": "555 0100"},
    )
    body = mail.outbox[-1].body
    assert "spam.example" not in body and "555 0100" not in body


def test_an_unconfirmed_registration_expires_frees_the_address_and_is_forgotten(
    client, agency, client_of, liaison
):
    from events.services import registrations_forget_unconfirmed

    event = make_event(agency, capacity=5)
    client.post(event.get_absolute_url(), {"name": "Ann", "email": "ann@example.org"})
    path = link_in(mail.outbox[-1], "confirm")
    office = client_of(liaison).get(reverse("events:office_event", args=[event.pk]))
    assert "Waiting for email confirmation" in office.content.decode()
    assert "0 registered of 5 places" in office.content.decode()
    Registration.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    office = client_of(liaison).get(reverse("events:office_event", args=[event.pk]))
    assert "ann@example.org" not in office.content.decode()
    from django.test import Client

    expired = Client().post(path)
    assert expired.status_code in (400, 410)
    assert "expired" in expired.content.decode()
    assert not Registration.objects.exists()
    # Registering again works, and the daily job forgets what nobody confirmed.
    client.post(event.get_absolute_url(), {"name": "Ann", "email": "ann@example.org"})
    assert event.registrations.get().status == "pending"
    Registration.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert registrations_forget_unconfirmed() == 1
    assert not Registration.objects.exists()


def test_one_address_may_register_five_times_an_hour_for_an_event(client, agency):
    event = make_event(agency, capacity=50)
    url = event.get_absolute_url()
    for n in range(5):
        client.post(url, {"name": f"P{n}", "email": f"p{n}@example.org"}, REMOTE_ADDR="192.0.2.9")
    refused = client.post(url, {"name": "P6", "email": "p6@example.org"}, REMOTE_ADDR="192.0.2.9")
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Many registrations came from here in the last hour" in body
    assert 'value="p6@example.org"' in body
    assert event.registrations.count() == 5 and len(mail.outbox) == 5
    other = client.post(url, {"name": "Q", "email": "q@example.org"}, REMOTE_ADDR="192.0.2.10")
    assert other.status_code == 200 and event.registrations.count() == 6


def test_one_address_may_register_ten_times_an_hour_in_all(client, agency):
    events = [make_event(agency, capacity=50) for _ in range(3)]
    for n in range(10):
        client.post(
            events[n % 3].get_absolute_url(),
            {"name": f"P{n}", "email": f"p{n}@example.org"},
            REMOTE_ADDR="192.0.2.9",
        )
    refused = client.post(
        events[1].get_absolute_url(),
        {"name": "P11", "email": "p11@example.org"},
        REMOTE_ADDR="192.0.2.9",
    )
    assert refused.status_code == 429
    assert Registration.objects.count() == 10


def test_one_event_takes_a_bounded_number_of_registrations_an_hour(client, agency, monkeypatch):
    from events import views

    monkeypatch.setattr(views, "REGISTRATIONS_PER_EVENT", 3)
    event = make_event(agency, capacity=50)
    for n in range(3):
        client.post(
            event.get_absolute_url(),
            {"name": f"P{n}", "email": f"p{n}@example.org"},
            REMOTE_ADDR=f"192.0.2.{n}",
        )
    refused = client.post(
        event.get_absolute_url(),
        {"name": "P9", "email": "p9@example.org"},
        REMOTE_ADDR="192.0.2.99",
    )
    assert refused.status_code == 429
    assert "This event had very many registrations" in refused.content.decode()
    assert event.registrations.count() == 3


def test_a_filled_honeypot_gets_the_same_answer_and_nothing_is_stored_or_sent(client, agency):
    event = make_event(agency, capacity=5)
    response = client.post(
        event.get_absolute_url(),
        {"name": "Bot", "email": "bot@example.org", "homepage": "http://spam.example"},
    )
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'class="hp-field" aria-hidden="true"' in page


def test_an_event_without_capacity_takes_no_registrations(client, agency):
    event = make_event(agency)
    with pytest.raises(EventError):
        register(event=event, name="A", email="a@example.org", base_url="http://x")
    assert (
        client.post(event.get_absolute_url(), {"name": "A", "email": "a@example.org"}).status_code
        == 404
    )


# --- the office's forms -----


def event_data(**overrides):
    data = {
        "kind": "screening",
        "title": "Depression screening day",
        "starts_at": "2026-10-06T10:00",
        "ends_at": "2026-10-06T14:00",
        "place": "Riverside Library",
        "is_public": "on",
        "status": "confirmed",
        "capacity": "",
    }
    data.update(overrides)
    return data


def test_liaison_staff_create_an_event_and_invite_a_group(client_of, liaison, group):
    response = client_of(liaison).post(
        reverse("events:office_event_add"), event_data(groups=[group.pk])
    )
    assert response.status_code == 302
    event = JointEvent.objects.get()
    assert event.agency == liaison.agency
    sponsorships = {(s.is_agency, s.group_id, s.answer) for s in event.sponsorships.all()}
    assert sponsorships == {(True, None, "accepted"), (False, group.pk, "invited")}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "2026-10-06T09:00"}, "The event must end after it starts."),
        ({"starts_at": "not a date"}, "Enter a valid date/time."),
        ({"online_url": "zoom dot us"}, "Enter a valid URL."),
    ],
)
def test_bad_event_input_gets_an_error_beside_the_field(client_of, liaison, overrides, message):
    response = client_of(liaison).post(reverse("events:office_event_add"), event_data(**overrides))
    body = response.content.decode()
    assert message in body
    assert 'value="Depression screening day"' in body
    assert not JointEvent.objects.exists()


def test_an_inactive_group_cannot_co_sponsor(client_of, liaison):
    gone = make_group(name="Closed Circle", status="inactive")
    response = client_of(liaison).post(
        reverse("events:office_event_add"), event_data(groups=[gone.pk])
    )
    assert "Closed Circle no longer meets" in response.content.decode()


def test_the_capacity_cannot_drop_below_the_registrations(client_of, liaison, agency):
    event = make_event(agency, capacity=3)
    for n in range(2):
        confirmed(event, f"P{n}", f"p{n}@example.org")
    response = client_of(liaison).post(
        reverse("events:office_event", args=[event.pk]),
        event_data(
            capacity="1",
            starts_at=timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
            ends_at=timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert "2 people are registered already" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3


# --- the group decides -----


def test_a_leader_accepts_or_declines_an_invitation_to_co_sponsor(client_of, agency, group, leader):
    event = make_event(agency, title="Film night")
    invitation = Sponsorship.objects.create(
        event=event, group=group, role="cosponsor", answer="invited"
    )
    client = client_of(leader)
    assert "Film night" in client.get(reverse("portal:events")).content.decode()
    from django.test import Client

    public = Client().get(event.get_absolute_url()).content.decode()
    assert escape(group.name) not in public  # not shown as a sponsor before the group says yes
    client.post(reverse("portal:event_answer", args=[invitation.pk]), {"answer": "accept"})
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.answered_by) == ("accepted", leader)
    assert escape(group.name) in Client().get(event.get_absolute_url()).content.decode()
    client.post(reverse("portal:event_answer", args=[invitation.pk]), {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.answer == "declined"


def test_a_leader_cannot_answer_for_another_group(client_of, agency, other_group, leader):
    event = make_event(agency)
    invitation = Sponsorship.objects.create(
        event=event, group=other_group, role="cosponsor", answer="invited"
    )
    response = client_of(leader).post(
        reverse("portal:event_answer", args=[invitation.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.answer == "invited"


def test_another_agencys_events_and_partners_are_404(client_of, agency, other_agency, outsider):
    from events.models import Partner

    event = make_event(agency, is_public=False)
    partner = Partner.objects.create(agency=agency, name="County Health", sector="health")
    elsewhere_liaison = __import__("tests.factory", fromlist=["make_staff"]).make_staff(
        other_agency, "liaison"
    )
    client = client_of(elsewhere_liaison)
    assert client.get(reverse("events:office_event", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:partner", args=[partner.pk])).status_code == 404
    assert "County Health" not in client.get(reverse("events:partners")).content.decode()


# --- the calendar -----


def test_the_calendar_lists_upcoming_public_events_filtered_by_kind_and_month(client, agency):
    soon = timezone.now() + dt.timedelta(days=5)
    make_event(agency, title="Spring Screening", kind="screening", starts_at=soon)
    make_event(agency, title="Movie Night", kind="film", starts_at=soon + dt.timedelta(days=40))
    make_event(agency, title="Long Ago", starts_at=timezone.now() - dt.timedelta(days=5))
    make_event(agency, title="Staff Huddle", is_public=False, starts_at=soon)
    body = client.get(reverse("events:calendar")).content.decode()
    assert "Spring Screening" in body and "Movie Night" in body
    assert "Long Ago" not in body and "Staff Huddle" not in body
    by_kind = client.get(reverse("events:calendar"), {"kind": "screening"}).content.decode()
    assert "Movie Night" not in by_kind
    month = timezone.localtime(soon).strftime("%Y-%m")
    by_month = client.get(reverse("events:calendar"), {"month": month}).content.decode()
    assert "Spring Screening" in by_month
    assert client.get(reverse("events:calendar"), {"month": "garbage"}).status_code == 200


def test_event_lists_have_fixed_query_ceilings(client_of, liaison, agency, client):
    def count(c, url):
        c.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    staff = client_of(liaison)
    make_event(agency)
    urls = [
        (client, reverse("events:calendar")),
        (client, reverse("events:feed")),
        (staff, reverse("events:office_events")),
        (staff, reverse("events:office_events") + "?from=2000-01-01&to=2199-12-31"),
        (staff, reverse("events:partners")),
    ]
    few = [count(c, url) for c, url in urls]
    group = make_group()
    for _ in range(15):
        event = make_event(agency, capacity=3)
        Sponsorship.objects.create(event=event, group=group, role="cosponsor")
    assert [count(c, url) for c, url in urls] == few
    assert max(few) <= 10


def test_a_partner_name_is_not_taken_twice_by_one_agency(client_of, liaison):
    client = client_of(liaison)
    data = {"name": "County Health", "sector": "health", "contact_name": "Rita"}
    assert client.post(reverse("events:partner_add"), data).status_code == 302
    response = client.post(reverse("events:partner_add"), {**data, "name": "county health"})
    assert "You have a partner with this name already." in response.content.decode()


def test_the_event_page_mails_and_feed_give_the_street_address(client, agency):
    event = make_event(
        agency,
        capacity=5,
        title="Film night",
        place="Riverside Public Library, Room A",
        street_address="45 Library Lane",
        city="Riverside",
        postal_code="12580",
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Riverside Public Library, Room A<br>45 Library Lane, Riverside 12580" in page
    assert "geo:0,0?q=Riverside%20Public%20Library" in page and "45%20Library%20Lane" in page
    client.post(event.get_absolute_url(), {"name": "Ann", "email": "ann@example.org"})
    assert "Room A, 45 Library Lane, Riverside 12580." in mail.outbox[-1].body
    done = client.post(link_in(mail.outbox[-1], "confirm")).content.decode()
    assert "45 Library Lane, Riverside 12580" in done
    feed = Calendar.from_ical(client.get(reverse("events:feed")).content)
    (entry,) = feed.walk("VEVENT")
    assert str(entry["location"]) == (
        "Riverside Public Library, Room A, 45 Library Lane, Riverside 12580"
    )


@pytest.mark.parametrize("place", ["", "Riverside Park"])
def test_a_spanish_time_ends_a_sentence_with_one_period(client, agency, place):
    event = make_event(
        agency,
        capacity=5,
        title="Feria",
        place=place,
        starts_at=timezone.make_aware(dt.datetime(2030, 5, 4, 18)),
    )
    client.post(
        event.get_absolute_url(),
        {"name": "Ana", "email": "ana@example.org"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    client.post(link_in(mail.outbox[-1], "confirm"), HTTP_ACCEPT_LANGUAGE="es")
    for message in mail.outbox:
        assert "p. m." in message.body
        assert ".." not in message.body.replace("...", "")


def test_an_event_with_a_spanish_version_is_read_in_spanish_and_mailed_in_it(client, agency):
    event = make_event(
        agency,
        capacity=5,
        title="Recovery Month picnic",
        title_es="Picnic del Mes de la Recuperación",
        description="Food and music.",
        description_es="Comida y música.",
    )
    spanish = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<h1 class="h3" lang="es">Picnic del Mes de la Recuperación</h1>' in spanish
    assert '<p lang="es">Comida y música.</p>' in spanish
    listing = client.get(reverse("events:calendar"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'lang="es">Picnic del Mes de la Recuperación</a>' in listing
    english = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1 class="h3" lang="en">Recovery Month picnic</h1>' in english
    assert "Recuperación" not in english
    client.post(
        event.get_absolute_url(),
        {"name": "Ana", "email": "ana@example.org"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert "Picnic del Mes de la Recuperación" in mail.outbox[-1].subject


def test_an_event_without_a_spanish_version_shows_its_own_words_marked_english(client, agency):
    event = make_event(agency, title="Film night", description="A film.")
    page = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<h1 class="h3" lang="en">Film night</h1>' in page and '<p lang="en">A film.</p>' in page


def test_the_office_list_puts_the_next_event_first_and_the_past_after(client_of, liaison, agency):
    now = timezone.now()
    for title, days in (("Later", 30), ("Next", 2), ("Last month", -30), ("Last week", -7)):
        make_event(agency, title=title, starts_at=now + dt.timedelta(days=days))
    body = client_of(liaison).get(reverse("events:office_events")).content.decode()
    order = [body.index(f">{title}<") for title in ("Next", "Later", "Last week", "Last month")]
    assert order == sorted(order)
    assert body.index("Coming up") < order[0] < order[1] < body.index("Past") < order[2]


def test_each_co_sponsor_gets_its_role_and_another_agency_cannot_set_it(
    client_of, liaison, agency, other_agency, other_unit
):
    from liaison.models import StaffMembership
    from tests.factory import make_staff

    event = make_event(agency, title="Health fair")
    sponsorship = Sponsorship.objects.create(
        event=event, group=make_group(name="Hilltop DBSA"), role="cosponsor", answer="accepted"
    )
    browser = client_of(liaison)
    page = browser.get(reverse("events:office_event", args=[event.pk])).content.decode()
    assert f'id="role-{sponsorship.pk}"' in page and "Exhibitor" in page
    url = reverse("events:office_sponsorship_role", args=[sponsorship.pk])
    assert browser.post(url, {"role": "exhibitor"}).status_code == 302
    sponsorship.refresh_from_db()
    assert sponsorship.role == "exhibitor"
    browser.post(url, {"role": "juggler"})
    sponsorship.refresh_from_db()
    assert sponsorship.role == "exhibitor"
    stranger = make_staff(
        other_agency, StaffMembership.Role.LIAISON, other_unit, email="l2@example.org"
    )
    assert client_of(stranger).post(url, {"role": "host"}).status_code == 404
    sponsorship.refresh_from_db()
    assert sponsorship.role == "exhibitor"
