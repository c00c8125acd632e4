"""Backups: pg_dump's custom format on PostgreSQL, SQLite's online backup of the file."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone


class BackupError(Exception):
    pass


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _run(command: list[str], env: dict) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[:2000]}")


def backup(target: Path, alias: str = "default") -> Path:
    """Write a backup of the database to `target`."""
    connection = connections[alias]
    db = connection.settings_dict
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(target),
                *_pg_args(db),
                db["NAME"],
            ],
            _pg_env(db),
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        raise BackupError(f"No backup method for {connection.vendor}.")
    return target


def restore(source: Path, db: dict) -> None:
    """Load a backup into the database described by `db` (a Django database settings dict)."""
    if not source.exists():
        raise BackupError(f"No backup at {source}.")
    engine = db["ENGINE"]
    if engine.endswith("postgresql"):
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                db["NAME"],
                *_pg_args(db),
                str(source),
            ],
            _pg_env(db),
        )
    elif engine.endswith("sqlite3"):
        name = str(db["NAME"])
        with sqlite3.connect(source) as backup_file, sqlite3.connect(name) as live:
            backup_file.backup(live)
        backup_file.close()
        live.close()
    else:
        raise BackupError(f"No restore method for {engine}.")


def default_target(vendor: str) -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    suffix = "dump" if vendor == "postgresql" else "sqlite3"
    return Path(settings.BACKUP_DIR) / f"liaison-{stamp}.{suffix}"
