"""Referrals that work, and identity that leaves the unit only under a valid consent."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from referrals.models import Consent, Disclosure, FollowUp, Referral
from referrals.services import ReferralError, disclose, referral_create
from tests.factory import (
    make_client,
    make_consent,
    make_group,
    make_meeting,
    make_staff,
    make_unit,
    make_volunteer,
)

TODAY = timezone.localdate()


@pytest.fixture
def client_record(agency, unit):
    return make_client(
        agency,
        unit,
        first_name="Jordan",
        last_name="Blake",
        phone="555-0166",
        email="jordan@example.org",
    )


@pytest.fixture
def volunteer(group):
    return make_volunteer(group, first_name="Sam", phone="555-0177")


@pytest.fixture
def intensive(client_record, group, volunteer, practitioner):
    referral, _ = referral_create(
        client=client_record, group=group, kind="intensive", volunteer=volunteer, by=practitioner
    )
    return referral


# --- no identity leaves the unit without a valid consent: one test per element ----------------


def test_a_valid_consent_discloses_exactly_the_named_information(
    intensive, client_record, volunteer, practitioner, django_capture_on_commit_callbacks
):
    make_consent(client_record, volunteer, share_first_name=True, share_phone=True)
    with django_capture_on_commit_callbacks(execute=True):
        disclosure = disclose(referral=intensive, by=practitioner)
    assert disclosure.information == ["first name", "phone number"]
    body = mail.outbox[0].body
    assert "Jordan" in body and "555-0166" in body
    assert "Blake" not in body and "jordan@example.org" not in body
    assert "42 CFR part 2" in body
    intensive.refresh_from_db()
    assert intensive.status == "volunteer_contacted"


def test_no_consent_means_nothing_is_shared(intensive, practitioner):
    with pytest.raises(ReferralError, match="no consent naming"):
        disclose(referral=intensive, by=practitioner)
    assert not Disclosure.objects.exists()


def test_a_consent_for_another_recipient_does_not_count(
    intensive, client_record, group, practitioner
):
    make_consent(client_record, make_volunteer(group, first_name="Other"))
    with pytest.raises(ReferralError, match="no consent naming"):
        disclose(referral=intensive, by=practitioner)


def test_an_expired_consent_shares_nothing(intensive, client_record, volunteer, practitioner):
    make_consent(
        client_record,
        volunteer,
        signed_on=TODAY - dt.timedelta(days=40),
        expires_on=TODAY - dt.timedelta(days=1),
    )
    with pytest.raises(ReferralError, match="expired"):
        disclose(referral=intensive, by=practitioner)
    assert not Disclosure.objects.exists()


def test_a_revoked_consent_shares_nothing(intensive, client_record, volunteer, practitioner):
    make_consent(client_record, volunteer, revoked_on=TODAY)
    with pytest.raises(ReferralError, match="revoked"):
        disclose(referral=intensive, by=practitioner)


def test_a_consent_is_saved_unsigned_and_printed_then_its_signature_is_recorded(
    client_of, practitioner, client_record, volunteer, intensive
):
    browser = client_of(practitioner)
    response = browser.post(
        reverse("referrals:consent_add", args=[client_record.pk]), consent_data(volunteer)
    )
    consent = Consent.objects.get()
    assert response.url == reverse("referrals:consent", args=[consent.pk]) + "?print=1"
    assert consent.signed_on is None and consent.status() == "awaiting signature"
    with pytest.raises(ReferralError, match="awaiting signature"):
        disclose(referral=intensive, by=practitioner)

    page = browser.get(response.url).content.decode()
    assert "Record the signature" in page and "data-autoprint" in page
    browser.post(
        reverse("referrals:consent_sign", args=[consent.pk]),
        {"signed_on": str(TODAY), "signed_how": "paper"},
    )
    consent.refresh_from_db()
    assert (consent.signed_on, consent.signed_how, consent.status()) == (TODAY, "paper", "valid")
    assert "Record the signature" not in browser.get(response.url).content.decode()
    assert disclose(referral=intensive, by=practitioner).consent == consent


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"signed_on": str(TODAY + dt.timedelta(days=2))}, "signed_on", "cannot be in the future"),
        ({"signed_on": ""}, "signed_on", "This field is required"),
        ({"signed_on": "0001-01-01"}, "signed_on", "cannot have been signed before"),
        ({"signed_on": "9999-12-31"}, "signed_on", "cannot be in the future"),
        ({"signed_on": "31-02-2026"}, "signed_on", "Enter a valid date"),
        ({"signed_how": ""}, "signed_how", "This field is required"),
        ({"signed_how": "verbal"}, "signed_how", "Select a valid choice"),
        (
            {"signed_on": str(TODAY + dt.timedelta(days=1))},
            "signed_on",
            "cannot be in the future",
        ),
    ],
)
def test_a_bad_signature_is_refused_beside_its_field_and_keeps_what_was_typed(
    client_of, practitioner, client_record, volunteer, data, field, message
):
    consent = make_consent(
        client_record, volunteer, signed_on=None, signed_how="", expires_on=TODAY
    )
    posted = {"signed_on": str(TODAY), "signed_how": "electronic", **data}
    response = client_of(practitioner).post(
        reverse("referrals:consent_sign", args=[consent.pk]), posted
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'id="error_1_id_{field}"' in body
    assert posted["signed_on"] in body
    consent.refresh_from_db()
    assert consent.signed_on is None


def test_a_consent_that_expired_before_it_was_signed_is_refused(
    client_of, practitioner, client_record, volunteer
):
    consent = make_consent(client_record, volunteer, signed_on=None, signed_how="")
    Consent.objects.filter(pk=consent.pk).update(
        created_at=timezone.now() - dt.timedelta(days=30), expires_on=TODAY - dt.timedelta(days=1)
    )
    response = client_of(practitioner).post(
        reverse("referrals:consent_sign", args=[consent.pk]),
        {"signed_on": str(TODAY), "signed_how": "paper"},
    )
    assert "must expire after it is signed" in response.content.decode()
    consent.refresh_from_db()
    assert consent.signed_on is None


def test_a_signed_or_revoked_consent_is_not_signed_again(
    client_of, practitioner, client_record, volunteer
):
    browser = client_of(practitioner)
    signed = make_consent(client_record, volunteer)
    revoked = make_consent(
        client_record, volunteer, signed_on=None, signed_how="", revoked_on=TODAY
    )
    for consent, said in ((signed, "signed already"), (revoked, "was revoked")):
        response = browser.post(
            reverse("referrals:consent_sign", args=[consent.pk]),
            {"signed_on": str(TODAY), "signed_how": "paper"},
            follow=True,
        )
        assert said in response.content.decode()
    revoked.refresh_from_db()
    assert revoked.signed_on is None


def test_another_agencys_consent_cannot_be_signed(
    client_of, client_record, volunteer, other_agency, other_unit
):
    stranger = make_staff(other_agency, unit=other_unit, email="stranger@example.org")
    consent = make_consent(client_record, volunteer, signed_on=None, signed_how="")
    response = client_of(stranger).post(
        reverse("referrals:consent_sign", args=[consent.pk]),
        {"signed_on": str(TODAY), "signed_how": "paper"},
    )
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.signed_on is None


def consent_data(volunteer, **overrides):
    data = {
        "discloser": "Riverside",
        "share_first_name": "on",
        "share_phone": "on",
        "recipient": f"volunteer:{volunteer.pk}",
        "purpose": "To introduce the client to the group.",
        "expires_on": str(TODAY + dt.timedelta(days=90)),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"share_first_name": "", "share_phone": ""}, "Choose the information"),
        ({"recipient": ""}, "This field is required"),
        ({"recipient": "volunteer:999999"}, "Select a valid choice"),
        ({"expires_on": ""}, "Give the expiry date or the event"),
        ({"purpose": ""}, "This field is required"),
        ({"discloser": ""}, "This field is required"),
        ({"expires_on": str(TODAY - dt.timedelta(days=1))}, "must expire after it is signed"),
    ],
)
def test_every_element_of_a_consent_is_required(
    client_of, practitioner, client_record, volunteer, overrides, message
):
    response = client_of(practitioner).post(
        reverse("referrals:consent_add", args=[client_record.pk]),
        consent_data(volunteer, **overrides),
    )
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_a_consent_without_the_email_does_not_disclose_it(
    intensive, client_record, volunteer, practitioner
):
    make_consent(client_record, volunteer, share_first_name=True, share_phone=False)
    disclosure = disclose(referral=intensive, by=practitioner)
    assert disclosure.information == ["first name"]


def test_revocation_takes_effect_on_the_next_request(
    client_of, practitioner, intensive, client_record, volunteer, leader
):
    consent = make_consent(client_record, volunteer)
    client = client_of(practitioner)
    client.post(reverse("referrals:disclose", args=[intensive.pk]))
    own_page = volunteer.get_absolute_url()
    assert "555-0166" in client_of(None).get(own_page).content.decode()
    client.force_login(practitioner)
    client.post(reverse("referrals:consent_revoke", args=[consent.pk]))
    response = client.post(reverse("referrals:disclose", args=[intensive.pk]), follow=True)
    assert "Nothing was shared" in response.content.decode()
    assert Disclosure.objects.count() == 1
    # The volunteer no longer sees what was shared under a revoked consent.
    assert "555-0166" not in client_of(None).get(own_page).content.decode()


# --- who sees what ------------------------------------------------------------------------------


def test_identity_is_shown_only_to_practitioners_of_the_clients_unit(
    client_of, agency, client_record, practitioner, liaison, executive
):
    other_unit_practitioner = make_staff(agency, "practitioner", make_unit(agency))
    url = reverse("referrals:client", args=[client_record.pk])
    assert "Jordan Blake" in client_of(practitioner).get(url).content.decode()
    for user in (other_unit_practitioner, liaison):
        body = client_of(user).get(url).content.decode()
        assert "Jordan" not in body and "555-0166" not in body
        assert str(client_record) in body
    assert client_of(executive).get(url).status_code == 403


def test_the_volunteer_sees_exactly_the_consented_fields_and_the_leader_only_counts(
    client_of, practitioner, intensive, client_record, volunteer, leader, group
):
    make_consent(client_record, volunteer, share_first_name=True, share_phone=True)
    client_of(practitioner).post(reverse("referrals:disclose", args=[intensive.pk]))
    body = client_of(None).get(volunteer.get_absolute_url()).content.decode()
    assert "Jordan" in body and "555-0166" in body
    for hidden in ["Blake", "jordan@example.org", client_record.record_number]:
        assert hidden not in body
    # Another volunteer of the same group sees nothing of it.
    colleague = make_volunteer(group, first_name="Kim", email="kim@example.org")
    assert "Jordan" not in client_of(None).get(colleague.get_absolute_url()).content.decode()
    # The group's leader sees how many and at which stage, never who.
    page = client_of(leader).get(reverse("portal:referrals")).content.decode()
    for hidden in ["Jordan", "555-0166", "Blake", "jordan@example.org"]:
        assert hidden not in page
    assert "Sam" in page and "Introduced, not yet met" in page
    assert (
        client_of(leader).get(reverse("referrals:referral", args=[intensive.pk])).status_code == 403
    )


def test_another_agency_gets_404_for_clients_referrals_and_consents(
    client_of, intensive, client_record, volunteer, other_agency, other_unit
):
    consent = make_consent(client_record, volunteer)
    stranger = make_staff(other_agency, "practitioner", other_unit)
    client = client_of(stranger)
    for url in [
        reverse("referrals:client", args=[client_record.pk]),
        reverse("referrals:referral", args=[intensive.pk]),
        reverse("referrals:consent", args=[consent.pk]),
        reverse("referrals:accounting", args=[client_record.pk]),
        reverse("referrals:followup", args=[intensive.follow_ups.first().pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("referrals:disclose", args=[intensive.pk])).status_code == 404


# --- making referrals ----------------------------------------------------------------------------


def referral_data(client_record, group, **overrides):
    data = {
        "client": client_record.pk,
        "group": group.pk,
        "kind": "standard",
        "submission": "form-token-1",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_submitting_the_same_referral_form_twice_makes_one_referral(
    client_of, practitioner, client_record, group
):
    client = client_of(practitioner)
    for _ in range(2):
        response = client.post(reverse("referrals:new"), referral_data(client_record, group))
        assert response.status_code == 302
    assert Referral.objects.count() == 1
    assert FollowUp.objects.count() == 3


def test_follow_ups_are_due_at_7_30_and_90_days(client_record, group, practitioner):
    referral, _ = referral_create(
        client=client_record, group=group, kind="standard", by=practitioner
    )
    assert [
        (f.offset_days, (f.due_on - referral.made_on).days) for f in referral.follow_ups.all()
    ] == [(7, 7), (30, 30), (90, 90)]


def test_a_standard_referral_at_discharge_recommends_the_intensive_kind(
    client_of, practitioner, client_record, group
):
    make_volunteer(group)
    client = client_of(practitioner)
    response = client.post(
        reverse("referrals:new"), referral_data(client_record, group, at_discharge="on")
    )
    body = response.content.decode()
    assert "can feel like a dismissal" in body
    assert not Referral.objects.exists()
    confirmed = client.post(
        reverse("referrals:new"),
        referral_data(
            client_record, group, at_discharge="on", standard_at_discharge_confirmed="on"
        ),
    )
    assert confirmed.status_code == 302
    assert Referral.objects.get().at_discharge


def test_the_form_warns_when_nobody_knows_the_group(client_of, practitioner, group):
    body = (
        client_of(practitioner)
        .get(reverse("referrals:new") + f"?group={group.slug}")
        .content.decode()
    )
    assert "Nobody in our agency has visited or trained with this group" in body


def test_the_form_shows_our_agencys_assessment_and_never_another_agencys(
    client_of, practitioner, group, agency, other_agency
):
    from groups.models import Assessment

    Assessment.objects.create(agency=agency, group=group, notes="Steady, welcoming to newcomers.")
    Assessment.objects.create(agency=other_agency, group=group, notes="Their private view.")
    body = (
        client_of(practitioner)
        .get(reverse("referrals:new") + f"?group={group.slug}")
        .content.decode()
    )
    assert "Steady, welcoming to newcomers." in body
    assert "Their private view." not in body
    assert "Kind of group:" in body


def test_a_group_without_volunteers_takes_a_standard_referral_even_at_discharge(
    client_of, practitioner, client_record, group
):
    client = client_of(practitioner)
    page = client.get(
        reverse("referrals:new"), {"group": group.slug, "client": client_record.pk}
    ).content.decode()
    assert "has no peer volunteer yet: a standard referral is the one to make" in page
    intensive = client.post(
        reverse("referrals:new"), referral_data(client_record, group, kind="intensive")
    )
    assert "no peer volunteer yet, so an intensive referral is not possible" in (
        intensive.content.decode()
    )
    made = client.post(
        reverse("referrals:new"),
        referral_data(client_record, group, at_discharge="on", submission="t2"),
    )
    assert made.status_code == 302
    assert Referral.objects.get().at_discharge


def test_an_intensive_referral_needs_a_volunteer_of_that_group(
    client_of, practitioner, client_record, group, other_group
):
    make_volunteer(group, first_name="Alma", email="alma@example.org")
    stranger = make_volunteer(other_group)
    client = client_of(practitioner)
    response = client.post(
        reverse("referrals:new"), referral_data(client_record, group, kind="intensive")
    )
    assert "links the client with a volunteer" in response.content.decode()
    response = client.post(
        reverse("referrals:new"),
        referral_data(
            client_record, group, kind="intensive", volunteer=stranger.pk, submission="t2"
        ),
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Referral.objects.exists()


def test_practitioners_see_volunteers_first_names_but_not_their_contact(
    client_of, practitioner, group, volunteer
):
    body = (
        client_of(practitioner)
        .get(reverse("referrals:new") + f"?group={group.slug}")
        .content.decode()
    )
    assert "Sam" in body
    assert "555-0177" not in body and "sam.volunteer@example.org" not in body


# --- states and follow-ups -----------------------------------------------------------------------


def test_states_follow_the_client_with_dates_and_who_recorded_them(
    client_of, practitioner, intensive
):
    client = client_of(practitioner)
    url = reverse("referrals:referral", args=[intensive.pk])
    client.post(url, {"status": "meeting_arranged", "note": "Thursday 7 pm with Sam"})
    bad = client.post(url, {"status": "declined", "note": ""})
    assert "Say why" in bad.content.decode()
    intensive.refresh_from_db()
    assert intensive.status == "meeting_arranged"
    events = list(intensive.events.values_list("status", "recorded_by"))
    assert events == [("made", practitioner.pk), ("meeting_arranged", practitioner.pk)]


def test_recording_a_follow_up_that_the_client_attended_advances_the_referral(
    client_of, practitioner, intensive
):
    first = intensive.follow_ups.get(offset_days=7)
    client = client_of(practitioner)
    response = client.post(
        reverse("referrals:followup", args=[first.pk]), {"attended": "", "satisfaction": "9"}
    )
    body = response.content.decode()
    assert "Say whether the client went" in body
    assert "9 is not one of the available choices" in body
    client.post(
        reverse("referrals:followup", args=[first.pk]),
        {"attended": "true", "meetings_attended": "2", "satisfaction": "4"},
    )
    intensive.refresh_from_db()
    assert intensive.status == "attended"
    last = intensive.follow_ups.get(offset_days=90)
    client.post(
        reverse("referrals:followup", args=[last.pk]),
        {"attended": "true", "still_attending": "true", "has_sponsor": "true"},
    )
    intensive.refresh_from_db()
    assert intensive.status == "engaged"


def test_the_practitioner_home_lists_follow_ups_due_and_overdue(
    client_of, practitioner, client_record, group
):
    referral, _ = referral_create(
        client=client_record, group=group, kind="standard", by=practitioner
    )
    FollowUp.objects.filter(referral=referral, offset_days=7).update(
        due_on=TODAY - dt.timedelta(days=2)
    )
    body = client_of(practitioner).get(reverse("pages:office")).content.decode()
    assert "overdue since" in body


def test_the_followups_due_command_prints_and_emails_each_practitioners_list(
    capsys, practitioner, client_record, group, django_capture_on_commit_callbacks
):
    referral, _ = referral_create(
        client=client_record, group=group, kind="standard", by=practitioner
    )
    FollowUp.objects.filter(referral=referral, offset_days=7).update(due_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("followups_due")
    out = capsys.readouterr().out
    assert "1 follow-up(s) due for 1 practitioner(s)." in out
    assert mail.outbox[0].to == [practitioner.email]
    assert "Jordan" not in mail.outbox[0].body  # pseudonyms only in mail


# --- the accounting and the ledger ---------------------------------------------------------------


def test_the_accounting_lists_every_disclosure_of_the_last_three_years(
    client_of, practitioner, intensive, client_record, volunteer
):
    make_consent(client_record, volunteer)
    disclose(referral=intensive, by=practitioner)
    body = (
        client_of(practitioner)
        .get(reverse("referrals:accounting", args=[client_record.pk]))
        .content.decode()
    )
    assert "Sam, peer volunteer of" in body
    assert "first name, phone number" in body


def test_the_disclosure_ledger_cannot_be_changed(intensive, client_record, volunteer, practitioner):
    from django.core.exceptions import ValidationError

    make_consent(client_record, volunteer)
    disclosure = disclose(referral=intensive, by=practitioner)
    with pytest.raises(ValidationError):
        disclosure.save()
    with pytest.raises(ValidationError):
        disclosure.delete()
    with pytest.raises(ValidationError):
        Disclosure.objects.all().delete()
    with pytest.raises(ValidationError):
        Disclosure.objects.update(recipient="x")


# --- list pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "referrals:list",
        "referrals:list?from=2000-01-01&to=2199-12-31",
        "referrals:clients",
        "referrals:stories",
        "referrals:stories?from=2000-01-01&to=2199-12-31",
        "portal:referrals",
        "portal:volunteers",
    ],
)
def test_referral_list_pages_have_fixed_query_ceilings(
    client_of, agency, unit, practitioner, group, leader, name
):
    user = leader if name.startswith("portal") else practitioner
    client = client_of(user)
    name, _, period = name.partition("?")
    url = reverse(name) + (f"?{period}" if period else "")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    def add(n):
        for _ in range(n):
            record = make_client(agency, unit)
            volunteer = make_volunteer(group)
            make_consent(record, volunteer)
            referral, _ = referral_create(
                client=record, group=group, kind="intensive", volunteer=volunteer, by=practitioner
            )
            disclose(referral=referral, by=practitioner)

    add(1)
    few = count()
    add(12)
    assert count() == few <= 10


def test_a_story_session_needs_the_storytellers_consent(client_of, practitioner, client_record):
    response = client_of(practitioner).post(
        reverse("referrals:stories"),
        {
            "held_on": str(TODAY),
            "storyteller": client_record.pk,
            "clients_reached": "8",
            "notes": "Evening group",
        },
    )
    body = response.content.decode()
    assert "only with the storyteller" in body
    assert "Evening group" in body


def test_a_volunteer_needs_a_phone_or_an_email(client_of, leader, group):
    response = client_of(leader).post(
        reverse("portal:volunteers"), {"group": group.pk, "first_name": "Lee", "is_active": "on"}
    )
    body = response.content.decode()
    assert "Give a phone number or an email address." in body
    assert 'value="Lee"' in body


def test_from_a_clients_page_the_group_comes_first_then_only_its_volunteers_and_meetings(
    client_of, practitioner, client_record, group, other_group
):
    from groups.models import SelfHelpGroup

    ours = make_volunteer(group, first_name="Alma", availability="evenings")
    make_volunteer(other_group, first_name="Zed")
    make_meeting(other_group, name="Their meeting")
    pending = make_group(name="Pending Group", status=SelfHelpGroup.Status.PENDING)
    client = client_of(practitioner)
    first = client.get(reverse("referrals:new"), {"client": client_record.pk})
    body = first.content.decode()
    assert "Choose a group" in body and escape(group.name) in body
    assert pending.name not in body
    assert "Zed" not in body and "Alma" not in body
    second = client.get(reverse("referrals:new"), {"client": client_record.pk, "group": group.slug})
    body = second.content.decode()
    assert escape(f"Alma, of {group.name} — evenings") in body
    assert "Zed" not in body and "Their meeting" not in body
    assert [v.pk for v in second.context["form"].fields["volunteer"].queryset] == [ours.pk]


def test_a_meeting_of_another_group_is_refused(
    client_of, practitioner, client_record, group, other_group
):
    theirs = make_meeting(other_group)
    response = client_of(practitioner).post(
        reverse("referrals:new"), referral_data(client_record, group, meeting=theirs.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in " ".join(response.context["form"].errors["meeting"])
    assert not Referral.objects.exists()
