"""Possible duplicates: a new group asking to be listed, or one an import would create, that looks
like a group already listed (the same name and town, or the same contact email or phone) is shown
with a link to that group and why, without blocking anything; the directory is read in a fixed
number of queries whatever the number of groups checked."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.listing import duplicates
from groups.models import Contact, ImportBatch, NewGroupRequest, SelfHelpGroup
from tests.factory import make_group, make_location, make_meeting
from tests.groups.test_importers import csv_file, json_file, mg, tsml_row


def listed(name, city="Millbrook", **kw):
    group = make_group(name=name, **kw)
    make_meeting(group, location=make_location(city=city))
    return group


def asking(name, first_city="", contact_email="sam@example.org", contact_phone=""):
    return NewGroupRequest.objects.create(
        group=make_group(name=name, status=SelfHelpGroup.Status.PENDING, verified_at=None),
        contact_name="Sam",
        contact_email=contact_email,
        contact_phone=contact_phone,
        first_city=first_city,
    )


def reasons(request):
    return {m.name: m.reasons for m in duplicates.for_requests([request])[request.pk]}


# --- what looks alike ----------------------------------------------------------------------------


def test_names_and_towns_are_compared_by_their_letters_and_digits_in_any_case():
    assert duplicates.name_key("St. Mark's  Hearing-Voices Group") == "stmarkshearingvoicesgroup"
    assert duplicates.name_key("ST MARKS HEARING VOICES GROUP") == "stmarkshearingvoicesgroup"
    assert duplicates.name_key("Grupo Alegría 2") == "grupoalegría2"  # accents are letters
    assert duplicates.phone_key("+1 (845) 555-0100") == "18455550100"
    assert duplicates.phone_key("ext. 12") == ""  # too few digits to identify anyone
    assert duplicates.email_key(" Sam@Example.ORG ") == "sam@example.org"


def test_the_same_name_in_the_same_town_is_a_possible_duplicate(db):
    group = listed("Millbrook Hearing Voices Group", city="Millbrook")
    request = asking("millbrook hearing-voices group!", first_city=" MILLBROOK ")
    [match] = duplicates.for_requests([request])[request.pk]
    assert (match.pk, match.reasons) == (group.pk, ["same name and town"])
    assert match.url == reverse("groups:detail", args=[group.slug])


def test_checking_requests_reads_the_towns_of_the_groups_named_like_them_only(db):
    """The listings queue checks a few requests against the whole directory: it reads the
    towns of the groups whose name is like a request's, and finds what the whole read finds."""
    alike = listed("Serenity Group", city="Millbrook")
    for n in range(5):
        listed(f"Other group {n}", city="Millbrook")
    request = asking("SERENITY group", first_city="Millbrook")
    narrowed = duplicates.Directory(names=[request.group.name])
    assert set(narrowed.by_name_town) == {("serenitygroup", "millbrook")}
    assert narrowed.by_name_town[("serenitygroup", "millbrook")] == {alike.pk, request.group_id}
    whole = duplicates.Directory()
    candidate = duplicates.request_candidate(request)
    assert narrowed.matches(candidate, skip={request.group_id}) == whole.matches(
        candidate, skip={request.group_id}
    )
    assert [m.pk for m in narrowed.matches(candidate, skip={request.group_id})] == [alike.pk]


def test_the_same_name_elsewhere_or_without_a_town_is_not(db):
    listed("Hearing Voices Group", city="Millbrook")
    assert reasons(asking("Hearing Voices Group", first_city="Poughkeepsie")) == {}
    # A request that gives no town is compared by its contact alone: nothing is assumed.
    assert reasons(asking("Hearing Voices Group", contact_email="other@example.org")) == {}


def test_an_ended_meeting_gives_no_town(db):
    group = make_group(name="Hope Group")
    make_meeting(group, location=make_location(city="Millbrook"), status="ended")
    assert reasons(asking("Hope Group", first_city="Millbrook")) == {}


def test_the_same_contact_email_or_phone_is_a_possible_duplicate(db):
    by_email = make_group(name="Wednesday Group", public_email="Sam@Example.org")
    by_contact = make_group(name="Thursday Group")
    Contact.objects.create(group=by_contact, first_name="Ann", phone="(845) 555-0100")
    request = asking("Another Name", contact_email="sam@example.org", contact_phone="845.555.0100")
    assert reasons(request) == {
        by_email.name: ["same contact email"],
        by_contact.name: ["same contact phone"],
    }


def test_every_reason_is_said_and_another_request_waiting_links_to_its_review(db):
    group = listed("Hope Group", city="Millbrook", public_phone="845 555 0100")
    other = asking("Hope Group", first_city="Millbrook", contact_email="sam@example.org")
    request = asking(
        "HOPE GROUP",
        first_city="Millbrook",
        contact_email="SAM@example.org",
        contact_phone="8455550100",
    )
    matches = {m.pk: m for m in duplicates.for_requests([request])[request.pk]}
    assert matches[group.pk].reasons == ["same name and town", "same contact phone"]
    assert matches[other.group_id].reasons == ["same name and town", "same contact email"]
    assert matches[other.group_id].waiting
    assert matches[other.group_id].url == reverse("groups_office:new_group", args=[other.pk])
    assert request.group_id not in matches  # never itself


def test_declined_requests_and_inactive_groups_are_left_out(db):
    listed("Hope Group", status=SelfHelpGroup.Status.INACTIVE)
    declined = asking("Hope Group", first_city="Millbrook")
    NewGroupRequest.objects.filter(pk=declined.pk).update(decision="declined")
    SelfHelpGroup.objects.filter(pk=declined.group_id).update(status="inactive")
    assert reasons(asking("Hope Group", first_city="Millbrook")) == {}


def test_the_directory_is_read_in_three_queries_however_many_groups(db):
    def queries(requests):
        requests = list(NewGroupRequest.objects.filter(pk__in=requests).select_related("group"))
        with CaptureQueriesContext(connection) as ctx:
            found = duplicates.for_requests(requests)
        return len(ctx), found

    listed("Hope Group")
    first = asking("Hope Group", first_city="Millbrook")
    few, found = queries([first.pk])
    assert few == 3 and found[first.pk]
    for n in range(40):
        group = listed(f"Group {n}", city=f"Town {n}", public_email=f"g{n}@example.org")
        Contact.objects.create(group=group, first_name="A", phone=f"845 555 {n:04}")
    many_requests = [asking(f"Group {n}", first_city=f"Town {n}").pk for n in range(40)]
    many, found = queries([first.pk, *many_requests])
    assert many == few
    assert all(found[pk] for pk in many_requests)
    assert duplicates.for_requests([]) == {}


# --- the office's pages --------------------------------------------------------------------------


def test_the_review_page_warns_with_links_and_publishing_stays_possible(client_of, liaison):
    group = listed("Millbrook Hearing Voices Group", city="Millbrook")
    request = asking("Millbrook Hearing Voices Group", first_city="Millbrook")
    client = client_of(liaison)
    url = reverse("groups_office:new_group", args=[request.pk])
    page = client.get(url).content.decode()
    assert "This may be a group already listed" in page
    assert f'<a href="{group.get_absolute_url()}">{group.name}</a> — same name and town' in page
    response = client.post(url, {"publish": "1", "invite_contact": ""})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.decision == "published"
    # Reviewed: no warning any more.
    assert "already listed" not in client.get(url).content.decode()


def test_the_review_page_says_nothing_when_nothing_looks_alike(client_of, liaison):
    request = asking("A Group Like No Other", first_city="Millbrook")
    page = client_of(liaison).get(reverse("groups_office:new_group", args=[request.pk]))
    assert page.context["possible_duplicates"] == []
    assert "already listed" not in page.content.decode()


def test_the_listings_queue_marks_a_possible_duplicate(client_of, liaison):
    group = make_group(name="Wednesday Group", public_email="sam@example.org")
    asking("Another Name", contact_email="sam@example.org")
    asking("Unlike Anything", contact_email="nobody@example.org")
    page = client_of(liaison).get(reverse("groups_office:listings")).content.decode()
    assert page.count("possible duplicate</span>") == 1
    assert f'<a href="{group.get_absolute_url()}">Wednesday Group</a> (same contact email)' in page


# --- imports -------------------------------------------------------------------------------------


def upload(client, data, source="Riverside Intergroup", fmt="mg-json"):
    client.post(
        reverse("groups_office:imports"),
        {"file": SimpleUploadedFile("list.json", data), "format": fmt, "source": source},
    )
    return ImportBatch.objects.latest("pk")


def test_the_preview_warns_of_new_groups_that_look_like_groups_listed(client_of, liaison):
    by_hand = listed("Hope Group", city="Riverside")
    elsewhere = make_group(name="Serenity Seekers", public_phone="845-555-0100")
    elsewhere.import_source = "Another Intergroup"
    elsewhere.save()
    client = client_of(liaison)
    data = json_file(
        mg(slug="a", group="HOPE GROUP"),  # formatted_address: 1 Main Street, Riverside
        mg(slug="b", group="Serenity", phone="(845) 555-0100"),
        mg(slug="c", group="Hope Group", formatted_address="9 Elm Road, Fairview, NY 12584, US"),
        mg(slug="d", group="Unlike Anything"),
    )
    batch = upload(client, data)
    preview = client.get(reverse("groups_office:import_preview", args=[batch.pk]))
    found = {group["name"]: matches for group, matches in preview.context["duplicates"]}
    assert preview.context["duplicates_total"] == 2
    assert [(m.pk, m.reasons, m.source) for m in found["HOPE GROUP"]] == [
        (by_hand.pk, ["same name and town"], "")
    ]
    assert [(m.pk, m.reasons) for m in found["Serenity"]] == [
        (elsewhere.pk, ["same contact phone"])
    ]
    page = preview.content.decode()
    assert "2 new groups may be listed already" in page
    assert (
        f'<a href="{by_hand.get_absolute_url()}">Hope Group</a> (same name and town; entered here)'
        in page
    )
    assert "(same contact phone; from Another Intergroup)" in page
    # A warning: the import can be applied, and once applied it does not match itself.
    client.post(reverse("groups_office:import_apply", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.applied_at is not None
    after = client.get(reverse("groups_office:import_preview", args=[batch.pk]))
    assert after.context["duplicates_total"] == 2
    assert {m.pk for _g, matches in after.context["duplicates"] for m in matches} == {
        by_hand.pk,
        elsewhere.pk,
    }
    assert "It added these groups beside the groups they look like" in after.content.decode()
    made = SelfHelpGroup.objects.get(import_source="Riverside Intergroup", name="HOPE GROUP")
    assert f'<a href="{made.get_absolute_url()}">HOPE GROUP</a>' in after.content.decode()
    assert f'href="{made.get_absolute_url()}"' not in page  # before it was applied: no page yet


def test_groups_the_file_updates_are_not_warned_of(client_of, liaison):
    client = client_of(liaison)
    first = upload(client, csv_file(tsml_row()), fmt="mg-csv")
    client.post(reverse("groups_office:import_apply", args=[first.pk]))
    again = upload(client, csv_file(tsml_row(Time="6:30 PM")), fmt="mg-csv")
    assert again.plan["new_groups"] == []
    preview = client.get(reverse("groups_office:import_preview", args=[again.pk]))
    assert preview.context["duplicates"] == []


def test_a_group_from_another_file_applied_since_the_preview_is_warned_of(client_of, liaison):
    client = client_of(liaison)
    waiting = upload(client, csv_file(tsml_row()), fmt="mg-csv", source="First")
    other = upload(client, csv_file(tsml_row()), fmt="mg-csv", source="Second")
    client.post(reverse("groups_office:import_apply", args=[other.pk]))
    preview = client.get(reverse("groups_office:import_preview", args=[waiting.pk]))
    [(group, [match])] = preview.context["duplicates"]
    assert (group["name"], match.source) == ("Riverside Women's Group", "Second")


def test_a_plan_kept_before_new_groups_were_is_made_again(client_of, liaison):
    client = client_of(liaison)
    listed("Monday Night Group", city="Riverside")
    batch = upload(client, json_file(mg()))
    old = {key: value for key, value in batch.plan.items() if key != "new_groups"}
    ImportBatch.objects.filter(pk=batch.pk).update(plan=old)
    preview = client.get(reverse("groups_office:import_preview", args=[batch.pk]))
    assert preview.context["duplicates_total"] == 1


def test_the_preview_reads_the_directory_in_a_fixed_number_of_queries(client_of, liaison):
    client = client_of(liaison)

    def queries(batch):
        url = reverse("groups_office:import_preview", args=[batch.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return len(ctx), response.context["duplicates_total"]

    listed("Group 0", city="Riverside")
    few = queries(upload(client, json_file(mg(slug="m0", group="Group 0")), source="Few"))
    for n in range(1, 60):
        listed(f"Group {n}", city="Riverside", public_email=f"g{n}@example.org")
    records = [mg(slug=f"m{n}", group=f"Group {n}", email=f"g{n}@example.org") for n in range(60)]
    many = queries(upload(client, json_file(*records), source="Many"))
    assert few[1] == 1 and many[1] == 60
    assert few[0] == many[0]
