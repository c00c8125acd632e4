"""A world built once per module, and sessions signed in once.

The permission matrix asks a thousand and more questions of one world. Building that world (two
agencies, their staff, groups, referrals, events, surveys) for every question was most of the
suite's time. `built_once` builds it inside a transaction opened for the module; pytest-django's
`db` fixture then runs each test in a savepoint within it, so what a test writes is undone after
the test, and the whole world is rolled back when the module ends.

Sessions are made once per role too: `signed_in_keys` signs each user in and keeps the session
key; `client_with` gives a test a fresh client carrying that key, so a test that ends or rotates
its session (sign-out, a new key after a second factor) leaves the next test's session as it was.
"""

from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.conftest import CommittingClient

# The production hasher is slow on purpose; a world signs in many users.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def built_once(django_db_blocker, build):
    """For a module-scoped fixture: `yield from built_once(django_db_blocker, make_world)`."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                world = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def signed_in_keys(users):
    """{name: session key} for each user of {name: user} (None stays anonymous)."""
    keys = {}
    for name, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            keys[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


def client_with(keys, name):
    """A fresh client signed in as `name` (anonymous when `keys` has no such name)."""
    client = CommittingClient()
    if name in keys:
        client.cookies[settings.SESSION_COOKIE_NAME] = keys[name]
    return client
