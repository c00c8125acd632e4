"""`manage.py backup` and `restore`: a backup restored into a fresh database holds the same data."""

import sqlite3
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from audit.models import AuditEvent
from groups.models import SelfHelpGroup
from liaison.models import User
from referrals.models import Client, ClientIdentity
from tests.factory import make_client

TABLES = {
    "liaison_user": User,
    "groups_selfhelpgroup": SelfHelpGroup,
    "referrals_client": Client,
    "referrals_clientidentity": ClientIdentity,
    "audit_auditevent": AuditEvent,
}


@pytest.fixture
def data(transactional_db, agency, unit, group, practitioner):
    for n in range(3):
        make_client(agency, unit, record_number=f"B-{n}", first_name=f"Restored{n}")
    AuditEvent.objects.create(action="login", actor="backup@example.org")
    return {table: model.objects.count() for table, model in TABLES.items()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's file copy")
def test_sqlite_backup_restores_into_a_fresh_database(data, tmp_path):
    target = tmp_path / "nightly.sqlite3"
    call_command("backup", str(target))
    fresh = tmp_path / "fresh.sqlite3"
    call_command("restore", str(target), "--database-url", f"sqlite:///{fresh}", "--yes")
    with sqlite3.connect(fresh) as db:
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        names = {row[0] for row in db.execute("SELECT first_name FROM referrals_clientidentity")}
    assert counts == data
    assert {"Restored0", "Restored1", "Restored2"} <= names


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore")
def test_postgresql_backup_restores_into_a_fresh_database(data, tmp_path):
    import psycopg

    settings_dict = connection.settings_dict
    target = tmp_path / "nightly.dump"
    call_command("backup", str(target))
    assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    name = f"liaison_restore_{uuid.uuid4().hex[:8]}"
    server = {
        "host": settings_dict["HOST"] or None,
        "port": settings_dict["PORT"] or None,
        "user": settings_dict["USER"] or None,
        "password": settings_dict["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = settings_dict["USER"] or ""
        if settings_dict["PASSWORD"]:
            auth += f":{settings_dict['PASSWORD']}"
        host = settings_dict["HOST"] or "localhost"
        port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
        url = f"postgres://{auth}@{host}{port}/{name}"
        call_command("restore", str(target), "--database-url", url, "--yes")
        with psycopg.connect(dbname=name, **server) as db:
            counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
            trigger = db.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_auditevent_append_only'"
            ).fetchone()[0]
        assert counts == data
        assert trigger == 1  # the restored trail is append-only too
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_missing_backup_file_is_a_clear_error(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "none"), "--database-url", "sqlite:///x.db", "--yes")
