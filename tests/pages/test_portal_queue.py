"""The leader's portal opens on what waits for the leader's answer — a listing to confirm,
suggestions, proposed leaders, meetings to confirm, invitations to events and surveys — then the
groups they keep. Only their own groups' business; the same queries with few rows or many."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Sponsorship
from groups.models import LeaderInvitation, Meeting, Suggestion
from surveys.services import survey_from_template, survey_open
from tests.factory import make_event, make_group, make_leader, make_meeting

NOW = timezone.now()


def portal(client_of, leader) -> str:
    response = client_of(leader).get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


def answers_of(body: str) -> str:
    return body.split('id="answers-title"')[1].split('id="groups-title"')[0]


def _invite(agency, group, title, days=10):
    return Sponsorship.objects.create(
        event=make_event(agency, title=title, starts_at=NOW + dt.timedelta(days=days)),
        group=group,
        role="cosponsor",
        answer="invited",
    )


def _member_survey(agency, group, liaison):
    survey = survey_from_template(agency=agency, template="members", group=group, by=liaison)
    return survey_open(survey=survey, by=liaison)


def _proposal(group, email):
    return LeaderInvitation.objects.create(
        group=group,
        email=email,
        name="Robin",
        status=LeaderInvitation.Status.AWAITING_GROUP,
        expires_at=NOW + dt.timedelta(days=7),
    )


def _everything_waiting(group, agency, liaison):
    group.verified_at = NOW - dt.timedelta(days=400)
    group.save(update_fields=["verified_at"])
    make_meeting(group)
    make_meeting(group, status=Meeting.Status.DRAFT)
    Suggestion.objects.create(group=group, source="public", note="Moved")
    _proposal(group, "robin@example.org")
    invitation = _invite(agency, group, "Film night")
    survey = _member_survey(agency, group, liaison)
    return invitation, survey


def test_what_waits_for_the_leaders_answer_comes_before_their_groups(
    client_of, leader, group, agency, liaison
):
    invitation, survey = _everything_waiting(group, agency, liaison)
    body = portal(client_of, leader)
    answers = answers_of(body)
    assert body.index('id="answers-title"') < body.index('id="groups-title"')
    assert "The listing has not been checked for over a year." in answers
    assert reverse("groups:confirm_listing", args=[group.slug]) in answers
    assert "Everything is still accurate" in answers
    assert "1 suggestion waiting for your answer" in answers
    assert "1 proposed leader waiting for your decision" in answers
    assert "Check and confirm your meeting" in answers
    assert "1 invitation to answer" in answers and "Film night" in answers
    assert f'href="{reverse("portal:event", args=[invitation.pk])}"' in answers
    assert "1 survey for your group to decide on" in answers and survey.title in answers
    # The group's card says how its listing stands, and keeps the listing's button.
    card = body.split('id="groups-title"')[1]
    assert "badge-stale" in card and "Keep the listing" in card
    assert "Everything is still accurate" not in card


def test_another_groups_business_never_shows(
    client_of, leader, group, other_group, agency, other_agency, liaison
):
    """The leader leads `group` only: what waits for `other_group` is its own leaders'."""
    make_meeting(group)
    _everything_waiting(other_group, other_agency, liaison)
    make_leader(other_group)
    body = portal(client_of, leader)
    answers = answers_of(body)
    for absent in (
        "Hilltop NA",
        "Film night",
        "suggestion waiting",
        "invitation to answer",
        "to decide on",
        "proposed leader",
    ):
        assert absent not in answers, absent
    assert "Nothing needs your attention." in answers
    assert "Hilltop NA" not in body


def test_invitations_of_past_or_cancelled_events_and_answered_ones_wait_for_nothing(
    client_of, leader, group, agency
):
    make_meeting(group)
    _invite(agency, group, "Last year's fair", days=-30)
    Sponsorship.objects.create(
        event=make_event(agency, title="Called off", status="cancelled"),
        group=group,
        role="cosponsor",
        answer="invited",
    )
    accepted = _invite(agency, group, "Said yes")
    accepted.answer = "accepted"
    accepted.save()
    answers = answers_of(portal(client_of, leader))
    assert "to answer" not in answers and "Nothing needs your attention." in answers
    for title in ("Last year", "Called off", "Said yes"):
        assert title not in answers, title


def test_the_portal_home_costs_the_same_queries_with_few_rows_or_many(
    client_of, leader, group, agency, liaison
):
    _everything_waiting(group, agency, liaison)
    browser = client_of(leader)

    def count():
        browser.get(reverse("portal:home"))
        with CaptureQueriesContext(connection) as ctx:
            assert browser.get(reverse("portal:home")).status_code == 200
        return len(ctx)

    few = count()
    for n in range(8):
        other = make_group()
        make_leader(other, user=leader)
        _everything_waiting(other, agency, liaison)
        _invite(agency, group, f"Fair {n}", days=20 + n)
    many = count()
    assert few == many <= 9
    body = browser.get(reverse("portal:home")).content.decode()
    assert "17 invitations to answer" in answers_of(body)
