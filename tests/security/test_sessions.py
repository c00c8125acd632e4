"""Sessions: a new key at sign-in, idle timeout, absolute lifetime, every session ended at
sign-out and at deactivation."""

import time

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from liaison.services import staff_update
from liaison.sessions import SEEN_AT, SIGNED_IN_AT
from tests.factory import PASSWORD

OFFICE = "/office/"


def signed_in(user):
    browser = Client()
    response = browser.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def _age(browser, **seconds_ago):
    session = browser.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_signing_in_gives_a_new_session_key(client, liaison):
    client.get(reverse("login"))
    session = client.session
    session["before"] = True
    session.save()
    before = session.session_key
    client.post(reverse("login"), {"username": liaison.email, "password": PASSWORD})
    assert client.session.session_key != before


def test_thirty_minutes_without_activity_signs_out(liaison, settings):
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    browser = signed_in(liaison)
    _age(browser, seen_at=29 * 60)
    assert browser.get(OFFICE).status_code == 200
    _age(browser, seen_at=31 * 60)
    response = browser.get(OFFICE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    page = browser.get(response["Location"])
    assert "signed out after 30 minutes without activity" in page.content.decode()
    assert browser.get(OFFICE).status_code == 302
    assert AuditEvent.objects.filter(action="session_expired", actor=liaison.email).exists()


def test_activity_keeps_the_session_alive_but_not_past_its_lifetime(liaison, settings):
    browser = signed_in(liaison)
    _age(browser, **{SEEN_AT: 60, SIGNED_IN_AT: settings.SESSION_ABSOLUTE_SECONDS - 60})
    assert browser.get(OFFICE).status_code == 200
    _age(browser, **{SEEN_AT: 60, SIGNED_IN_AT: settings.SESSION_ABSOLUTE_SECONDS + 1})
    assert browser.get(OFFICE).status_code == 302


def test_signing_out_ends_the_sessions_on_every_device(liaison):
    laptop, phone = signed_in(liaison), signed_in(liaison)
    assert phone.get(OFFICE).status_code == 200
    laptop.post(reverse("logout"))
    assert phone.get(OFFICE).status_code == 302
    assert laptop.get(OFFICE).status_code == 302


def test_deactivating_someone_ends_their_sessions(liaison, agency_admin):
    browser = signed_in(liaison)
    assert browser.get(OFFICE).status_code == 200
    staff_update(membership=liaison.membership, by=agency_admin, is_active=False)
    assert browser.get(OFFICE).status_code == 302
    assert not liaison.membership.__class__.objects.get(pk=liaison.membership.pk).is_active


def test_deactivating_the_account_itself_ends_its_sessions(leader):
    browser = signed_in(leader)
    assert browser.get(reverse("portal:home")).status_code == 200
    leader.is_active = False
    leader.save()
    assert browser.get(reverse("portal:home")).status_code == 302
