"""Security headers, read off real responses of the app under its production settings, and the
Content-Security-Policy's promise: no inline script anywhere in the templates."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)
from django.test import Client
from django.conf import settings
browser = Client()
out = {}
for name, path, secure in [
    ("login", "/accounts/login/", True),
    ("plain", "/accounts/login/", False),
    ("static", "/static/js/print.js", True),
]:
    response = browser.get(path, secure=secure)
    out[name] = {"status": response.status_code, "headers": dict(response.headers),
                 "location": response.get("Location", "")}
out["settings"] = {key: getattr(settings, key) for key in [
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_AGE",
    "SESSION_IDLE_SECONDS", "MFA_REQUIRED", "DEBUG"]}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="a-production-like-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="liaison.settings",
        STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
        DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('db') / 'probe.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_only_with_hsts(production):
    headers = production["login"]["headers"]
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    assert "includeSubDomains" in hsts
    assert production["plain"]["status"] == 301
    assert production["plain"]["location"].startswith("https://")


def test_frames_sniffing_and_referrer(production):
    for name in ("login", "static"):
        headers = production[name]["headers"]
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["Referrer-Policy"] == "same-origin", name
    assert production["login"]["headers"]["X-Frame-Options"] == "DENY"
    assert production["login"]["headers"]["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_security_policy_allows_no_inline_script(production):
    policy = production["login"]["headers"]["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy


def test_cookies_are_secure_and_sessions_short(production):
    values = production["settings"]
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_IDLE_SECONDS"] == 1800
    assert values["SESSION_COOKIE_AGE"] <= 12 * 3600
    assert values["MFA_REQUIRED"] is True


def test_every_response_carries_a_request_id(client, db):
    response = client.get("/")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert client.get("/", HTTP_X_REQUEST_ID="proxy-abc-12345")["X-Request-ID"] == (
        "proxy-abc-12345"
    )
    assert client.get("/", HTTP_X_REQUEST_ID="<bad id>")["X-Request-ID"] != "<bad id>"


def test_the_policy_is_on_ordinary_pages_too(client, db):
    assert "script-src 'self'" in client.get("/groups/")["Content-Security-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=\s*[\"']", re.I)
JS_URL = re.compile(r"href\s*=\s*[\"']\s*javascript:", re.I)


def test_no_template_has_inline_script_handlers_or_styles():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE, JS_URL):
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0).strip()}")
    assert not offenders, "\n".join(offenders)
