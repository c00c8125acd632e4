"""Pages showing clients and every export send `Cache-Control: no-store`: a browser's cache, a
shared computer's back button or a proxy keeps no copy of a client's identity or of a file of the
agency's records. Public pages keep their own caching."""

import pytest
from django.urls import reverse

from events.models import Registration
from referrals.services import disclose, referral_create
from surveys.services import survey_from_template, survey_open
from tests.factory import make_client, make_consent, make_event, make_volunteer


@pytest.fixture
def world(agency, unit, group, practitioner, liaison):
    record = make_client(agency, unit, record_number="A-77")
    volunteer = make_volunteer(group)
    consent = make_consent(record, volunteer)
    referral, _ = referral_create(
        client=record, group=group, kind="intensive", volunteer=volunteer, by=practitioner
    )
    disclose(referral=referral, by=practitioner)
    event = make_event(agency, capacity=5)
    Registration.objects.create(
        event=event, name="Ana", email="ana@example.org", status="confirmed"
    )
    survey = survey_open(
        survey=survey_from_template(agency=agency, template="clients", by=liaison), by=liaison
    )
    return {
        "client": record.pk,
        "consent": consent.pk,
        "referral": referral.pk,
        "event": event.pk,
        "survey": survey.pk,
        "volunteer_key": volunteer.access_key,
    }


# (who, url name, the world's key for the url's pk, what the page shows)
PAGES = [
    ("practitioner", "referrals:client", "client", "client page with identity"),
    ("practitioner", "referrals:consent", "consent", "consent"),
    ("practitioner", "referrals:consent_add", "client", "consent form"),
    ("practitioner", "referrals:accounting", "client", "accounting of disclosures"),
    ("practitioner", "referrals:client_add", None, "client form"),
    ("practitioner", "referrals:client_delete", "client", "client deletion"),
    ("practitioner", "referrals:referral", "referral", "referral"),
    ("practitioner", "referrals:list", None, "referral list"),
    ("practitioner", "referrals:clients", None, "client list"),
    ("liaison", "referrals:client", "client", "client page without identity"),
    ("agency_admin", "referrals:deleted_clients", None, "deleted clients"),
    (None, "volunteer:home", "volunteer_key", "details disclosed to the volunteer"),
]
EXPORTS = [
    ("practitioner", "referrals:client_export", "client", "client export (JSON)"),
    ("liaison", "meetings_csv", None, "directory table"),
    ("executive", "pages:dashboard_csv", None, "dashboard"),
    ("liaison", "surveys:results_csv", "survey", "survey results"),
    ("liaison", "surveys:responses_csv", "survey", "survey responses"),
    ("agency_admin", "audit:export", None, "audit trail"),
    ("liaison", "events:office_registrations_csv", "event", "registrations"),
]


@pytest.mark.parametrize(("who", "name", "key", "what"), PAGES + EXPORTS)
def test_it_is_never_stored(request, client_of, world, who, name, key, what):
    user = request.getfixturevalue(who) if who else None
    url = reverse(name, args=[world[key]] if key else [])
    response = client_of(user).get(url)
    assert response.status_code == 200, what
    assert "no-store" in response["Cache-Control"], what
    assert "private" in response["Cache-Control"], what


def test_public_pages_keep_their_caching(client, group):
    assert "no-store" not in client.get(reverse("meetings_json")).get("Cache-Control", "")
    assert "no-store" not in client.get(reverse("groups:directory")).get("Cache-Control", "")
