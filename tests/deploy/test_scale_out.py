"""Scale-out on this machine: two app servers with production settings on two ports, sharing one
PostgreSQL and one Redis, and one worker. A person signs in on one and goes on on the other; a
public form's rate limit counts across both; a task queued through one is run by the worker;
stopping one while forms are being sent loses none that was accepted."""

import re
import threading
import time

import pytest
from django.conf import global_settings
from django.db import connection

from events.models import Registration
from liaison.models import StaffMembership
from tests.deploy.servers import Browser, Server, Worker, health, manage, production_env
from tests.factory import PASSWORD, make_agency, make_event, make_staff

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the scale-out smoke test shares one PostgreSQL between processes (CI's "
        "PostgreSQL run)",
    ),
]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def cluster(tmp_path, redis_server, settings):
    # The servers check passwords with the production hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    mails = tmp_path / "mail"
    env = production_env(
        DATABASE_URL=database_url(),
        REDIS_URL=redis_server,
        TASK_QUEUE="database",
        TRUSTED_PROXY_COUNT=1,
        MFA_REQUIRED="false",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=mails,
        SITE_URL="https://liaison.test",
        STATIC_ROOT=tmp_path / "static",
    )
    manage(env, "collectstatic", "--noinput", "-v0")
    first = Server(env, tmp_path, "first")
    second = Server(env, tmp_path, "second")
    worker = Worker(env, tmp_path)
    try:
        yield first, second, worker, mails
    finally:
        for process in (first, second):
            process.stop()
        worker.stop()


def sign_in(browser, server, email):
    browser.get(server, "/accounts/login/")
    status, _headers, page = browser.post(
        server, "/accounts/login/", {"username": email, "password": PASSWORD}
    )
    assert status == 302, (browser.cookies, page[:3000])


def mail_count(folder):
    return (
        sum(text.count("\nSubject: ") for text in (p.read_text() for p in folder.glob("*.log")))
        if folder.exists()
        else 0
    )


def test_two_app_servers_one_database_one_cache_one_worker(cluster):
    first, second, worker, mails = cluster
    agency = make_agency(name="Riverside Community Mental Health")
    make_staff(agency, StaffMembership.Role.LIAISON, email="luis@example.org", full_name="Luis")
    event = make_event(agency, capacity=50, title="Film night")
    assert health(first)["status"] == health(second)["status"] == "ok"

    # Signed in on one, still signed in on the other.
    browser = Browser()
    sign_in(browser, first, "luis@example.org")
    status, _headers, page = browser.get(second, "/office/")
    assert status == 200 and "Luis" in page

    # A rate limit counts the requests of both servers: 5 registrations an hour per address.
    public = Browser()
    public.get(first, event.get_absolute_url())
    answers = []
    for n in range(6):
        server = (first, second)[n % 2]
        status, _headers, _page = public.post(
            server,
            event.get_absolute_url(),
            {"name": f"P{n}", "email": f"p{n}@example.org"},
            address="198.51.100.7",
        )
        answers.append(status)
    assert answers == [200] * 5 + [429]

    # The confirmation mails were queued through both servers and sent by the worker.
    deadline = time.monotonic() + 20
    while mail_count(mails) < 5 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert mail_count(mails) == 5, worker.log.read_text()[-2000:]


def test_stopping_one_server_loses_no_form_it_accepted(cluster):
    first, second, _worker, _mails = cluster
    agency = make_agency()
    event = make_event(agency, capacity=200)
    url = event.get_absolute_url()
    Browser().get(first, url)
    accepted, refused = [], []

    def send(n):
        browser = Browser()
        try:
            browser.get(first, url, address=f"192.0.2.{n}")
            status, _headers, page = browser.post(
                first,
                url,
                {"name": f"Q{n}", "email": f"q{n}@example.org"},
                address=f"192.0.2.{n}",
            )
        except OSError:
            refused.append(n)  # the server had stopped listening: the person sees an error
            return
        if status == 200 and re.search("Check your email", page):
            accepted.append(n)
        else:
            refused.append(n)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(1, 41)]
    for thread in threads:
        thread.start()
        time.sleep(0.01)
        if thread is threads[15]:
            first.stop(wait=False)  # SIGTERM while forms are on their way
    for thread in threads:
        thread.join()
    first.process.wait(timeout=40)
    assert accepted and refused, "the stop came while forms were being sent"
    stored = set(Registration.objects.filter(event=event).values_list("email", flat=True))
    assert {f"q{n}@example.org" for n in accepted} <= stored
    # The other server goes on serving.
    assert health(second)["status"] == "ok"
