"""Leaders keep their own listing; staff and the public suggest; every change is in the history."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from groups.listing.changes import new_meeting_slug, suggestion_accept
from groups.models import Contact, ListingChange, Meeting, SelfHelpGroup, Suggestion
from tests.factory import make_group, make_leader, make_meeting


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def listing_data(group, **overrides):
    data = {
        "version": group.version,
        "name": group.name,
        "description": group.description,
        "who_attends": "Women of all ages.",
        "typical_format": "Reading, then sharing.",
        "common_issues": "",
        "philosophy": "",
        "public_email": "",
        "public_phone": "",
        "website": "",
    }
    data.update(overrides)
    return data


def meeting_data(meeting, **overrides):
    data = {
        "version": meeting.version,
        "recurrence": meeting.recurrence,
        "days": [str(d) for d in meeting.days],
        "start_time": meeting.start_time.strftime("%H:%M"),
        "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
        "timezone": meeting.timezone,
        "mode": meeting.mode,
        "location": meeting.location_id or "",
        "conference_url": meeting.conference_url,
        "access": meeting.access,
        "status": meeting.status,
        "languages": [lang.pk for lang in meeting.languages.all()],
    }
    data.update(overrides)
    return data


# --- who may edit ------


def test_a_leader_edits_their_listing_and_the_public_page_shows_it(client_of, group, leader):
    client = client_of(leader)
    response = client.post(
        reverse("groups:edit", args=[group.slug]),
        listing_data(group, description="We meet to stay sober, one day at a time."),
    )
    assert response.status_code == 302
    assert "one day at a time" in client_of(None).get(group.get_absolute_url()).content.decode()


def test_a_leader_gets_404_for_another_groups_listing_and_its_objects(
    client_of, group, leader, other_group
):
    other_meeting = make_meeting(other_group)
    client = client_of(leader)
    assert client.get(reverse("groups:edit", args=[other_group.slug])).status_code == 404
    response = client.post(
        reverse("groups:edit", args=[other_group.slug]), listing_data(other_group, name="Mine")
    )
    assert response.status_code == 404
    # The other group's meeting, reached through the leader's own group in the URL.
    url = reverse("groups:meeting_edit", args=[group.slug, other_meeting.pk])
    assert client.post(url, meeting_data(other_meeting, start_time="06:00")).status_code == 404
    other_meeting.refresh_from_db()
    assert other_meeting.start_time == dt.time(19)
    assert SelfHelpGroup.objects.get(pk=other_group.pk).name == other_group.name


def test_a_leader_cannot_change_what_belongs_to_staff(client_of, group, leader):
    client_of(leader).post(
        reverse("groups:edit", args=[group.slug]),
        listing_data(group, status="inactive", verified_at="2020-01-01", autonomy="agency_hosted"),
    )
    group.refresh_from_db()
    assert (group.status, group.autonomy) == ("active", "independent")


def test_liaison_staff_edit_a_group_without_a_leader_directly(client_of, liaison, other_group):
    response = client_of(liaison).post(
        reverse("groups:edit", args=[other_group.slug]),
        listing_data(other_group, description="Checked by phone with the secretary."),
    )
    assert response.status_code == 302
    other_group.refresh_from_db()
    assert other_group.description == "Checked by phone with the secretary."
    change = ListingChange.objects.get(group=other_group)
    assert (change.source, change.changed_by) == ("staff", liaison)


def test_liaison_staff_on_a_led_group_are_sent_to_suggest(client_of, liaison, group, leader):
    response = client_of(liaison).post(
        reverse("groups:edit", args=[group.slug]), listing_data(group, description="Overwrite")
    )
    assert response["Location"] == reverse("groups:suggest", args=[group.slug])
    group.refresh_from_db()
    assert group.description != "Overwrite"


def test_removing_a_leadership_takes_effect_on_the_next_request(client_of, client, group, leader):
    client.force_login(leader)
    assert client.get(reverse("groups:manage", args=[group.slug])).status_code == 200
    leadership = group.leaderships.get(user=leader)
    co_leader = make_leader(group)
    client_of(co_leader).post(reverse("portal:leadership_end", args=[group.slug, leadership.pk]))
    client.force_login(leader)
    assert client.get(reverse("groups:manage", args=[group.slug])).status_code == 403
    assert client.get(reverse("portal:home")).status_code == 403


# --- meetings and concurrency ------


def test_a_leader_adds_pauses_and_ends_meetings(client_of, group, leader):
    client = client_of(leader)
    meeting = make_meeting(group)
    add = client.post(
        reverse("groups:meeting_add", args=[group.slug]),
        meeting_data(
            meeting,
            days=["4"],
            mode="online",
            location="",
            conference_url="https://meet.example.org/new",
        ),
    )
    assert add.status_code == 302
    assert group.meetings.count() == 2
    client.post(
        reverse("groups:meeting_edit", args=[group.slug, meeting.pk]),
        meeting_data(meeting, status="paused"),
    )
    meeting.refresh_from_db()
    assert meeting.status == "paused"
    assert (
        meeting.schedule_text not in client_of(None).get(group.get_absolute_url()).content.decode()
    )


def test_a_bad_meeting_keeps_what_was_typed_with_the_error_beside_the_field(
    client_of, group, leader
):
    meeting = make_meeting(group)
    response = client_of(leader).post(
        reverse("groups:meeting_edit", args=[group.slug, meeting.pk]),
        meeting_data(meeting, end_time="18:00", notes="Bring a friend"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The meeting must end after it starts" in body
    assert "Bring a friend" in body


def test_the_second_of_two_editors_is_refused_and_shown_what_changed(
    client_of, client, group, leader
):
    second_leader = make_leader(group)
    url = reverse("groups:edit", args=[group.slug])
    first = client_of(leader)
    stale_version = group.version
    assert (
        first.post(url, listing_data(group, who_attends="First editor's words.")).status_code == 302
    )
    client.force_login(second_leader)
    response = client.post(
        url, listing_data(group, version=stale_version, who_attends="Second editor's words.")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this since you opened it" in body
    assert "First editor" in body
    assert "Second editor&#x27;s words." in body  # what they typed is still in the form
    group.refresh_from_db()
    assert group.who_attends == "First editor's words."
    # Saving again, now knowing, goes through.
    version = response.context["form"]["version"].value()
    again = client.post(
        url, listing_data(group, version=version, who_attends="Second editor's words.")
    )
    assert again.status_code == 302


def test_two_meeting_editors_cannot_silently_overwrite_each_other(client_of, group, leader):
    meeting = make_meeting(group)
    url = reverse("groups:meeting_edit", args=[group.slug, meeting.pk])
    client = client_of(leader)
    client.post(url, meeting_data(meeting, start_time="18:30"))
    response = client.post(url, meeting_data(meeting, start_time="19:15"))  # the old version
    assert "Someone else saved this" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.start_time == dt.time(18, 30)


# --- history ------


def test_every_path_of_change_leaves_a_history_entry_with_before_and_after(
    client_of, admin_client, group, leader, liaison, other_group
):
    client_of(leader).post(
        reverse("groups:edit", args=[group.slug]), listing_data(group, who_attends="Leader wrote")
    )
    client_of(liaison).post(
        reverse("groups:contact_add", args=[other_group.slug]),
        {"version": 1, "first_name": "Ana", "position": 0, "is_public": "on"},
    )
    suggestion = Suggestion.objects.create(
        group=group,
        source="public",
        changes={"group": {"philosophy": {"from": "", "to": "One day at a time"}}},
    )
    suggestion_accept(suggestion=suggestion, by=leader)
    response = admin_client.post(
        reverse("admin:groups_selfhelpgroup_change", args=[other_group.pk]),
        _admin_group_data(other_group, description="Admin wrote"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entries = {(c.source, c.object_type, c.action): c for c in ListingChange.objects.all()}
    leader_entry = entries[("leader", "group", "changed")]
    assert leader_entry.fields["who attends"][1] == "Leader wrote"
    assert leader_entry.changed_by == leader
    assert ("staff", "contact", "created") in entries
    assert entries[("suggestion", "group", "changed")].fields["philosophy"] == [
        "",
        "One day at a time",
    ]
    assert entries[("admin", "group", "changed")].fields["description"][1] == "Admin wrote"


def _admin_group_data(group, **overrides):
    data = {
        "name": group.name,
        "slug": group.slug,
        "status": group.status,
        "autonomy": group.autonomy,
        "description": group.description,
        "meetings-TOTAL_FORMS": "0",
        "meetings-INITIAL_FORMS": "0",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "leaderships-TOTAL_FORMS": "0",
        "leaderships-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_client(client_of, superuser):
    from django.test import Client

    client = Client()
    client.force_login(superuser)
    return client


def test_leaders_and_staff_see_the_history_of_the_listing(client_of, group, leader, practitioner):
    client_of(leader).post(
        reverse("groups:edit", args=[group.slug]), listing_data(group, who_attends="Changed")
    )
    for user in (leader, practitioner):
        body = client_of(user).get(reverse("groups:history", args=[group.slug])).content.decode()
        assert "Changed" in body
        assert "Group leader" in body or "group leader" in body


# --- suggestions ------


def suggest_data(group, meeting=None, **overrides):
    data = {
        "note": "",
        "description": group.description,
        "who_attends": group.who_attends,
        "typical_format": group.typical_format,
        "common_issues": group.common_issues,
        "philosophy": group.philosophy,
        "public_email": group.public_email,
        "public_phone": group.public_phone,
        "website": group.website,
        "homepage": "",
    }
    if meeting:
        prefix = f"m{meeting.pk}_"
        data.update(
            {
                prefix + "start_time": meeting.start_time.strftime("%H:%M"),
                prefix + "end_time": meeting.end_time.strftime("%H:%M"),
                prefix + "location_notes": meeting.location_notes,
                prefix + "conference_url": meeting.conference_url,
                prefix + "conference_phone": meeting.conference_phone,
                prefix + "conference_notes": meeting.conference_notes,
                prefix + "notes": meeting.notes,
                prefix + "status": meeting.status,
            }
        )
    data.update(overrides)
    return data


def test_a_public_suggestion_records_only_the_fields_changed(client, group, leader):
    meeting = make_meeting(group)
    response = client.post(
        reverse("groups:suggest", args=[group.slug]),
        suggest_data(
            group,
            meeting,
            public_phone="555-0199",
            **{f"m{meeting.pk}_start_time": "19:30"},
            note="The meeting starts later now.",
        ),
    )
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    suggestion = Suggestion.objects.get()
    assert suggestion.source == "public"
    assert suggestion.changes == {
        "group": {"public_phone": {"from": "", "to": "555-0199"}},
        "meetings": {str(meeting.pk): {"start_time": {"from": "19:00", "to": "19:30"}}},
    }


def test_an_empty_suggestion_is_refused_beside_the_note(client, group):
    response = client.post(reverse("groups:suggest", args=[group.slug]), suggest_data(group))
    assert "Change at least one thing" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_the_honeypot_drops_a_suggestion_quietly(client, group):
    client.post(
        reverse("groups:suggest", args=[group.slug]),
        suggest_data(group, note="Buy cheap pills", homepage="http://spam.example"),
    )
    assert not Suggestion.objects.exists()


def test_suggestions_from_one_address_are_limited_per_hour(client, group):
    url = reverse("groups:suggest", args=[group.slug])
    for n in range(5):
        client.post(url, suggest_data(group, note=f"Note {n}"))
    response = client.post(url, suggest_data(group, note="One too many"))
    assert "try again later" in response.content.decode()
    assert Suggestion.objects.count() == 5


def test_accepting_applies_exactly_the_suggested_fields(client_of, group, leader):
    meeting = make_meeting(group, notes="Ring the bell")
    Suggestion.objects.create(
        group=group,
        source="public",
        changes={
            "group": {"public_phone": {"from": "", "to": "555-0199"}},
            "meetings": {str(meeting.pk): {"start_time": {"from": "19:00", "to": "19:30"}}},
        },
    )
    suggestion = Suggestion.objects.get()
    before = SelfHelpGroup.objects.values().get(pk=group.pk)
    response = client_of(leader).post(
        reverse("groups:suggestion", args=[group.slug, suggestion.pk]),
        {"accept": "1", "reply": "Thanks!"},
    )
    assert response.status_code == 302
    after = SelfHelpGroup.objects.values().get(pk=group.pk)
    changed = {k for k in after if after[k] != before[k]}
    assert changed <= {"public_phone", "version", "updated_at", "search_text", "search_vector"}
    assert after["public_phone"] == "555-0199"
    meeting.refresh_from_db()
    assert (meeting.start_time, meeting.notes) == (dt.time(19, 30), "Ring the bell")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reply, suggestion.decided_by) == (
        "accepted",
        "Thanks!",
        leader,
    )


def test_declining_changes_nothing(client_of, group, leader):
    suggestion = Suggestion.objects.create(
        group=group,
        source="public",
        changes={"group": {"website": {"from": "", "to": "http://x.org"}}},
    )
    client_of(leader).post(
        reverse("groups:suggestion", args=[group.slug, suggestion.pk]), {"decline": "1"}
    )
    group.refresh_from_db()
    suggestion.refresh_from_db()
    assert (group.website, suggestion.status) == ("", "declined")


def test_a_suggestion_against_a_changed_listing_shows_current_values_before_applying(
    client_of, group, leader
):
    suggestion = Suggestion.objects.create(
        group=group,
        source="public",
        changes={"group": {"public_phone": {"from": "", "to": "555-0199"}}},
    )
    SelfHelpGroup.objects.filter(pk=group.pk).update(public_phone="555-0123")
    client = client_of(leader)
    url = reverse("groups:suggestion", args=[group.slug, suggestion.pk])
    page = client.get(url).content.decode()
    assert "555-0123" in page and "changed since" in page
    refused = client.post(url, {"accept": "1"})
    assert "The listing changed after this suggestion was made" in refused.content.decode()
    assert SelfHelpGroup.objects.get(pk=group.pk).public_phone == "555-0123"
    client.post(url, {"accept": "1", "confirm_stale": "on"})
    assert SelfHelpGroup.objects.get(pk=group.pk).public_phone == "555-0199"


def test_an_answered_suggestion_cannot_be_answered_again(client_of, group, leader):
    suggestion = Suggestion.objects.create(group=group, source="public", note="Moved")
    client = client_of(leader)
    url = reverse("groups:suggestion", args=[group.slug, suggestion.pk])
    client.post(url, {"decline": "1"})
    response = client.post(url, {"accept": "1"})
    assert response.status_code == 200
    assert Suggestion.objects.get().status == "declined"


def test_a_staff_suggestion_is_marked_as_from_staff(client_of, practitioner, group, leader):
    client_of(practitioner).post(
        reverse("groups:suggest", args=[group.slug]),
        suggest_data(group, note="Our client says the room moved."),
    )
    suggestion = Suggestion.objects.get()
    assert (suggestion.source, suggestion.submitted_by) == ("staff", practitioner)


def test_contacts_are_kept_by_the_leader_and_removal_is_logged(client_of, group, leader):
    contact = Contact.objects.create(group=group, first_name="Jo", last_name="Smith")
    client = client_of(leader)
    url = reverse("groups:contact_edit", args=[group.slug, contact.pk])
    client.post(url, {"version": 1, "first_name": "Joanne", "last_name": "Smith", "position": 0})
    contact.refresh_from_db()
    assert contact.first_name == "Joanne"
    client.post(url, {"delete": "1"})
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert ListingChange.objects.filter(object_type="contact", action="deleted").exists()


def test_meeting_slugs_stay_unique_when_leaders_add_meetings(db):
    group = make_group(slug="hope")
    make_meeting(group, slug="hope-1")
    assert new_meeting_slug(group) == "hope-2"
    assert Meeting.objects.filter(slug="hope-2").count() == 0


def test_suggest_needs_no_account(client, group):
    assert client.get(reverse("groups:suggest", args=[group.slug])).status_code == 200
    assert isinstance(AnonymousUser(), AnonymousUser)
