"""Time the main pages in-process (server time, no network): median and 95th percentile over
repeated requests, the number of queries and the size of the body, on whatever database
DATABASE_URL names. `--only` picks the rows whose label contains one of its words."""

import statistics
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from groups.models import SelfHelpGroup
from liaison.models import User


def _etag_of(client, url, **headers):
    """The headers of a client that has the current version of `url` (asks for it once)."""
    return {"HTTP_IF_NONE_MATCH": client.get(url, **headers)["ETag"], **headers}


class Command(BaseCommand):
    help = (
        "Benchmark /dashboard/, /groups/ (with searches), a group page, /meetings.json and "
        "/api/hsds/services."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--executive", default="scale0@example.org")
        parser.add_argument(
            "--only",
            nargs="*",
            default=(),
            help="Time only the rows whose label contains one of these words (hsds, meetings).",
        )

    def handle(self, *args, runs, executive, only, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # The work of making each page is measured, not the public page cache's copy of it.
        settings.PUBLIC_PAGE_CACHE_SECONDS = 0
        user = User.objects.filter(email=executive).first()
        if user is None:
            raise CommandError(f"No user {executive}: run seed_scale first.")
        group = SelfHelpGroup.objects.active().order_by("pk").first()
        staff = Client()
        staff.force_login(user)
        public = Client()
        gzip = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
        feed = "/meetings.json"
        hsds = "/api/hsds/services"
        # (label, client, url, cache cleared before each request, request headers or a function
        # that gives them)
        pages = [
            # Counted for the view, and as kept between views (DASHBOARD_KEEP_SECONDS).
            ("/dashboard/ (12 months, counted)", staff, "/dashboard/?again=1", False, {}),
            ("/dashboard/ (12 months, kept)", staff, "/dashboard/", False, {}),
            ("/groups/", public, "/groups/", False, {}),
            ("/groups/?q=hope", public, "/groups/?q=hope", False, {}),
            (
                "/groups/?q=hope&mode=online&day=tuesday",
                public,
                "/groups/?q=hope&mode=online&day=tuesday",
                False,
                {},
            ),
            ("/groups/?near=12584 (10 miles)", public, "/groups/?near=12584", True, {}),
            ("/groups/?near=12584&within=25", public, "/groups/?near=12584&within=25", True, {}),
            (
                "/groups/?lat=…&lon=… (my location)",
                public,
                "/groups/?lat=41.5&lon=-74.0",
                False,
                {},
            ),
            ("/groups/<slug>/", public, f"/groups/{group.slug}/", False, {}),
            ("/meetings.json (cached)", public, feed, False, {}),
            ("/meetings.json (cached, gzip)", public, feed, False, gzip),
            ("/meetings.json (uncached)", public, feed, True, {}),
            ("/meetings.json (304)", public, feed, False, lambda: _etag_of(public, feed, **gzip)),
            ("/api/hsds/services", public, hsds, False, {}),
            ("/api/hsds/services?page=200", public, f"{hsds}?page=200", False, {}),
            (
                "/api/hsds/services?page=500&per_page=20",
                public,
                f"{hsds}?page=500&per_page=20",
                False,
                {},
            ),
            # Typos, an organization's name, and a word in thousands of listings.
            ("/groups/?q=serenty", public, "/groups/?q=serenty", False, {}),
            ("/groups/?q=alcoholic+anonymus", public, "/groups/?q=alcoholic+anonymus", False, {}),
            (
                "/groups/?q=alcoholics+anonymous",
                public,
                "/groups/?q=alcoholics+anonymous",
                False,
                {},
            ),
            ("/groups/?q=narcotics+anonymus", public, "/groups/?q=narcotics+anonymus", False, {}),
            ("/groups/?q=anonymous", public, "/groups/?q=anonymous", False, {}),
            ("/groups/?q=group", public, "/groups/?q=group", False, {}),
        ]
        if only:
            pages = [page for page in pages if any(word in page[0] for word in only)]
        self.stdout.write(f"database: {connection.vendor}, {runs} runs each")
        self.stdout.write("| page | median ms | p95 ms | queries | bytes |")
        self.stdout.write("|---|---:|---:|---:|---:|")
        for label, client, url, cold, headers in pages:
            if callable(headers):
                headers = headers()
            client.get(url, **headers)  # warm up
            timings = []
            queries = 0
            for _ in range(runs):
                if cold:
                    cache.clear()
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = client.get(url, **headers)
                    timings.append((time.perf_counter() - started) * 1000)
                if response.status_code not in (200, 304):
                    raise CommandError(f"{url} answered {response.status_code}")
                queries = len(ctx)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            size = len(response.content)
            self.stdout.write(
                f"| {label} | {statistics.median(timings):.0f} | {p95:.0f} | {queries} | {size:,} |"
            )
