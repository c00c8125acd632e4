import pytest

from groups.forms import ContactForm, GroupListingForm, MeetingEditForm, MeetingForm
from groups.listing.fields import CONTACT_FIELDS, GROUP_FIELDS, MEETING_FIELDS
from groups.models import Meeting
from tests.factory import make_group, make_location


@pytest.fixture
def location(db):
    return make_location()


def form_data(**overrides):
    data = {
        "name": "Tuesday night women's meeting",
        "recurrence": "weekly",
        "days": ["2"],
        "start_time": "19:00",
        "end_time": "20:00",
        "timezone": "America/New_York",
        "mode": "in_person",
        "access": "open",
        "status": "active",
        "type_codes": ["D"],
    }
    data.update(overrides)
    return data


def bound(data):
    form = MeetingForm(data=data, instance=Meeting(group=make_group(), slug="new-meeting"))
    form.is_valid()
    return form


def test_a_complete_meeting_is_valid_and_keeps_its_weekdays(location):
    form = bound(form_data(location=location.pk, days=["1", "3"]))
    assert form.is_valid(), form.errors
    meeting = form.save()
    assert meeting.days == [1, 3]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "18:30"}, "end_time", "must end after it starts"),
        ({"end_time": "19:00"}, "end_time", "must end after it starts"),
        ({"mode": "online"}, "conference_url", "needs a link or a dial-in phone"),
        (
            {"mode": "hybrid", "conference_url": "https://meet.example.org/x", "location": ""},
            "location",
            "needs a place",
        ),
        ({"location": ""}, "location", "needs a place"),
        ({"type_codes": ["D", "NOPE"]}, "type_codes", "“NOPE” is not a Meeting Guide"),
        ({"recurrence": "monthly"}, "month_week", "which week of the month"),
        (
            {"recurrence": "monthly", "month_week": "1", "days": ["1", "2"]},
            "days",
            "held on one weekday",
        ),
        ({"days": []}, "days", "required"),
        ({"days": ["9"]}, "days", "valid choice"),
        ({"timezone": "Mars/Olympus"}, "timezone", "not a known time zone"),
        ({"start_time": "25:00"}, "start_time", "Enter a valid time"),
        ({"conference_url": "not a link", "mode": "online"}, "conference_url", "valid URL"),
    ],
)
def test_it_rejects_bad_meetings_beside_the_field(location, overrides, field, message):
    overrides.setdefault("location", location.pk)
    if overrides["location"] == "":
        del overrides["location"]
    form = bound(form_data(**overrides))
    assert not form.is_valid()
    assert message in " ".join(form.errors.get(field, [])), form.errors


def test_an_online_meeting_with_a_phone_only_needs_no_place(db):
    form = bound(form_data(mode="online", conference_phone="+1 555 0100 123"))
    assert form.is_valid(), form.errors


def test_derived_codes_cannot_be_typed(location):
    form = bound(form_data(location=location.pk, type_codes=["O"]))
    assert "type_codes" in form.errors


def test_a_rejected_form_keeps_what_was_typed(location):
    form = bound(form_data(location=location.pk, end_time="18:00", notes="Ring the side bell"))
    html = form.as_div()
    assert 'value="Tuesday night women&#x27;s meeting"' in html
    assert "Ring the side bell" in html
    assert 'value="18:00"' in html


def test_a_weekly_rule_drops_a_stray_week_of_month(location):
    form = bound(form_data(location=location.pk, month_week="2"))
    assert form.is_valid()
    assert form.save().month_week is None


def test_the_listing_forms_edit_exactly_the_fields_the_history_records():
    # A field added to a form but not to the history would change unrecorded, and the reverse.
    def model_fields(form_class):
        names = [name for name in form_class.base_fields if name != "version"]
        return ["weekdays" if name == "days" else name for name in names]

    assert model_fields(MeetingForm) == model_fields(MeetingEditForm) == MEETING_FIELDS
    assert model_fields(GroupListingForm) == GROUP_FIELDS
    assert model_fields(ContactForm) == CONTACT_FIELDS
