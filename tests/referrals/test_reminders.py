"""A reminder of the first meeting, the day before, to a client who asked for it: by email or
text message, in the client's language, sent by the background worker; one tap stops it."""

import datetime as dt
import logging

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups.models import Language
from referrals.models import Referral
from referrals.services import meeting_reminder_send, referral_create, reminders_due_send
from tests.factory import make_client, make_meeting

TODAY = timezone.localdate()


@pytest.fixture
def tomorrow_meeting(group):
    tomorrow = (TODAY + dt.timedelta(days=1)).isoweekday() % 7
    return make_meeting(group, days=[tomorrow], start_time=dt.time(19), end_time=None)


def refer(practitioner, client, group, meeting, reminder):
    referral, _ = referral_create(
        client=client, group=group, kind="standard", meeting=meeting, reminder=reminder,
        by=practitioner,
    )  # fmt: skip
    return referral


def test_an_email_reminder_goes_the_day_before_in_the_clients_language(
    db, agency, unit, practitioner, group, tomorrow_meeting, django_capture_on_commit_callbacks
):
    client = make_client(agency, unit, first_name="Rosa", email="rosa@example.org")
    client.identity.preferred_language = Language.objects.get(code="es")
    client.identity.save()
    referral = refer(practitioner, client, group, tomorrow_meeting, "email")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_due_send() == {"queued": 1}
    (message,) = mail.outbox
    assert message.to == ["rosa@example.org"]
    assert "Mañana" in message.body and group.name in message.body
    assert "Qué esperar" in message.body and message.subject.startswith("Su reunión de mañana")
    assert "/reminders/stop/" in message.body
    referral.refresh_from_db()
    assert referral.reminder_sent_on == TODAY
    # Once only.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_due_send() == {"queued": 0}


def test_a_text_reminder_is_written_to_the_log_in_development(
    db, agency, unit, practitioner, group, tomorrow_meeting, caplog
):
    client = make_client(agency, unit, first_name="Lee", phone="555-0123")
    referral = refer(practitioner, client, group, tomorrow_meeting, "text")
    with caplog.at_level(logging.INFO, logger="liaison.sms"):
        assert meeting_reminder_send.call(referral.pk) == {"sent": 1}
    assert "Text message to 555-0123" in caplog.text and group.name in caplog.text


def test_no_reminder_for_a_meeting_not_tomorrow_or_a_referral_past_its_first_meeting(
    db, agency, unit, practitioner, group
):
    client = make_client(agency, unit, first_name="Lee", email="lee@example.org")
    later = make_meeting(group, days=[(TODAY + dt.timedelta(days=3)).isoweekday() % 7])
    refer(practitioner, client, group, later, "email")
    assert reminders_due_send() == {"queued": 0}


def test_one_tap_stops_the_reminders(
    client, db, agency, unit, practitioner, group, tomorrow_meeting
):
    from referrals.services import reminder_stop_token

    record = make_client(agency, unit, first_name="Rosa", email="rosa@example.org")
    referral = refer(practitioner, record, group, tomorrow_meeting, "email")
    url = reverse("referral_reminder_stop", args=[reminder_stop_token(referral)])
    page = client.get(url).content.decode()
    assert "Stop the reminders" in page and "Rosa" not in page
    client.post(url)
    referral.refresh_from_db()
    assert referral.reminder == Referral.Reminder.NONE
    assert reminders_due_send() == {"queued": 0}
    assert client.get(reverse("referral_reminder_stop", args=["nope"])).status_code == 404


def test_the_form_asks_for_the_meeting_and_an_address_to_remind(
    client_of, practitioner, agency, unit, group, tomorrow_meeting
):
    record = make_client(agency, unit, first_name="Lee", email="", phone="")
    data = {
        "client": record.pk,
        "group": group.pk,
        "kind": "standard",
        "submission": "s-1",
        "reminder": "email",
    }
    response = client_of(practitioner).post(reverse("referrals:new"), data)
    assert "Choose the meeting the reminder is about." in response.content.decode()
    response = client_of(practitioner).post(
        reverse("referrals:new"), {**data, "meeting": tomorrow_meeting.pk}
    )
    assert "no email address" in response.content.decode()
    assert not Referral.objects.exists()
