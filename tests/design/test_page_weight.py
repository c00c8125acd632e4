"""Page weight: the directory and a group page stay within a budget, so that a change that
adds weight to the pages people open on a phone is seen (and the budget raised on purpose).
Measured on 2026-12-02 with this fixture: a group page 11.2 KB of HTML, a directory page of
20 groups 49.6 KB; the budgets leave about 10 %."""

import datetime as dt
import gzip

from groups.models import Language, Organization
from tests.factory import make_group, make_location, make_meeting

GROUP_PAGE_BUDGET = 12_400
DIRECTORY_BUDGET = 54_600


def _group(n):
    group = make_group(
        name=f"Riverside Group {n}",
        organization=Organization.objects.get(slug="aa"),
        focus=["alcohol"],
        audience=["women"],
        description="A warm, steady group of women in recovery from alcohol. " * 3,
        who_attends="Women of all ages.",
        typical_format="A reading, a speaker, then sharing around the room.",
        public_phone="555 0100",
        public_email=f"group{n}@example.org",
    )
    group.listing_languages.set(Language.objects.filter(code="en"))
    hall = make_location(name="St. Mark's Hall", latitude="40.712800", longitude="-74.006000")
    make_meeting(group, days=[2], start_time=dt.time(19), type_codes=["12x12", "W"], location=hall)
    make_meeting(group, days=[4], mode="online", start_time=dt.time(18, 30))
    return group


def test_a_group_page_and_the_directory_stay_within_their_budget(client, db):
    groups = [_group(n) for n in range(20)]
    page = client.get(groups[0].get_absolute_url()).content
    directory = client.get("/groups/").content
    print(f"group page {len(page)} B ({len(gzip.compress(page))} gzipped)")
    print(f"directory {len(directory)} B ({len(gzip.compress(directory))} gzipped)")
    assert len(page) <= GROUP_PAGE_BUDGET
    assert len(directory) <= DIRECTORY_BUDGET
