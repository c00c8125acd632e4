"""Measure Liaison under load, on this machine, under the production server.

    .venv/bin/python load/run.py --database-url postgres://postgres@127.0.0.1:5432/liaison_load

Prepares the database (migrations, the demo, `seed_scale`'s 10,000 groups and 25,000 meetings,
VACUUM ANALYZE), starts gunicorn with production settings and Redis, then offers the public mix
(`load/workload.py`) at each rate in turn: that many simulated people, each on a keep-alive
connection making one request a second. After five seconds of arrival it records every answer
for the given time and prints, per rate: requests, errors (5xx or no answer), the median and the
95th percentile in milliseconds, and the rate achieved. Staff and the dashboard are measured
apart. Loopback only; everything it starts, it stops.

The load comes from threads in this one process, which shares the machine's cores with the
server: a plain client, so that the figures are the server's and not a load tool's overhead.
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "load")]

import workload  # noqa: E402

from tests.deploy.servers import (  # noqa: E402
    Browser,
    Server,
    free_port,
    manage,
    production_env,
    wait_for_port,
)

# What the TLS proxy in front adds in production.
PROXY = {"X-Forwarded-Proto": "https"}
ARRIVAL_SECONDS = 5


def prepare(env):
    print("migrating, seeding the demo and the scale data (the first time takes a few minutes)…")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", "--quiet")
    print(manage(env, "seed_scale").strip().splitlines()[-1])
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup();"
            "from django.db import connection;"
            "connection.cursor().execute('VACUUM (ANALYZE)')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples: list[tuple[str, float, bool]] = []
        self.recording = False

    def add(self, name, ms, ok):
        if self.recording:
            with self.lock:
                self.samples.append((name, ms, ok))


def person(server, recorder, stop, next_request, every=1.0, headers=None, cookies=""):
    """One simulated person: a request every `every` seconds on a keep-alive connection."""
    sent = {"Host": f"127.0.0.1:{server.port}", **PROXY, **(headers or {})}
    if cookies:
        sent["Cookie"] = cookies
    connection = None
    time.sleep(random.random() * ARRIVAL_SECONDS)
    due = time.monotonic()
    while not stop.is_set():
        name, path, extra = next_request()
        started = time.perf_counter()
        ok = False
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            connection.request("GET", path, headers={**sent, **extra})
            response = connection.getresponse()
            response.read()
            ok = response.status < 500
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException):
            if connection is not None:
                connection.close()
            connection = None
        recorder.add(name, (time.perf_counter() - started) * 1000, ok)
        due += every
        stop.wait(max(0.0, due - time.monotonic()))
    if connection is not None:
        connection.close()


def run(people, seconds):
    """Start `people` (a list of thread targets), record `seconds` after their arrival."""
    recorder, stop = Recorder(), threading.Event()
    threads = [
        threading.Thread(target=target, args=(recorder, stop), daemon=True) for target in people
    ]
    for thread in threads:
        thread.start()
    time.sleep(ARRIVAL_SECONDS)
    recorder.recording = True
    time.sleep(seconds)
    recorder.recording = False
    stop.set()
    for thread in threads:
        thread.join(timeout=35)
    return recorder.samples


def summary(samples, seconds):
    times = sorted(ms for _, ms, _ in samples)
    errors = sum(1 for *_, ok in samples if not ok)
    if not times:
        return "| 0 | 0 | — | — | 0 |"
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return (
        f"| {len(times)} | {errors} | {statistics.median(times):.0f} | {p95:.0f} | "
        f"{len(times) / seconds:.1f} |"
    )


def by_name(samples, seconds):
    names = sorted({name for name, *_ in samples})
    return [f"| {name} " + summary([s for s in samples if s[0] == name], seconds) for name in names]


def public_people(server, rate, slugs, feed_etag):
    people = []
    feeds = max(1, round(rate * workload.FEED_SHARE))
    for n in range(rate):
        if n < feeds:

            def next_request():
                return "/meetings.json", "/meetings.json", {"If-None-Match": feed_etag}

        else:

            def next_request():
                name, path = workload.public_request(slugs)
                return name, path, {}

        people.append(lambda recorder, stop, nr=next_request: person(server, recorder, stop, nr))
    return people


def signed_in(server, email):
    browser = Browser()
    browser.get(server, "/accounts/login/")
    status, _headers, _body = browser.post(
        server, "/accounts/login/", {"username": email, "password": "demo-password-2026"}
    )
    assert status == 302, f"{email} could not sign in ({status})"
    return "; ".join(f"{k}={v}" for k, v in browser.cookies.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database to fill")
    parser.add_argument("--rates", default="50,100,150,200,250,300")
    parser.add_argument("--seconds", type=int, default=45)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per process")
    parser.add_argument("--skip-prepare", action="store_true")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="every page made for each request"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="liaison-load-"))
    redis_port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(redis_port, redis)
    env = production_env(
        DATABASE_URL=args.database_url,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        STATIC_ROOT=work / "static",
        MFA_REQUIRED="false",
        LOG_LEVEL="WARNING",
        ACCESS_LOG=str(work / "access.log"),
        PUBLIC_PAGE_CACHE_SECONDS=0 if args.no_page_cache else 60,
    )
    if not args.skip_prepare:
        prepare(env)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    # The dashboard is measured for the scale agency's executive (200,000 referrals).
    manage(
        env,
        "shell",
        "-c",
        "from liaison.models import User; u = User.objects.get(email='scale0@example.org'); "
        "u.set_password('demo-password-2026'); u.save()",
    )
    server = Server(env, work, "gunicorn", workers=args.workers, threads=args.threads)
    try:
        _status, _headers, page = Browser().get(server, "/groups/?page=3")
        slugs = workload.slugs_from(page)
        _status, headers, _feed = Browser().get(server, "/meetings.json")
        feed_etag = headers.get("ETag", "")
        print(
            f"\ngunicorn: {args.workers} processes × {args.threads} threads; "
            f"{args.seconds} s recorded per rate; {os.cpu_count()} cores shared with the client; "
            f"public page cache {'off' if args.no_page_cache else 'on'}\n"
        )
        print("| offered req/s (public mix) | requests | errors | median ms | p95 ms | req/s |")
        print("|---:|---:|---:|---:|---:|---:|")
        for rate in [int(r) for r in args.rates.split(",")]:
            samples = run(public_people(server, rate, slugs, feed_etag), args.seconds)
            print(f"| {rate} " + summary(samples, args.seconds), flush=True)
        print("\nPer request at the last rate:\n")
        print("| request | requests | errors | median ms | p95 ms | req/s |")
        print("|---|---:|---:|---:|---:|---:|")
        print("\n".join(by_name(samples, args.seconds)))

        staff_cookie = signed_in(server, "liaison@riverside.example")
        director_cookie = signed_in(server, "scale0@example.org")

        def staff_next():
            name, path = workload.staff_request()
            return name, path, {}

        people = [
            lambda recorder, stop: person(
                server, recorder, stop, staff_next, every=2.0, cookies=staff_cookie
            )
            for _ in range(5)
        ] + [
            lambda recorder, stop: person(
                server,
                recorder,
                stop,
                lambda: ("/dashboard/", "/dashboard/", {}),
                every=2.0,
                cookies=director_cookie,
            )
            for _ in range(2)
        ]
        samples = run(people, args.seconds)
        print(
            "\nStaff (5 liaison staff; 2 executives of the scale agency on the dashboard, "
            "200,000 referrals; a request every 2 s):\n"
        )
        print("| request | requests | errors | median ms | p95 ms | req/s |")
        print("|---|---:|---:|---:|---:|---:|")
        print("\n".join(by_name(samples, args.seconds)))
    finally:
        server.stop()
        redis.terminate()
    print(f"\nThe server's access log (with its own time per request): {work / 'access.log'}")


if __name__ == "__main__":
    main()
