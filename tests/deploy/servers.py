"""Real processes for the deployment tests: Redis, gunicorn app servers, a worker, and a small
HTTP client that keeps cookies whatever their Secure flag (the servers sit behind no proxy
here, so the tests say "https" in X-Forwarded-Proto as a TLS proxy would)."""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process=None, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process stopped with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing answers on port {port}")


def production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="a-production-like-secret-key-" + "y" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="liaison.settings",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


class Server:
    """One gunicorn app server (its master and workers) on its own port."""

    def __init__(self, env, log_dir: Path, name: str, workers=1, threads=2):
        self.port = free_port()
        self.log = log_dir / f"{name}.log"
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env={
                **env,
                "BIND": f"127.0.0.1:{self.port}",
                "WEB_CONCURRENCY": str(workers),
                "WEB_THREADS": str(threads),
            },
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port(self.port, self.process)

    def stop(self, sig=signal.SIGTERM, wait=True):
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            if wait:
                self.process.wait(timeout=40)

    def logs(self) -> str:
        return self.log.read_text()


class Worker:
    def __init__(self, env, log_dir: Path):
        self.log = log_dir / "worker.log"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


class Browser:
    """Cookies, CSRF token and the headers a TLS proxy in front would add."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, server, method, path, form=None, headers=None, address="203.0.113.10"):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        host = f"127.0.0.1:{server.port}"
        sent = {
            "Host": host,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": address,
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urllib.parse.urlencode(form, doseq=True)
            sent.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": f"https://{host}",
                    "Referer": f"https://{host}{path}",
                }
            )
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                if morsel.value:
                    self.cookies[key] = morsel.value
                else:
                    self.cookies.pop(key, None)
        return response.status, dict(response.headers), content

    def get(self, server, path, **kw):
        return self.request(server, "GET", path, **kw)

    def post(self, server, path, form, **kw):
        return self.request(server, "POST", path, form=form, **kw)


def health(server) -> dict:
    status, _headers, body = Browser().get(server, "/healthz")
    return {"status_code": status, **json.loads(body)}


@pytest.fixture
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server (apt-get install -y redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
