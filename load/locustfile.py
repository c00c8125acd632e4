"""The load of a busy day, for `load/run.py` (locust, headless, on loopback only).

Public visitors (most of the traffic): directory searches with filters, group pages, HSDS pages;
and meeting apps checking the Meeting Guide feed (whole, then whether it changed). Staff: the
dashboard and the office lists. Each simulated public user makes one request a second, so the
offered rate is the number of users. The public users use locust's lighter HTTP client, so that
the load generator, on the same two cores as the server, takes as little of them as it can."""

import random
import re

import requests
from locust import HttpUser, between, constant_throughput, events, task
from locust.contrib.fasthttp import FastHttpUser

WORDS = ["hope", "recovery", "family", "women", "grief", "online", "tuesday", "spanish", "aa", "na"]
FOCUS = ["alcohol", "drugs", "mental-health", "family-and-friends", "bereavement"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MODES = ["in_person", "online", "hybrid"]
# The TLS proxy in front of the app in production says https; here nobody else does.
PROXY = {"X-Forwarded-Proto": "https"}
SLUGS: list[str] = []
FEED = {"etag": ""}


@events.test_start.add_listener
def _before_the_users_come(environment, **kwargs):
    """What a real visitor already has: group addresses (from a search engine, a link) and, for
    a meeting app, the feed it fetched yesterday. Fetched once, outside the measurement."""
    host = environment.host
    page = requests.get(f"{host}/groups/?page=3", headers=PROXY, timeout=60)
    SLUGS.extend(set(re.findall(r'href="/groups/([a-z0-9-]+)/"', page.text)) - {"new"})
    feed = requests.get(f"{host}/meetings.json", headers=PROXY, timeout=120)
    FEED["etag"] = feed.headers.get("ETag", "")


class Visitor(FastHttpUser):
    weight = 19
    wait_time = constant_throughput(1)

    @task(6)
    def search(self):
        params = {"q": random.choice(WORDS)}
        if random.random() < 0.5:
            params["focus"] = random.choice(FOCUS)
        if random.random() < 0.4:
            params["day"] = random.choice(DAYS)
        if random.random() < 0.3:
            params["mode"] = random.choice(MODES)
        self.client.get("/groups/", params=params, headers=PROXY, name="/groups/?q=…")

    @task(2)
    def directory(self):
        self.client.get(
            "/groups/", params={"page": random.randint(1, 20)}, headers=PROXY, name="/groups/"
        )

    @task(6)
    def group_page(self):
        if SLUGS:
            self.client.get(
                f"/groups/{random.choice(SLUGS)}/", headers=PROXY, name="/groups/<slug>/"
            )

    @task(1)
    def home(self):
        self.client.get("/", headers=PROXY, name="/")

    @task(2)
    def hsds(self):
        self.client.get(
            "/api/hsds/services",
            params={"page": random.randint(1, 50)},
            headers=PROXY,
            name="/api/hsds/services",
        )


class FeedReader(FastHttpUser):
    """A meeting app's server checking the Meeting Guide feed: the whole feed once, then only
    whether it changed (the answer is 304 until a meeting changes)."""

    weight = 1
    wait_time = constant_throughput(1)

    @task
    def feed(self):
        headers = {**PROXY, "If-None-Match": FEED["etag"]} if FEED["etag"] else PROXY
        with self.client.get(
            "/meetings.json", headers=headers, name="/meetings.json", catch_response=True
        ) as response:
            if response.status_code in (200, 304):
                FEED["etag"] = response.headers.get("ETag", FEED["etag"])
                response.success()


class SignedIn(HttpUser):
    """Someone of the agency, signed in."""

    abstract = True
    wait_time = between(1, 3)
    email = ""

    def on_start(self):
        self.client.get("/accounts/login/", headers=PROXY)
        self._cookies_over_loopback()
        self.client.post(
            "/accounts/login/",
            {
                "username": self.email,
                "password": "demo-password-2026",
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken"),
            },
            headers={**PROXY, "Referer": f"https://{self.host_name}/accounts/login/"},
            name="sign in",
        )
        self._cookies_over_loopback()

    def _cookies_over_loopback(self):
        # The cookies are marked Secure for the TLS proxy; here they travel over loopback.
        for cookie in self.client.cookies:
            cookie.secure = False

    @property
    def host_name(self):
        return self.host.split("://", 1)[1]


class Staff(SignedIn):
    """The liaison staff at work."""

    email = "liaison@riverside.example"

    @task(3)
    def office(self):
        self.client.get("/office/", headers=PROXY, name="/office/")

    @task(2)
    def listings(self):
        self.client.get("/office/listings/", headers=PROXY, name="/office/listings/")

    @task(1)
    def visits(self):
        self.client.get("/office/visits/", headers=PROXY, name="/office/visits/")


class Executive(SignedIn):
    """An executive reading the dashboard, for the dashboard's own figure."""

    email = "director@riverside.example"

    @task
    def dashboard(self):
        self.client.get("/dashboard/", headers=PROXY, name="/dashboard/")
