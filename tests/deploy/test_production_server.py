"""The production app server, as an agency runs it: gunicorn with the repository's config and
production settings, static files from whitenoise compressed and cached for good, /healthz."""

import re
import time

import pytest

from tests.deploy.servers import Browser, Server, health, manage, production_env


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    env = production_env(
        DATABASE_URL=f"sqlite:///{folder / 'liaison.sqlite3'}",
        STATIC_ROOT=folder / "static",
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    app = Server(env, folder, "gunicorn", workers=2)
    yield app
    app.stop()


def test_healthz_answers_a_balancer_asking_by_address_over_plain_http(server):
    browser = Browser()
    status, _headers, body = browser.request(
        server, "GET", "/healthz", headers={"Host": "10.0.0.9"}
    )
    assert status == 200, body
    assert health(server)["migrations"] == "ok"


def test_pages_are_served_and_static_files_are_compressed_and_cached_for_good(server):
    browser = Browser()
    status, _headers, page = browser.get(server, "/accounts/login/")
    assert status == 200
    css = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page links the hashed file name of the manifest"
    status, headers, _body = browser.get(
        server, css.group(1), headers={"Accept-Encoding": "gzip, br"}
    )
    assert status == 200
    assert headers["Content-Encoding"] in ("gzip", "br")
    assert "immutable" in headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1)) >= 31536000


def test_the_access_log_carries_the_request_id_and_the_time(server):
    _status, headers, _body = Browser().get(server, "/groups/?near=12584&lat=41.46&lon=-74.05")
    request_id = headers["X-Request-ID"]
    # The path, never the query string: it holds what people search for and where they are.
    line = rf'"GET /groups/" 200 \d+ \d+us rid={request_id}'
    # The access log line is written once the answer has gone out.
    deadline = time.monotonic() + 10
    while not re.search(line, server.logs()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert re.search(line, server.logs())
    assert "12584" not in server.logs() and "41.46" not in server.logs()


def test_it_stops_cleanly_on_sigterm(tmp_path_factory, server):
    server.stop()
    assert server.process.returncode == 0
