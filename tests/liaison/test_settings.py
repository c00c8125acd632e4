"""Settings come from the environment, and bad values stop the start with a clear reason."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from liaison.env import env_bool, env_int, env_list, env_timezone

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_accepts_yes_and_no_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


@pytest.mark.parametrize(
    ("helper", "value"),
    [(env_bool, "maybe"), (env_int, "twelve"), (env_timezone, "Mars/Olympus")],
)
def test_env_helpers_fail_loudly_on_bad_values(monkeypatch, helper, value):
    monkeypatch.setenv("SETTING", value)
    with pytest.raises(ImproperlyConfigured, match="SETTING"):
        helper("SETTING", "UTC" if helper is env_timezone else 0)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import liaison.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_settings(DEBUG="false", ALLOWED_HOSTS="liaison.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_settings(DEBUG="false", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_a_bad_debug_value_stops_the_start():
    result = _import_settings(DEBUG="sometimes")
    assert "DEBUG='sometimes' is not a yes/no value" in result.stderr


def test_the_default_database_is_a_sqlite_file_in_the_project_folder():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import liaison.settings as s; print(s.DATABASES['default']['NAME'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == str(ROOT / "db.sqlite3")


def test_production_settings_pass_the_deploy_check():
    env = dict(
        {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        DEBUG="false",
        SECRET_KEY="k" * 20 + "-unguessable-" + "q" * 40,
        ALLOWED_HOSTS="liaison.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
