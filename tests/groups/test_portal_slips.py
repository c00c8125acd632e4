"""The leader's portal as a leader reads it: invitations beside events and apart by time, each
event open to read, breadcrumbs only where a leader may go, a history in words."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from events.models import Sponsorship
from groups.models import ListingChange, Suggestion
from tests.factory import make_event, make_group, make_leader, make_meeting
from tests.groups.test_listing import meeting_data

NOW = timezone.now()


def _invite(agency, group, days, **event):
    return Sponsorship.objects.create(
        event=make_event(agency, starts_at=NOW + dt.timedelta(days=days), **event),
        group=group,
        role="cosponsor",
        answer="invited",
    )


def test_invitations_to_answer_come_first_and_count_only_what_can_be_answered(
    client_of, agency, group, leader
):
    film = _invite(agency, group, 10, title="Film night")
    _invite(agency, group, -10, title="Last year's fair")
    _invite(agency, group, 20, title="Called off", status="cancelled")
    browser = client_of(leader)
    body = browser.get(reverse("portal:home")).content.decode()
    answers = body.split('id="answers-title"')[1].split("</section>")[0]
    assert body.index('id="answers-title"') < body.index('id="groups-title"')
    assert f'href="{reverse("portal:event", args=[film.pk])}"' in answers
    assert "Film night" in answers
    assert "Last year" not in answers and "Called off" not in answers
    assert "1 invitation to answer" in answers
    # The first few, and the count that leads to them all.
    for days in (11, 12, 13):
        _invite(agency, group, days, title=f"Fair {days}")
    answers = browser.get(reverse("portal:home")).content.decode().split('id="answers-title"')[1]
    answers = answers.split("</section>")[0]
    assert "4 invitations to answer" in answers and f'href="{reverse("portal:events")}"' in answers
    assert "Film night" in answers and "Fair 12" in answers and "Fair 13" not in answers


def test_invitations_waiting_are_apart_from_the_past_and_each_opens_its_event(
    client_of, agency, group, leader, other_group
):
    waiting = _invite(agency, group, 10, title="Film night", status="planned", is_public=False)
    past = _invite(agency, group, -10, title="Last year's fair")
    browser = client_of(leader)
    body = browser.get(reverse("portal:events")).content.decode()
    waiting_part = body.split('id="waiting-title"')[1].split("</section>")[0]
    past_part = body.split('id="past-title"')[1].split("</section>")[0]
    assert "Film night" in waiting_part and "Accept" in waiting_part
    assert "Last year&#x27;s fair" in past_part and "Accept" not in past_part
    assert f'href="{reverse("portal:event", args=[waiting.pk])}"' in waiting_part
    # A planned event, not on the public calendar: the leader still reads what it is.
    page = browser.get(reverse("portal:event", args=[waiting.pk])).content.decode()
    assert "Film night" in page and "Riverside Library" in page and "Accept" in page
    assert "public page of the event" not in page
    assert "Accept" not in browser.get(reverse("portal:event", args=[past.pk])).content.decode()
    foreign = _invite(agency, other_group, 5)
    assert browser.get(reverse("portal:event", args=[foreign.pk])).status_code == 404


def test_a_leaders_breadcrumbs_lead_only_where_a_leader_may_go(client_of, group, leader):
    suggestion = Suggestion.objects.create(
        group=group, source="public", note="Moved", submitter_name="Ana María de la Cruz"
    )
    browser = client_of(leader)
    listings = reverse("groups_office:listings")
    for url in (
        reverse("groups:manage", args=[group.slug]),
        reverse("groups:edit", args=[group.slug]),
        reverse("groups:suggestion", args=[group.slug, suggestion.pk]),
        reverse("groups:meeting_add", args=[group.slug]),
    ):
        body = browser.get(url).content.decode()
        assert f'href="{listings}"' not in body, url
        assert f'href="{reverse("portal:home")}"' in body, url
    # The name as typed, not lowered.
    page = browser.get(reverse("groups:manage", args=[group.slug])).content.decode()
    assert "from Ana María de la Cruz" in page


def test_the_history_says_kinds_of_meeting_by_name_times_like_the_site_and_ignores_order(
    client_of, group, leader
):
    meeting = make_meeting(group, start_time=dt.time(19), type_codes=["O", "W"])
    browser = client_of(leader)
    url = reverse("groups:meeting_edit", args=[group.slug, meeting.pk])
    response = browser.post(
        url, meeting_data(meeting, start_time="18:30", type_codes=["W", "D"], status="active")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    change = ListingChange.objects.filter(object_type="meeting").latest("pk")
    assert change.fields["meeting types"] == ["Open, Women", "Discussion, Women"]
    history = browser.get(reverse("groups:history", args=[group.slug])).content.decode()
    assert "7:00 p.m." in history and "6:30 p.m." in history and "18:30" not in history
    meeting.refresh_from_db()
    before = ListingChange.objects.count()
    response = browser.post(
        url, meeting_data(meeting, start_time="18:30", type_codes=["D", "W"], status="active")
    )
    assert ListingChange.objects.count() == before


def test_a_group_without_meetings_is_asked_for_its_first(client_of, leader):
    group = make_group(name="New Hope Circle")
    make_leader(group, leader)
    body = client_of(leader).get(reverse("portal:home")).content.decode()
    card = body.split("New Hope Circle")[1].split("</section>")[0]
    assert "Add your first meeting" in card
    assert f'href="{reverse("groups:meeting_add", args=[group.slug])}"' in card
    assert "Nothing needs your attention" not in card
