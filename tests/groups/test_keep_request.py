"""The contact of a group without a leader asks to keep its listing; the office checks with the
group and proposes them as a leader (the installation's superuser confirms), or declines. A led
group's listing is its leaders': nobody can ask to take it over."""

from django.urls import reverse

from groups.models import KeepRequest, LeaderInvitation
from tests.factory import make_group, make_leader

DATA = {
    "name": "Sam Okafor",
    "email": "sam@example.org",
    "phone": "555-0177",
    "note": "I am the group's secretary.",
}


def test_a_contact_asks_and_the_office_proposes_them_as_a_leader(client, client_of, liaison, db):
    group = make_group(name="Unled Group")
    page = client.get(group.get_absolute_url()).content.decode()
    assert reverse("groups:keep", args=[group.slug]) in page
    response = client.post(reverse("groups:keep", args=[group.slug]), DATA)
    assert "was sent to the liaison office" in response.content.decode()
    keep = KeepRequest.objects.get()
    assert (keep.group, keep.status) == (group, KeepRequest.Status.WAITING)

    office = client_of(liaison)
    queue = office.get(reverse("groups_office:listings")).content.decode()
    assert "Sam Okafor" in queue and "I am the group&#x27;s secretary." in queue
    office.post(reverse("groups_office:keep_decide", args=[keep.pk]))
    keep.refresh_from_db()
    assert keep.status == KeepRequest.Status.PROPOSED
    invitation = LeaderInvitation.objects.get(group=group, email="sam@example.org")
    # Nothing goes to the person yet: the installation's superuser confirms first.
    assert invitation.status == LeaderInvitation.Status.AWAITING_REVIEW
    assert keep.invitation == invitation
    office.get(reverse("groups_office:listings"))  # the message is shown once
    assert "sam@example.org" not in office.get(reverse("groups_office:listings")).content.decode()


def test_the_office_can_decline(client, client_of, liaison, db):
    group = make_group()
    client.post(reverse("groups:keep", args=[group.slug]), DATA)
    keep = KeepRequest.objects.get()
    client_of(liaison).post(reverse("groups_office:keep_decide", args=[keep.pk]), {"decline": "1"})
    keep.refresh_from_db()
    assert keep.status == KeepRequest.Status.DECLINED
    assert not LeaderInvitation.objects.exists()


def test_a_led_groups_listing_cannot_be_asked_for(client, db):
    group = make_group()
    make_leader(group)
    assert (
        reverse("groups:keep", args=[group.slug])
        not in client.get(group.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("groups:keep", args=[group.slug]), DATA)
    assert "kept by its own leaders" in response.content.decode()
    assert not KeepRequest.objects.exists()


def test_a_missing_email_is_said_beside_the_field_and_what_was_typed_stays(client, db):
    group = make_group()
    response = client.post(reverse("groups:keep", args=[group.slug]), {**DATA, "email": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "This field is required." in body
    assert 'value="Sam Okafor"' in body
    assert not KeepRequest.objects.exists()


def test_a_decided_request_cannot_be_decided_again(client, client_of, liaison, db):
    group = make_group()
    client.post(reverse("groups:keep", args=[group.slug]), DATA)
    keep = KeepRequest.objects.get()
    office = client_of(liaison)
    office.post(reverse("groups_office:keep_decide", args=[keep.pk]), {"decline": "1"})
    again = office.post(reverse("groups_office:keep_decide", args=[keep.pk]))
    assert again.status_code == 404
    assert not LeaderInvitation.objects.exists()
