import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups import schedule
from groups.directory.filters import GroupFilter
from groups.directory.search import refresh_search_for
from groups.models import DirectoryUsage, Meeting, Organization, SelfHelpGroup
from tests.factory import make_group, make_meeting

URL = reverse("groups:directory")


def names(response):
    return [group.name for group in response.context["page"].object_list]


@pytest.fixture
def directory(db):
    aa = Organization.objects.get(slug="aa")
    women_aa = make_group(
        name="Riverside Women's AA",
        organization=aa,
        focus=["alcohol"],
        audience=["women"],
        description="A warm, steady group of women in recovery from alcohol.",
    )
    make_meeting(women_aa, days=[2], mode="online", start_time=dt.time(19))
    make_meeting(women_aa, days=[6], start_time=dt.time(10), end_time=dt.time(11))
    familias = make_group(
        name="Familias Unidas",
        focus=["family"],
        audience=["families"],
        description="Grupo de apoyo para familias. Support for families of people who drink.",
    )
    make_meeting(familias, days=[3], languages=["es"], access="closed", start_time=dt.time(18))
    grief = make_group(
        name="Healing After Loss",
        focus=["bereavement"],
        description="For anyone grieving the death of someone close.",
    )
    make_meeting(
        grief,
        days=[1],
        recurrence="monthly",
        month_week=1,
        mode="hybrid",
        start_time=dt.time(19),
    )
    smart = make_group(
        name="SMART Recovery Millbrook",
        organization=Organization.objects.get(slug="smart-recovery"),
        focus=["drugs", "alcohol"],
        description="Tools for change: motivation, urges, problem solving.",
        verified_at=timezone.now() - dt.timedelta(days=400),
    )
    make_meeting(smart, days=[4], start_time=dt.time(12), end_time=dt.time(13))
    gone = make_group(name="Old Women's Circle", status="inactive", audience=["women"])
    make_meeting(gone, days=[2], mode="online")
    return SimpleNamespace(women_aa=women_aa, familias=familias, grief=grief, smart=smart)


def test_it_lists_active_groups_by_name_with_next_meeting_and_freshness(client, directory):
    response = client.get(URL)
    assert names(response) == [
        "Familias Unidas",
        "Healing After Loss",
        "Riverside Women's AA",
        "SMART Recovery Millbrook",
    ]
    body = response.content.decode()
    assert "Open to anyone" in body and "Closed meeting" in body
    assert "Checked" in body
    assert "over a year ago" in body  # SMART is stale


def test_each_card_leads_with_the_next_meeting_before_the_description(client, directory):
    body = client.get(URL, {"q": "women"}).content.decode()
    card = body[body.index("Riverside Women&#x27;s AA</a>") :]
    assert card.index("Next meeting:") < card.index("A warm, steady group of women")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "women"}, ["Riverside Women's AA"]),
        ({"q": "grieving"}, ["Healing After Loss"]),
        ({"q": "families"}, ["Familias Unidas"]),
        ({"q": "women's meetings near me"}, ["Riverside Women's AA"]),
        ({"focus": "bereavement"}, ["Healing After Loss"]),
        ({"focus": "alcohol"}, ["Riverside Women's AA", "SMART Recovery Millbrook"]),
        ({"audience": "women"}, ["Riverside Women's AA"]),
        ({"organization": "smart-recovery"}, ["SMART Recovery Millbrook"]),
        ({"day": "wednesday"}, ["Familias Unidas"]),
        ({"day": "saturday"}, ["Riverside Women's AA"]),
        ({"time": "afternoon"}, ["SMART Recovery Millbrook"]),
        ({"time": "morning"}, ["Riverside Women's AA"]),
        ({"mode": "online"}, ["Healing After Loss", "Riverside Women's AA"]),
        ({"mode": "hybrid"}, ["Healing After Loss"]),
        (
            {"mode": "in_person"},
            [
                "Familias Unidas",
                "Healing After Loss",
                "Riverside Women's AA",
                "SMART Recovery Millbrook",
            ],
        ),
        ({"open": "closed"}, ["Familias Unidas"]),
        ({"language": "es"}, ["Familias Unidas"]),
        ({"fresh": "stale"}, ["SMART Recovery Millbrook"]),
        (
            {"fresh": "fresh"},
            ["Familias Unidas", "Healing After Loss", "Riverside Women's AA"],
        ),
        # A women's AA meeting online on Tuesday evening: one search with filters.
        (
            {
                "q": "women",
                "organization": "aa",
                "mode": "online",
                "day": "tuesday",
                "time": "evening",
            },
            ["Riverside Women's AA"],
        ),
        # A Spanish-speaking family group.
        ({"focus": "family", "language": "es"}, ["Familias Unidas"]),
        # Meeting filters apply to one meeting: the group's Tuesday meeting is online only.
        ({"day": "tuesday", "mode": "in_person"}, []),
    ],
)
def test_each_filter_narrows_the_directory(client, directory, query, expected):
    assert sorted(names(client.get(URL, query))) == sorted(expected)


def test_meets_this_week_leaves_out_a_monthly_meeting_outside_the_next_seven_days(
    client, directory, monkeypatch
):
    # Thursday 2026-12-10: the first Monday of the month is past and the next is January 4.
    frozen = dt.datetime(2026, 12, 10, 12, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    found = names(client.get(URL, {"this_week": "true"}))
    assert "Healing After Loss" not in found
    assert "Riverside Women's AA" in found
    # Thursday 2026-12-31: the first Monday (January 4) is within seven days.
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 31, 12, tzinfo=dt.UTC))
    assert "Healing After Loss" in names(client.get(URL, {"this_week": "true"}))


def test_a_name_match_ranks_above_a_description_match(client, db):
    make_group(name="Grief Share Circle", description="Weekly circle.")
    make_group(name="Hope Circle", description="For grief after any loss, grief and hope.")
    assert names(client.get(URL, {"q": "grief"})) == ["Grief Share Circle", "Hope Circle"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text ranking is PostgreSQL's")
def test_postgresql_ranks_a_name_match_first_and_finds_names_with_typos(client, db):
    make_group(
        name="Hope Circle",
        description="Grief grief grief: a group about grief, grieving and grief after loss.",
    )
    make_group(name="Grief Recovery Group", description="Weekly meeting.")
    assert names(client.get(URL, {"q": "grief"})) == ["Grief Recovery Group", "Hope Circle"]
    # Stemming: "grieving" finds "grief"-family words; typos in a name are forgiven.
    assert "Grief Recovery Group" in names(client.get(URL, {"q": "Greif Recovery"}))


def test_bad_filter_values_get_an_error_beside_the_field_and_no_500(client, directory):
    response = client.get(URL, {"day": "funday", "language": "xx", "page": "abc", "q": "women"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_day-error"' in body
    assert "Select a valid choice" in body
    assert 'value="women"' in body
    assert names(response) == ["Riverside Women's AA"]


def test_filters_are_in_the_url_and_pagination_keeps_them(client, db):
    for n in range(25):
        make_group(name=f"Alcohol group {n:02d}", focus=["alcohol"])
    response = client.get(URL, {"focus": "alcohol"})
    body = response.content.decode()
    assert response.context["page"].paginator.num_pages == 2
    assert "?focus=alcohol&amp;page=2" in body
    second = client.get(URL, {"focus": "alcohol", "page": 2})
    assert len(names(second)) == 5


def test_it_counts_searches_by_public_and_staff_without_the_query(client_of, directory, liaison):
    client = client_of(None)
    client.get(URL, {"q": "women"})
    client.get(URL, {"q": "women", "page": "2"})  # paging is not a new search
    client_of(liaison).get(URL)
    client_of(None).get(reverse("groups:detail", args=[directory.grief.slug]))
    usage = {(row.kind, row.audience): row.count for row in DirectoryUsage.objects.all()}
    assert usage == {("search", "public"): 1, ("search", "staff"): 1, ("group_view", "public"): 1}
    assert not any(hasattr(row, "query") for row in DirectoryUsage.objects.all())


def _bulk_directory(count):
    """`count` groups with two meetings each, written in bulk."""
    aa = Organization.objects.get(slug="aa")
    start = SelfHelpGroup.objects.count()
    groups = SelfHelpGroup.objects.bulk_create(
        SelfHelpGroup(
            name=f"Bulk group {start + n:04d}",
            slug=f"bulk-{start + n}",
            status="active",
            organization=aa,
            verified_at=timezone.now(),
        )
        for n in range(count)
    )
    meetings = []
    for group in groups:
        meetings.append(
            Meeting(
                group=group,
                slug=f"{group.slug}-1",
                weekdays=schedule.mask_from_days([2]),
                start_time=dt.time(19),
                mode="online",
                conference_url="https://e.org/x",
            )
        )
        meetings.append(
            Meeting(
                group=group,
                slug=f"{group.slug}-2",
                weekdays=schedule.mask_from_days([5]),
                recurrence="monthly",
                month_week=-1,
                start_time=dt.time(9),
                mode="online",
                conference_phone="555-0100",
            )
        )
    Meeting.objects.bulk_create(meetings)
    for group in groups[:3]:
        group.focus_areas.add(1)
    refresh_search_for(SelfHelpGroup.objects.filter(pk__in=[g.pk for g in groups]))


def _queries(client, url, params=None):
    client.get(url, params or {})  # today's usage row exists from now on
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx)


# One more than before: the choices of the listing-language filter; one more for the map's places.
DIRECTORY_CEILING = 17
# One more than before for the languages the listing is written in (one prefetch).
GROUP_PAGE_CEILING = 20


@pytest.mark.parametrize(
    "params", [{}, {"q": "bulk"}, {"mode": "online", "day": "tuesday", "this_week": "true"}]
)
def test_the_directory_has_a_fixed_query_ceiling_with_10_and_500_groups(client_of, liaison, params):
    client = client_of(liaison)
    _bulk_directory(10)
    few = _queries(client, URL, params)
    _bulk_directory(490)
    many = _queries(client, URL, params)
    assert few == many <= DIRECTORY_CEILING


def test_the_group_page_has_a_fixed_query_ceiling_with_10_and_500_groups(client_of, liaison):
    client = client_of(liaison)
    _bulk_directory(10)
    url = reverse("groups:detail", args=["bulk-3"])
    few = _queries(client, url)
    _bulk_directory(490)
    many = _queries(client, url)
    assert few == many <= GROUP_PAGE_CEILING


def test_the_quick_select_boxes_are_the_ones_django_draws(db, directory):
    from django.http import QueryDict
    from django.test.html import parse_html

    from groups.models import SelfHelpGroup
    from groups.templatetags.directory import quick_select

    for query in ("", "focus=alcohol&day=tuesday&mode=online&language=es", "day=nonsense"):
        group_filter = GroupFilter(QueryDict(query), queryset=SelfHelpGroup.objects.all())
        group_filter.form.is_valid()
        group_filter.mark_errors()
        for field in group_filter.form:
            assert parse_html(quick_select(field)) == parse_html(str(field)), (query, field.name)
