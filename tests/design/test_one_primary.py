"""One primary button per page: every page of the permission matrix, as each role that may open
it sees it, has at most one `btn-primary` (the page's main action); the rest are outlined
buttons or links."""

import re

import pytest
from django.urls import reverse

from tests.once import built_once, client_with
from tests.test_permissions import MATRIX, make_world

PRIMARY = re.compile(r'class="[^"]*\bbtn-primary\b')
PAGES = [
    (name, kwargs, [role for role, status in expected.items() if status == 200])
    for name, kwargs, expected, method in MATRIX
    if method == "get"
]
PAGES = [page for page in PAGES if page[2]]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, make_world)


def primary_buttons(html: str) -> int:
    return len(PRIMARY.findall(html))


def test_it_counts_primary_buttons_by_their_class():
    assert primary_buttons('<a class="btn btn-primary btn-sm">A</a><p>btn-primary</p>') == 1
    assert primary_buttons('<button class="btn btn-outline-primary">B</button>') == 0


@pytest.mark.parametrize(
    ("name", "kwargs", "roles"), PAGES, ids=[f"{n}-{i}" for i, (n, _k, _r) in enumerate(PAGES)]
)
def test_each_page_has_at_most_one_primary_button(db, world, name, kwargs, roles):
    url = reverse(name, kwargs=kwargs(world) if kwargs else None)
    over, opened = [], 0
    for role in roles:
        response = client_with(world.sessions, role).get(url)
        opened += response.status_code == 200
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        count = primary_buttons(response.content.decode())
        if count > 1:
            over.append(f"{role}: {count}")
    assert opened, f"{url} opened for none of {roles}"
    assert not over, f"{url} has more than one primary button for {over}"


def test_the_pages_people_see_most_are_among_those_counted():
    names = {name for name, _kwargs, _roles in PAGES}
    for name in ("pages:home", "groups:directory", "groups:detail", "pages:office"):
        assert name in names, name
    for name in ("portal:home", "pages:dashboard", "groups:manage", "pages:style_guide"):
        assert name in names, name
