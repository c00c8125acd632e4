"""One fixture per role, plus a second agency and a second group whose objects must stay out of
reach."""

import pytest
from django.conf import settings as django_settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.utils import translation

from tests import cast


@pytest.fixture(autouse=True)
def _default_language():
    """A request in Spanish leaves Spanish active in the thread: start every test in English."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and one-time form keys live in the cache: each test starts with none. The
    installation's profile is there, as in a running site (read once, kept until it changes),
    so that a page's query count does not depend on being the first."""
    from django.core.cache import cache

    from liaison import installation

    cache.clear()
    installation.keep_defaults()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; the tests sign in hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _page_cache_off(request, settings):
    """Public pages are served from the cache in a deployment; tests about something else read
    each page as it is made (and its context). Tests marked `page_cache` keep it on."""
    if request.node.get_closest_marker("page_cache") is None:
        settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    # Usage counts reach the database at once, so that a test reads them after each page.
    settings.DIRECTORY_USAGE_FLUSH_SECONDS = 0
    # The dashboard is counted on every view, so that a test sees the records it has just
    # made; tests marked `dashboard_kept` keep its figures between views, as a deployment does.
    if request.node.get_closest_marker("dashboard_kept") is None:
        settings.DASHBOARD_KEEP_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_map_tiles(settings):
    # The map draws its markers without a tile server: tests fetch nothing from the network.
    settings.MAP_TILE_URL = ""


@pytest.fixture(autouse=True)
def _second_factor_off(request, settings):
    """Two-factor sign-in is on in every deployment. Most tests sign in with `force_login` and
    test something else, so it is off for them; tests marked `mfa` keep it on."""
    if request.node.get_closest_marker("mfa") is None:
        settings.MFA_REQUIRED = False


class CommittingClient(Client):
    """A test client whose requests end as they do in production. The app does not wrap a
    request in one transaction, so what a view hands to `on_commit` (a task, a mail) runs as its
    writes commit; inside a test's own transaction nothing commits, so the callbacks a request
    registered run when it returns — once, and not again at the test's end."""

    def request(self, **request):
        connection = connections[DEFAULT_DB_ALIAS]
        start = len(connection.run_on_commit)
        response = super().request(**request)
        while len(connection.run_on_commit) > start:
            pending = connection.run_on_commit[start:]
            del connection.run_on_commit[start:]
            for _savepoints, callback, _robust in pending:
                callback()
        return response


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def agency(db):
    return cast.agency()


@pytest.fixture
def other_agency(db):
    return cast.other_agency()


@pytest.fixture
def unit(agency):
    return cast.unit(agency)


@pytest.fixture
def other_unit(other_agency):
    return cast.other_unit(other_agency)


@pytest.fixture
def practitioner(agency, unit):
    return cast.practitioner(agency, unit)


@pytest.fixture
def liaison(agency, unit):
    return cast.liaison(agency, unit)


@pytest.fixture
def executive(agency):
    return cast.executive(agency)


@pytest.fixture
def agency_admin(agency):
    return cast.agency_admin(agency)


@pytest.fixture
def outsider(other_agency, other_unit):
    """An agency admin of the other agency: full rights there, none here."""
    return cast.outsider(other_agency, other_unit)


@pytest.fixture
def other_staff(other_agency, other_unit):
    return cast.other_staff(other_agency, other_unit)


@pytest.fixture
def group(db):
    return cast.group()


@pytest.fixture
def other_group(db):
    return cast.other_group()


@pytest.fixture
def leader(group):
    return cast.leader(group)


@pytest.fixture
def superuser(db):
    return cast.superuser()


@pytest.fixture
def client_of(client):
    """`client_of(user)`: the test client signed in as `user` (or anonymous for None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
