"""Connection pooling in production: psycopg's pool per app process (DATABASE_POOL_SIZE), and the
setting for PgBouncer in transaction mode (DATABASE_PGBOUNCER)."""

import concurrent.futures
import json

import pytest
from django.db import connection

from tests.deploy.servers import Browser, Server, manage, production_env

POSTGRES = "postgres://postgres@127.0.0.1:5432/liaison_settings_probe"


def database_settings(**env):
    shown = manage(
        production_env(DATABASE_URL=POSTGRES, **env),
        "shell",
        "-c",
        "import json; from django.conf import settings as s; "
        "d = s.DATABASES['default']; print(json.dumps({'max_age': d['CONN_MAX_AGE'], "
        "'options': d.get('OPTIONS', {}), 'cursors': d.get('DISABLE_SERVER_SIDE_CURSORS')}))",
    )
    return json.loads(shown.strip().splitlines()[-1])


def test_a_pool_replaces_kept_connections_when_it_is_asked_for():
    assert database_settings()["options"].get("pool") is None
    assert database_settings()["max_age"] == 60
    pooled = database_settings(DATABASE_POOL_SIZE="4")
    assert pooled["options"]["pool"]["max_size"] == 4
    assert pooled["max_age"] == 0  # Django refuses a pool with persistent connections
    assert database_settings(DATABASE_PGBOUNCER="true")["cursors"] is True


@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_from_a_pool_of_connections(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the pool is psycopg's: PostgreSQL only")
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = production_env(DATABASE_URL=url, DATABASE_POOL_SIZE="2", STATIC_ROOT=tmp_path / "s")
    manage(env, "collectstatic", "--noinput", "-v0")
    app = Server(env, tmp_path, "gunicorn", workers=2, threads=4)
    try:
        with concurrent.futures.ThreadPoolExecutor(8) as threads:
            answers = list(threads.map(lambda _: Browser().get(app, "/healthz")[0], range(40)))
        assert answers == [200] * 40, app.logs()[-3000:]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                "pg_backend_pid()",
                [settings["NAME"]],
            )
            # Eight threads asked at once: without a pool each would hold a connection of its
            # own; with pools of two in each of the two processes, far fewer are open.
            assert cursor.fetchone()[0] < 8
    finally:
        app.stop()
