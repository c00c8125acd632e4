"""Measure Liaison under load, on this machine, under the production server.

    .venv/bin/python load/run.py --database-url postgres://postgres@127.0.0.1:5432/liaison_load

Prepares the database (migrations, the demo, `seed_scale`'s 10,000 groups, VACUUM ANALYZE),
starts gunicorn with production settings and Redis, then offers the public mix at each rate in
turn for a fixed time (locust, headless, loopback only) and prints, per rate: requests, failures,
the median and p95 in ms, and the rate achieved. The staff mix and the dashboard are measured
apart, at a few users. Everything it starts, it stops.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy.servers import Server, free_port, manage, production_env, wait_for_port  # noqa: E402

BIN = Path(sys.executable).parent


def prepare(env):
    print("migrating, seeding the demo and the scale data (the first time takes a few minutes)…")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", "--quiet")
    print(manage(env, "seed_scale").strip())
    manage(env, "collectstatic", "--noinput", "-v0")
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


def locust(host, users, seconds, classes, out):
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "load" / "locustfile.py"),
            "--headless",
            "--host",
            host,
            "--users",
            str(users),
            # Users arrive over five seconds; the figures count from when all are there.
            "--spawn-rate",
            str(max(users // 5, 1)),
            "--reset-stats",
            "--run-time",
            f"{seconds}s",
            "--only-summary",
            "--csv",
            str(out),
            *classes,
        ],
        cwd=ROOT,
        check=False,
        capture_output=True,
    )
    with open(f"{out}_stats.csv") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    return rows


def line(label, row):
    return (
        f"| {label} | {row['Request Count']} | {row['Failure Count']} | "
        f"{float(row['50%']):.0f} | {float(row['95%']):.0f} | {float(row['Requests/s']):.1f} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database to use")
    parser.add_argument("--redis-url", default="", help="default: start a throwaway redis-server")
    parser.add_argument("--rates", default="25,50,75,100,125,150,200")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per process")
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="liaison-load-"))
    redis = None
    redis_url = args.redis_url
    if not redis_url:
        port = free_port()
        redis = subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(port, redis)
        redis_url = f"redis://127.0.0.1:{port}/0"
    env = production_env(
        DATABASE_URL=args.database_url,
        REDIS_URL=redis_url,
        STATIC_ROOT=work / "static",
        MFA_REQUIRED="false",
        LOG_LEVEL="WARNING",
        ACCESS_LOG=str(work / "access.log"),
    )
    if not args.skip_prepare:
        prepare(env)
    else:
        manage(env, "collectstatic", "--noinput", "-v0")
    server = Server(env, work, "gunicorn", workers=args.workers, threads=args.threads)
    host = f"http://127.0.0.1:{server.port}"
    try:
        print(
            f"\ngunicorn: {args.workers} processes × {args.threads} threads; "
            f"{args.seconds} s per step; {os.cpu_count()} cores shared with locust\n"
        )
        print(
            "| offered req/s (public mix) | requests | failures | median ms | p95 ms "
            "| achieved req/s |"
        )
        print("|---:|---:|---:|---:|---:|---:|")
        for rate in [int(r) for r in args.rates.split(",")]:
            rows = locust(
                host, rate, args.seconds, ["Visitor", "FeedReader"], work / f"public-{rate}"
            )
            print(line(str(rate), rows["Aggregated"]), flush=True)
        print("\nPer page at the last rate:")
        for name, row in sorted(rows.items()):
            if name != "Aggregated":
                print(line(name, row))
        staff = locust(host, 5, args.seconds, ["Staff"], work / "staff")
        dashboard = locust(host, 2, args.seconds, ["Executive"], work / "dashboard")
        print("\nStaff (5 signed-in users) and the dashboard (2 executives):")
        for name, row in sorted(staff.items()) + sorted(dashboard.items()):
            if name != "Aggregated":
                print(line(name, row))
    finally:
        server.stop()
        if redis is not None:
            redis.terminate()
    print(f"\nLogs and locust's CSV files: {work}")


if __name__ == "__main__":
    main()
