"""/healthz for load balancers: database, cache and migrations; no session, no write."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison import health


def test_it_answers_ok_without_a_session_or_a_write(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # a balancer asks by address
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "migrations": "ok",
    }
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_it_says_what_fails_with_a_503(client, db, monkeypatch):
    def down():
        raise ConnectionError("refused")

    monkeypatch.setitem(health.CHECKS, "cache", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "failing" and body["cache"] == "failing: ConnectionError"
    assert body["database"] == "ok"


def test_unapplied_migrations_fail_it(client, db, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("app", "0099")]
    )
    body = json.loads(client.get("/healthz").content)
    assert body["migrations"] == "failing: RuntimeError"


def test_it_takes_no_post(client, db):
    assert client.post("/healthz").status_code == 405
