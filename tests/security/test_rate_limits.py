"""The one rate limiter: atomic counts in the shared cache, keyed by a hash, and the visitor's
address as seen through the proxies the installation trusts — for the public forms, the lockout
of sign-ins and the audit trail alike."""

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from django.urls import reverse

from audit.models import AuditEvent
from groups.models import NewGroupRequest
from liaison import ratelimit
from liaison.env import env_int
from tests.factory import PASSWORD, make_staff
from tests.groups.test_leaders import new_group_data

ROOT = Path(__file__).resolve().parents[2]


def _slowly(method):
    """A cache call that takes a moment, as a round trip to Redis does: long enough for another
    thread to come in between a read and a write."""

    @functools.wraps(method)
    def slow(*args, **kwargs):
        time.sleep(0.005)
        return method(*args, **kwargs)

    return slow


def _count_allowed(threads=12, limit=5):
    barrier = threading.Barrier(threads)
    allowed = []

    def attempt():
        barrier.wait()
        if not ratelimit.exceeded("test-scope", "203.0.113.9", limit=limit):
            allowed.append(1)

    workers = [threading.Thread(target=attempt) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(allowed)


def test_it_lets_exactly_the_limit_through_when_many_requests_come_at_once(monkeypatch):
    for name in ("get", "set", "add", "incr"):
        monkeypatch.setattr(LocMemCache, name, _slowly(getattr(LocMemCache, name)))
    assert _count_allowed(threads=12, limit=5) == 5


def test_it_counts_per_scope_and_per_identity(db):
    for _ in range(3):
        assert not ratelimit.exceeded("one", "a@example.org", limit=3)
    assert ratelimit.exceeded("one", "A@example.org ", limit=3)
    assert not ratelimit.exceeded("two", "a@example.org", limit=3)
    assert not ratelimit.exceeded("one", "b@example.org", limit=3)


def test_a_counter_starts_again_after_its_window(monkeypatch):
    assert not ratelimit.exceeded("window", "x", limit=1, seconds=60)
    assert ratelimit.exceeded("window", "x", limit=1, seconds=60)
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert not ratelimit.exceeded("window", "x", limit=1, seconds=60)


def test_the_cache_keeps_only_a_keyed_hash_of_the_address():
    import hashlib

    from django.core.cache.backends import locmem

    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    ratelimit.address_exceeded(request, "suggest", limit=5)
    keys = " ".join(key for store in locmem._caches.values() for key in store)
    assert "rate:suggest:" in keys
    assert "203.0.113.9" not in keys
    assert hashlib.sha256(b"203.0.113.9").hexdigest()[:32] not in keys


# --- the visitor's address -----


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_x_forwarded_for_is_ignored_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_address(_request(forwarded="198.51.100.20")) == "10.0.0.1"


def test_x_forwarded_for_is_read_as_many_hops_from_the_right_as_proxies_are_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The visitor wrote the first entry; the one proxy appended the address it was reached from.
    request = _request(forwarded="192.0.2.66, 198.51.100.20")
    assert ratelimit.client_address(request) == "198.51.100.20"
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request(forwarded="192.0.2.66, 198.51.100.20, 10.0.0.9")
    assert ratelimit.client_address(request) == "198.51.100.20"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "198.51.100.20"])
def test_a_header_that_did_not_come_through_the_proxies_falls_back_to_the_connection(
    settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_address(_request(forwarded=forwarded)) == "10.0.0.1"


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_a_bad_trusted_proxy_count_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", value)
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
    result = subprocess.run(
        [sys.executable, "-c", "import liaison.settings"],
        cwd=ROOT,
        env={**os.environ, "TRUSTED_PROXY_COUNT": value},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr


def _new_group_data(n):
    return new_group_data(name=f"Group number {n}")


def test_a_public_form_limits_the_forwarded_address_behind_a_trusted_proxy(client, settings, db):
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("groups:new")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(5):
        response = client.post(
            url, _new_group_data(n), HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy
        )
        assert "Many requests came from here" not in response.content.decode()
    refused = client.post(url, _new_group_data(9), HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert "Many requests came from here" in refused.content.decode()
    # Another visitor behind the same proxy is not held back by the first one.
    other = client.post(url, _new_group_data(10), HTTP_X_FORWARDED_FOR="198.51.100.21", **proxy)
    assert "Many requests came from here" not in other.content.decode()
    assert NewGroupRequest.objects.count() == 6


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_limit(client, settings, db):
    settings.TRUSTED_PROXY_COUNT = 0
    url = reverse("groups:new")
    for n in range(5):
        client.post(url, _new_group_data(n), HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    refused = client.post(url, _new_group_data(9), HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert "Many requests came from here" in refused.content.decode()
    assert NewGroupRequest.objects.count() == 5


# --- the lockout and the audit trail read the same address -----


def _sign_in(client, email, password, forwarded):
    return client.post(
        reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_the_lockout_locks_the_forwarded_address_not_the_proxy(client, agency, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    people = [
        make_staff(agency, "liaison", email=f"person{n}@example.org")
        for n in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    for person in people[:-1]:
        _sign_in(client, person.email, "not the password", "198.51.100.20")
    assert _sign_in(client, people[-1].email, PASSWORD, "198.51.100.20").status_code == 429
    # Everyone else behind the same proxy still signs in.
    assert _sign_in(client, people[-1].email, PASSWORD, "198.51.100.21").status_code == 302
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).first()
    assert failed.ip_address == "198.51.100.20"


# --- Redis, when REDIS_URL is set -----


def test_redis_url_makes_the_cache_shared(monkeypatch):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import liaison.settings as s; print(s.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


@pytest.fixture
def redis_url():
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("no redis-server (apt-get install -y redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_it_counts_atomically_in_redis(redis_url):
    shared = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    with override_settings(CACHES=shared):
        cache.clear()
        assert _count_allowed(threads=12, limit=5) == 5
        cache.clear()
