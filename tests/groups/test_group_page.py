import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Assessment, Contact, SelfHelpGroup
from tests.factory import make_assessment, make_group, make_meeting

SECRET = "Leadership turned over twice this year"


@pytest.fixture
def listed(db):
    group = make_group(
        name="Hilltop DBSA",
        who_attends="Adults of all ages living with depression or bipolar disorder.",
        typical_format="Check-in round, then open sharing; no one has to speak.",
        common_issues="Medication side effects, work, sleep, loneliness.",
        philosophy="Peers, not professionals: we learn from each other's experience.",
        public_phone="555-0142",
    )
    make_meeting(group, days=[2], access="closed", location_notes="Side door, room 4")
    make_meeting(group, days=[4], mode="online", access="open", languages=["es"])
    Contact.objects.create(group=group, first_name="Jamie", last_name="Rivera", role="Facilitator")
    Contact.objects.create(group=group, first_name="Private", last_name="Person", is_public=False)
    return group


@pytest.fixture
def assessed(listed, agency, other_agency):
    make_assessment(agency, listed, notes=SECRET)
    make_assessment(other_agency, listed, notes="Elsewhere private view")
    return listed


def page(client, group):
    return client.get(reverse("groups:detail", args=[group.slug])).content.decode()


def test_the_group_page_answers_who_goes_what_happens_when_and_where(client, listed):
    body = page(client, listed)
    for text in [
        "Adults of all ages living with depression",
        "Check-in round, then open sharing",
        "Medication side effects",
        "Peers, not professionals",
        "Closed meeting",
        "Open meeting",
        "Side door, room 4",
        "Join online",
        "Spanish",
        "Jamie R.",
        "Checked",
    ]:
        assert text in body, text
    assert "Rivera" not in body
    assert "Private" not in body


def summary_of(body):
    return body.split('class="group-summary"')[1].split("</section>")[0]


def test_the_page_starts_with_the_next_meeting_the_way_there_and_the_groups_phone(client, db):
    group = make_group(public_phone="555-0142", who_attends="Adults of all ages.")
    meeting = make_meeting(group, days=[2], access="closed", location_notes="Side door, room 4")
    body = page(client, group)
    summary = summary_of(body)
    when = meeting.next_occurrence()
    days = (when.date() - timezone.localdate(timezone.now(), when.tzinfo)).days
    day = {0: "Today", 1: "Tomorrow"}.get(days, when.strftime("%A"))
    assert f"Next meeting:</span> {day}" in summary and "7 p.m." in summary
    assert "https://www.openstreetmap.org/directions?to=" in summary and "Directions" in summary
    assert "Side door, room 4" in summary and "Closed meeting" in summary
    assert "If you think you might belong, you are welcome." in summary
    assert 'href="tel:555-0142"' in summary
    # Then who goes and what happens, then every meeting.
    assert body.index("group-summary") < body.index("Who goes") < body.index("When and where")


def test_the_way_to_the_meeting_is_the_one_primary_button_for_the_public_only(
    client_of, listed, practitioner
):
    online = make_group(name="Online Only")
    make_meeting(online, days=[3], mode="online", conference_url="https://meet.example.org/x")
    public = page(client_of(None), online)
    assert public.count("btn-primary") == 1
    assert 'class="btn btn-primary tap-target" href="https://meet.example.org/x"' in public
    staff = page(client_of(practitioner), online)
    assert staff.count("btn-primary") == 1
    assert 'class="btn btn-outline-primary tap-target" href="https://meet.example.org/x"' in staff


def test_a_group_without_meetings_says_so_first_and_how_to_reach_it(client, db):
    group = make_group(public_email="hello@example.org")
    summary = summary_of(page(client, group))
    assert "No meeting times are listed at the moment" in summary
    assert 'href="mailto:hello@example.org"' in summary


def test_the_private_assessment_is_invisible_to_the_public(client, assessed):
    body = page(client, assessed)
    assert SECRET not in body
    assert "Our assessment" not in body


def test_the_private_assessment_is_invisible_to_the_groups_leader(client_of, assessed):
    from tests.factory import make_leader

    body = page(client_of(make_leader(assessed)), assessed)
    assert SECRET not in body


def test_staff_see_their_own_agencys_assessment_only(
    client_of, assessed, practitioner, other_staff
):
    ours = page(client_of(practitioner), assessed)
    assert SECRET in ours
    assert "Elsewhere private view" not in ours
    theirs = page(client_of(other_staff), assessed)
    assert SECRET not in theirs
    assert "Elsewhere private view" in theirs


def test_an_inactive_or_pending_group_is_404_to_the_public_but_shown_to_staff(
    client_of, practitioner
):
    pending = make_group(status=SelfHelpGroup.Status.PENDING)
    assert client_of(None).get(reverse("groups:detail", args=[pending.slug])).status_code == 404
    response = client_of(practitioner).get(reverse("groups:detail", args=[pending.slug]))
    assert response.status_code == 200
    assert "not shown in the public directory" in response.content.decode()


def test_a_stale_listing_says_so_in_words(client, db):
    group = make_group(verified_at=timezone.now() - dt.timedelta(days=400))
    assert "over a year ago — details may have changed" in page(client, group)


def test_liaison_staff_mark_a_listing_verified_with_who_and_when(client_of, liaison):
    group = make_group(verified_at=None)
    response = client_of(liaison).post(reverse("groups:verify", args=[group.slug]))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.verified_by == liaison
    assert timezone.now() - group.verified_at < dt.timedelta(minutes=1)


def test_liaison_staff_record_the_agencys_assessment(client_of, liaison, agency, listed):
    url = reverse("groups:assessment", args=[listed.slug])
    response = client_of(liaison).post(
        url, {"maturity": "4", "autonomy": "5", "notes": "Long-standing, member-led."}
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(agency=agency, group=listed)
    assert (assessment.maturity, assessment.autonomy, assessment.assessed_by) == (4, 5, liaison)
    bad = client_of(liaison).post(url, {"maturity": "9", "notes": "keep me"})
    assert "Select a valid choice" in bad.content.decode()
    assert "keep me" in bad.content.decode()


def test_the_referral_brief_has_what_a_client_needs(client_of, practitioner, listed):
    body = client_of(practitioner).get(reverse("groups:brief", args=[listed.slug])).content.decode()
    for text in [
        "There is no typical meeting and no typical member",
        "Closed",
        "Adults of all ages",
        "Check-in round",
        "Medication side effects",
        "Peers, not professionals",
        "Side door, room 4",
        "Print this brief",
    ]:
        assert text in body, text
