"""The loop closed from the group's side: the peer volunteer says, in one tap from their own page,
how it went with a newcomer whose consent names them; the practitioner sees it on the referral
and their home page, and the dashboard's funnel counts it. Never more than the consent allows:
an expired or withdrawn consent leaves nothing to report on."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from referrals.models import Referral, ReferralEvent
from referrals.services import VOLUNTEER_REPORTS, disclose, referral_create
from referrals.views import LEADER_STAGES
from referrals.volunteer_views import REPORT_LABELS
from tests.factory import make_client, make_consent, make_volunteer


@pytest.fixture
def linked(db, agency, unit, practitioner, group):
    """An intensive referral whose client's details went to the volunteer under a consent."""
    client = make_client(agency, unit, first_name="Jordan", last_name="Blake")
    volunteer = make_volunteer(group, first_name="Sam")
    consent = make_consent(client, volunteer)
    referral, _ = referral_create(
        client=client, group=group, kind="intensive", volunteer=volunteer, by=practitioner
    )
    disclose(referral=referral, by=practitioner)
    return referral, volunteer, consent


def report(client, volunteer, referral, what):
    return client.post(
        reverse("volunteer:report", args=[volunteer.access_key, referral.pk]), {"report": what}
    )


def test_the_volunteer_reports_in_one_tap_and_the_practitioner_sees_it(
    client, client_of, practitioner, linked
):
    referral, volunteer, _ = linked
    page = client.get(volunteer.get_absolute_url()).content.decode()
    assert "We met" in page and "I could not reach them" in page
    assert report(client, volunteer, referral, "met").status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.reached) == (Referral.Status.MET_VOLUNTEER, 1)
    event = ReferralEvent.objects.get(referral=referral, volunteer=volunteer)
    assert event.recorded_by is None
    report(client, volunteer, referral, "went_together")
    referral.refresh_from_db()
    assert (referral.status, referral.reached) == (Referral.Status.ATTENDED, 2)

    office = client_of(practitioner)
    home = office.get(reverse("pages:office")).content.decode()
    assert "News from peer volunteers" in home and "Met the volunteer" in home
    detail = office.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Sam, peer volunteer" in detail


def test_a_report_the_referral_has_gone_past_changes_nothing(client, linked):
    referral, volunteer, _ = linked
    report(client, volunteer, referral, "went_together")
    report(client, volunteer, referral, "contacted")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ATTENDED


@pytest.mark.parametrize("ending", ["expired", "withdrawn"])
def test_an_ended_consent_leaves_nothing_to_see_or_report(client, linked, ending):
    referral, volunteer, consent = linked
    before = Referral.objects.get(pk=referral.pk).status
    if ending == "expired":
        consent.expires_on = timezone.localdate() - dt.timedelta(days=1)
    else:
        consent.revoked_on = timezone.localdate()
    consent.save()
    page = client.get(volunteer.get_absolute_url()).content.decode()
    assert "Jordan" not in page and "We met" not in page
    assert report(client, volunteer, referral, "met").status_code == 404
    referral.refresh_from_db()
    assert referral.status == before


def test_another_volunteer_or_a_made_up_report_gets_a_404(client, linked, group):
    referral, volunteer, _ = linked
    colleague = make_volunteer(group, first_name="Kim", email="kim@example.org")
    assert report(client, colleague, referral, "met").status_code == 404
    assert report(client, volunteer, referral, "cured").status_code == 404
    assert (
        client.get(
            reverse("volunteer:report", args=[volunteer.access_key, referral.pk])
        ).status_code
        == 405
    )


def test_every_report_has_a_button_and_every_state_a_stage_for_leaders():
    assert {key for key, _label in REPORT_LABELS} == set(VOLUNTEER_REPORTS)
    staged = {status for _label, states in LEADER_STAGES for status in states}
    assert staged == set(Referral.Status.values)


def test_the_follow_up_shows_the_referral_and_what_the_volunteer_reported(
    client, client_of, practitioner, linked
):
    referral, volunteer, _ = linked
    report(client, volunteer, referral, "went_together")
    followup = referral.follow_ups.order_by("due_on").first()
    page = client_of(practitioner).get(reverse("referrals:followup", args=[followup.pk]))
    body = page.content.decode()
    assert "reported by Sam, the volunteer" in body
    assert "Intensive" in body and "Earlier follow-ups" in body
    assert "5 — very" in body and 'href="/referrals/' in body
    detail = client_of(practitioner).get(reverse("referrals:referral", args=[referral.pk]))
    assert "Not one in particular" in detail.content.decode()


def test_the_lists_find_by_record_number_and_state(client_of, practitioner, linked, agency, unit):
    referral, _volunteer, _ = linked
    other = make_client(agency, unit, record_number="ZZ-77", first_name="Lee", last_name="Moss")
    client = client_of(practitioner)
    clients = client.get(reverse("referrals:clients"), {"number": "zz-7"})
    assert [c.record_number for c in clients.context["page"]] == ["ZZ-77"]
    assert other.record_number in clients.content.decode()
    found = client.get(reverse("referrals:list"), {"status": referral.status})
    assert [r.pk for r in found.context["page"]] == [referral.pk]
    none = client.get(reverse("referrals:list"), {"status": "engaged"})
    assert "No referrals match." in none.content.decode()
    # A made-up state shows every referral rather than an error page.
    assert client.get(reverse("referrals:list"), {"status": "nonsense"}).status_code == 200


def test_the_consent_names_one_recipient_from_one_list_of_listed_groups(
    client_of, practitioner, agency, unit, group
):
    from groups.models import Contact, SelfHelpGroup
    from tests.factory import make_group

    client_record = make_client(agency, unit, first_name="Jordan", last_name="Blake")
    make_volunteer(group, first_name="Sam")
    Contact.objects.create(group=group, first_name="Maria", last_name="Gonzalez")
    pending = make_group(name="Pending", status=SelfHelpGroup.Status.PENDING)
    Contact.objects.create(group=pending, first_name="Hidden", last_name="Pending")
    page = client_of(practitioner).get(
        reverse("referrals:consent_add", args=[client_record.pk]), {"group": group.slug}
    )
    body = page.content.decode()
    assert "Sam, peer volunteer of" in body and "Maria G., contact of" in body
    assert "Hidden" not in body
    assert 'id="id_volunteer"' not in body and 'id="id_contact"' not in body


@pytest.mark.parametrize("said", ["met", "not_reached", "contacted"])
@pytest.mark.parametrize("went", [True, False])
def test_a_follow_up_moves_on_from_whatever_the_volunteer_said(
    client, practitioner, linked, said, went
):
    from referrals.services import followup_record

    referral, volunteer, _ = linked
    report(client, volunteer, referral, said)
    followup = referral.follow_ups.order_by("due_on").first()
    followup_record(followup=followup, values={"attended": went}, by=practitioner)
    referral.refresh_from_db()
    expected = Referral.Status.ATTENDED if went else Referral.Status.NOT_ATTENDED
    assert referral.status == expected
