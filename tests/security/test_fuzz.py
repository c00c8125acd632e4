"""Fuzzing with Hypothesis: whatever is typed into the public forms, the leader's forms, the
meeting form or an import file, the answer is never a 500 — invalid input comes back as form
errors (or import problems by line).

Examples per test are set in EXAMPLES below; docs/security.md lists them."""

import csv
import datetime as dt
import io
import json
import os

import pytest
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.forms import RegistrationForm
from groups.forms import (
    ContactForm,
    GroupListingForm,
    KeepRequestForm,
    MeetingEditForm,
    MeetingForm,
    NewGroupForm,
    PlaceForm,
    SuggestionForm,
)
from groups.imports import importer as importers
from liaison.models import StaffMembership
from tests.factory import make_event, make_group, make_leader, make_meeting, make_staff

# FUZZ_SCALE=10 runs ten times as many, for a long search before a release.
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
EXAMPLES = {
    name: int(count * SCALE)
    for name, count in {
        "public": 100,
        "leader": 75,
        "meeting_form": 150,
        "import": 150,
        "query": 50,
    }.items()
}

# Text as people (and robots) type it: any unicode, control characters, very long strings.
TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "' OR 1=1 --", "9" * 400]),
    st.from_regex(r"[a-z0-9._%+-]{1,20}@[a-z0-9.-]{1,20}\.[a-z]{2,6}", fullmatch=True),
)
NUMBERISH = st.one_of(TEXT, st.integers(-(10**12), 10**12).map(str), st.just("1e309"))
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


def form_data(fields, values=TEXT):
    """A POST body: each field present or not, any value; plus stray fields."""
    return st.fixed_dictionaries(
        {},
        optional={name: st.one_of(values, st.lists(values, max_size=3)) for name in fields},
    )


def _no_server_error(response):
    assert response.status_code < 500, response.content[:500]


# The field that only robots fill in; people never see it, nor its errors.
SPAM_TRAP = "homepage"


def _errors_when_invalid(response, key="form"):
    """A form page that did not redirect shows each of its form's errors on the page: the
    field's own beside it, the form's as a whole above it. `key`: the form's name in the
    page's context."""
    if response.status_code != 200 or not response.context:
        return
    form = response.context.get(key)
    if form is None or not form.is_bound:
        return
    page = response.content.decode()
    for field, messages in form.errors.items():
        if field == SPAM_TRAP:
            continue
        for message in messages:
            assert escape(message) in page, f"{field}: {message!r} is not on the page"
        if field != NON_FIELD_ERRORS and not form[field].is_hidden:
            marks = (f'id="{form[field].auto_id}_error"', f'id="{form[field].html_name}-error"')
            assert any(mark in page for mark in marks), f"{field}: no error beside it"


@pytest.fixture
def browser():
    return Client()


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # The public forms limit posts per address; the fuzzer would hit the limit at once.
    cache.clear()


# --- public forms -----


@settings(FUZZ, max_examples=EXAMPLES["public"])
@given(data=form_data([*SuggestionForm.base_fields, "x"]))
def test_public_suggestion_form(browser, group, data):
    cache.clear()
    response = browser.post(reverse("groups:suggest", args=[group.slug]), data)
    _no_server_error(response)
    _errors_when_invalid(response)


@settings(FUZZ, max_examples=EXAMPLES["public"])
@given(data=form_data([*KeepRequestForm.base_fields, "x"]))
def test_public_keep_request_form(browser, group, data):
    cache.clear()
    response = browser.post(reverse("groups:keep", args=[group.slug]), data)
    _no_server_error(response)
    _errors_when_invalid(response)


@settings(FUZZ, max_examples=EXAMPLES["public"])
@given(
    data=form_data(list(NewGroupForm.base_fields), NUMBERISH),
)
def test_public_new_group_form(browser, db, data):
    cache.clear()
    response = browser.post(reverse("groups:new"), data)
    _no_server_error(response)
    _errors_when_invalid(response)


@pytest.fixture
def event(agency):
    return make_event(agency, capacity=3)


@settings(FUZZ, max_examples=EXAMPLES["public"])
@given(data=form_data([*RegistrationForm.base_fields, "csrfmiddlewaretoken"]))
def test_public_event_registration(browser, event, data):
    cache.clear()
    response = browser.post(reverse("events:detail", args=[event.pk]), data)
    _no_server_error(response)
    _errors_when_invalid(response)


@pytest.fixture
def open_survey(agency):
    from surveys.services import survey_from_template, survey_open

    return survey_open(
        survey=survey_from_template(agency=agency, template="clients", by=None), by=None
    )


# The survey's questions are made at run time: each slot stands for the nth question's field.
SURVEY_SLOTS = [f"slot{n}" for n in range(10)]
VALID_KEY = "<a valid form key>"


@settings(FUZZ, max_examples=EXAMPLES["public"])
@given(
    data=form_data(
        [*SURVEY_SLOTS, "nonce", "homepage"],
        st.one_of(NUMBERISH, st.sampled_from(["Yes", "No", "1", "5", VALID_KEY])),
    )
)
def test_public_survey_response(browser, open_survey, data):
    cache.clear()
    browser.cookies.clear()
    names = [f"q{q.pk}" for q in open_survey.questions.all()]
    page = browser.get(open_survey.get_respond_url())
    key = page.context["form"].initial["nonce"]
    posted = {}
    for name, value in data.items():
        if isinstance(value, list):
            value = [key if v == VALID_KEY else v for v in value]
        elif value == VALID_KEY:
            value = key
        if name.startswith("slot"):
            index = int(name[4:])
            if index < len(names):
                posted[names[index]] = value
        else:
            posted[name] = value
    response = browser.post(open_survey.get_respond_url(), posted)
    _no_server_error(response)
    _errors_when_invalid(response)


@settings(FUZZ, max_examples=EXAMPLES["public"])
@given(data=form_data(["email", "csrfmiddlewaretoken"]))
def test_password_reset_form(browser, db, data):
    cache.clear()
    response = browser.post(reverse("password_reset"), data)
    _no_server_error(response)
    _errors_when_invalid(response)


# --- the leader's forms -----


@pytest.fixture
def leader_browser(group):
    browser = Client()
    browser.force_login(make_leader(group))
    return browser


@settings(FUZZ, max_examples=EXAMPLES["leader"])
@given(
    data=form_data(list(GroupListingForm.base_fields), NUMBERISH),
)
def test_leader_listing_form(leader_browser, group, data):
    response = leader_browser.post(reverse("groups:edit", args=[group.slug]), data)
    _no_server_error(response)
    _errors_when_invalid(response)


@settings(FUZZ, max_examples=EXAMPLES["leader"])
@given(data=form_data(list(ContactForm.base_fields), NUMBERISH))
def test_leader_contact_form(leader_browser, group, data):
    response = leader_browser.post(reverse("groups:contact_add", args=[group.slug]), data)
    _no_server_error(response)
    _errors_when_invalid(response)


MEETING_FIELDS = list(MeetingEditForm.base_fields)
MEETING_VALUES = st.one_of(
    NUMBERISH,
    st.sampled_from(
        [
            "weekly",
            "monthly",
            "in_person",
            "online",
            "hybrid",
            "open",
            "closed",
            "active",
            "19:00",
            "7:30 pm",
            "24:00",
            "America/New_York",
            "Mars/Olympus",
            "O",
            "C",
            "D",
            "ZZ",
            "https://zoom.us/j/123",
            "javascript:alert(1)",
            "0",
            "1",
            "6",
            "7",
            "-1",
            "5",
        ]
    ),
)


@settings(FUZZ, max_examples=EXAMPLES["leader"])
@given(data=form_data(MEETING_FIELDS, MEETING_VALUES))
def test_leader_meeting_form(leader_browser, group, data):
    response = leader_browser.post(reverse("groups:meeting_add", args=[group.slug]), data)
    _no_server_error(response)
    _errors_when_invalid(response)


PLACE_POSTED = [f"place-{name}" for name in PlaceForm.base_fields]


@settings(FUZZ, max_examples=EXAMPLES["leader"])
@given(data=form_data(MEETING_FIELDS + PLACE_POSTED, MEETING_VALUES))
def test_leader_meeting_form_with_its_place(leader_browser, group, data):
    data.setdefault("mode", "in_person")
    response = leader_browser.post(reverse("groups:meeting_add", args=[group.slug]), data)
    _no_server_error(response)
    _errors_when_invalid(response)
    _errors_when_invalid(response, "place_form")


@settings(FUZZ, max_examples=EXAMPLES["meeting_form"])
@given(data=form_data(MEETING_FIELDS, MEETING_VALUES))
def test_meeting_form_validates_without_raising(group, data):
    form = MeetingForm(data=_as_querydict(data))
    form.instance.group = group
    if not form.is_valid():
        # Every error belongs to a field of the form, or to the form as a whole.
        assert set(form.errors) <= {*form.fields, NON_FIELD_ERRORS}
        assert all(message.strip() for message in form.errors.get(NON_FIELD_ERRORS, []))


def _as_querydict(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


# --- importers -----

MG_KEYS = [
    "name", "slug", "day", "time", "end_time", "types", "location", "address", "city", "state",
    "postal_code", "country", "latitude", "longitude", "conference_url", "conference_phone",
    "group", "notes", "timezone", "formatted_address", "updated", "email", "website",
]  # fmt: skip
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
MG_MEETING = st.fixed_dictionaries(
    {},
    optional={
        key: st.one_of(JSON_VALUE, MEETING_VALUES, st.integers(-3, 9), st.lists(MEETING_VALUES))
        for key in MG_KEYS
    },
)


def _check_plan(data: bytes, fmt: str):
    try:
        result = importers.plan(data, fmt, "fuzz")
    except importers.ImportFailed:
        return
    for problem in result.problems:
        assert problem.line >= 0 and problem.message


@settings(FUZZ, max_examples=EXAMPLES["import"])
@given(raw=st.binary(max_size=600), fmt=st.sampled_from(["mg-json", "mg-csv", "hsds"]))
def test_importers_take_any_bytes(db, raw, fmt):
    _check_plan(raw, fmt)


@settings(FUZZ, max_examples=EXAMPLES["import"])
@given(meetings=st.lists(MG_MEETING, max_size=5))
def test_meeting_guide_json_with_any_values(db, meetings):
    _check_plan(json.dumps(meetings).encode(), "mg-json")


CSV_ROW = st.fixed_dictionaries(
    {"Name": MEETING_VALUES, "Day": MEETING_VALUES, "Time": MEETING_VALUES},
    optional={
        "Types": MEETING_VALUES,
        "Address": TEXT,
        "Latitude": NUMBERISH,
        "Conference URL": MEETING_VALUES,
        "Slug": TEXT,
        "Group": TEXT,
    },
)


@settings(FUZZ, max_examples=EXAMPLES["import"])
@given(rows=st.lists(CSV_ROW, max_size=5))
def test_meeting_guide_csv_with_any_values(db, rows):
    out = io.StringIO()
    columns = [
        "Name",
        "Day",
        "Time",
        "Types",
        "Address",
        "Latitude",
        "Conference URL",
        "Slug",
        "Group",
    ]
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: value.replace("\x00", "") for key, value in row.items()})
    _check_plan(out.getvalue().encode(), "mg-csv")


@settings(FUZZ, max_examples=EXAMPLES["import"])
@given(services=st.lists(st.dictionaries(TEXT | st.sampled_from(
    ["id", "name", "description", "schedules", "service_at_locations", "organization", "url",
     "email", "languages", "status"]), JSON_VALUE, max_size=6), max_size=4))  # fmt: skip
def test_hsds_with_any_values(db, services):
    _check_plan(json.dumps(services).encode(), "hsds")


@settings(FUZZ, max_examples=EXAMPLES["import"])
@given(
    depth=st.integers(1, 5000),
    opener=st.sampled_from(["[", '{"a":', '[{"name":', '{"contents":[']),
    fmt=st.sampled_from(["mg-json", "hsds"]),
)
def test_importers_take_json_nested_any_depth(db, depth, opener, fmt):
    closer = {"[": "]", '{"a":': "}", '[{"name":': "}]", '{"contents":[': "]}"}[opener]
    _check_plan(("[" + opener * depth + "1" + closer * depth + "]").encode(), fmt)


# --- query parameters: dates at the ends of the calendar, searches of any length -----

# Dates anywhere in Python's calendar, the first and last days more often than chance would.
DAYS = st.one_of(
    st.dates(),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30)]),
)
DATE_TEXT = st.one_of(DAYS.map(dt.date.isoformat), TEXT)
OFFSETS = st.sampled_from(
    [None, dt.UTC, dt.timezone(dt.timedelta(hours=14)), dt.timezone(-dt.timedelta(hours=14))]
)
MOMENT_TEXT = st.one_of(st.datetimes(timezones=OFFSETS).map(dt.datetime.isoformat), DATE_TEXT)
SEARCH_TEXT = st.one_of(
    TEXT,
    st.lists(
        st.one_of(st.text(min_size=1, max_size=30), st.sampled_from(["grief", "-", "or", '"'])),
        max_size=1500,
    ).map(" ".join),
    st.integers(1, 200_000).map(lambda n: "a" * n),
    st.integers(1, 1500).map(lambda n: " ".join(f"grief{i}" for i in range(n))),
    st.sampled_from([" ".join(["women grief"] * 500), "a" * 100_000]),
)


@pytest.fixture
def listed_group(db):
    group = make_group(name="Riverside Grief Circle", focus=["bereavement"])
    make_meeting(group)
    return group


NEAR_PARAMS = ("near", "within", "lat", "lon", "when", "type", "wheelchair", "locus", "page")


@settings(FUZZ, max_examples=EXAMPLES["query"])
@given(params=st.fixed_dictionaries({}, optional=dict.fromkeys(NEAR_PARAMS, NUMBERISH)))
def test_the_directory_and_its_list_to_print_near_any_place(browser, listed_group, params):
    for url in (reverse("groups:directory"), reverse("groups:print")):
        response = browser.get(url, params)
        _no_server_error(response)


@settings(FUZZ, max_examples=EXAMPLES["query"])
@given(q=SEARCH_TEXT, modified_after=MOMENT_TEXT)
def test_directory_and_hsds_searches_of_any_length(browser, listed_group, q, modified_after):
    _no_server_error(browser.get(reverse("groups:directory"), {"q": q}))
    response = browser.get(
        reverse("hsds:services"), {"search": q, "modified_after": modified_after}
    )
    _no_server_error(response)
    assert response["Content-Type"].startswith("application/json")


@pytest.fixture
def staff_browser(agency):
    def sign_in(role):
        browser = Client()
        browser.force_login(make_staff(agency, role))
        return browser

    return sign_in


@settings(FUZZ, max_examples=EXAMPLES["query"])
@given(start=DATE_TEXT, end=DATE_TEXT, month=st.one_of(TEXT, DAYS.map(lambda d: f"{d:%Y-%m}")))
def test_dashboard_calendar_and_audit_dates_anywhere(staff_browser, start, end, month):
    executive = staff_browser(StaffMembership.Role.EXECUTIVE)
    admin = staff_browser(StaffMembership.Role.AGENCY_ADMIN)
    for url in (
        reverse("pages:dashboard"),
        reverse("pages:dashboard_csv"),
        reverse("pages:dashboard_summary"),
        reverse("pages:dashboard_referrals"),
        reverse("pages:dashboard_referrals_csv"),
        reverse("pages:dashboard_follow_ups"),
        reverse("pages:dashboard_follow_ups_csv"),
        reverse("pages:dashboard_stories"),
        reverse("pages:dashboard_stories_csv"),
    ):
        _no_server_error(executive.get(url, {"from": start, "to": end}))
    # The office's lists the dashboard's figures link to, for a period.
    liaison = staff_browser(StaffMembership.Role.LIAISON)
    for browser, url in (
        (executive, reverse("exchanges:visits")),
        (executive, reverse("exchanges:training")),
        (executive, reverse("exchanges:support")),
        (executive, reverse("events:office_events")),
        (liaison, reverse("referrals:list")),
        (liaison, reverse("referrals:stories")),
    ):
        _no_server_error(browser.get(url, {"from": start, "to": end}))
    for url in (reverse("audit:list"), reverse("audit:export")):
        response = admin.get(url, {"since": start, "until": end})
        _no_server_error(response)
        if response.streaming:
            b"".join(response.streaming_content)
    _no_server_error(Client().get(reverse("events:calendar"), {"month": month}))
