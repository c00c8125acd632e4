"""The load of a busy day, for `load/run.py`: who asks for what.

Public visitors, most of the traffic: directory searches with filters, directory pages, group
pages, the home page, HSDS pages. Meeting apps check the Meeting Guide feed (whether it changed,
having fetched it whole before). Staff, signed in: the office home and lists; executives, the
dashboard. Every simulated person makes one request a second (staff every two), so the offered
rate of the public mix is the number of public users."""

import random
import re

WORDS = ["hope", "recovery", "family", "women", "grief", "online", "tuesday", "spanish", "aa", "na"]
FOCUS = ["alcohol", "drugs", "mental-health", "family-and-friends", "bereavement"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MODES = ["in_person", "online", "hybrid"]


def search() -> tuple[str, str]:
    params = [f"q={random.choice(WORDS)}"]
    if random.random() < 0.5:
        params.append(f"focus={random.choice(FOCUS)}")
    if random.random() < 0.4:
        params.append(f"day={random.choice(DAYS)}")
    if random.random() < 0.3:
        params.append(f"mode={random.choice(MODES)}")
    return "/groups/?q=…", "/groups/?" + "&".join(params)


def public_request(slugs) -> tuple[str, str]:
    """(the name it is reported under, the path) of a visitor's next request."""
    roll = random.random()
    if roll < 0.35:
        return search()
    if roll < 0.47:
        return "/groups/", f"/groups/?page={random.randint(1, 20)}"
    if roll < 0.82:
        return "/groups/<slug>/", f"/groups/{random.choice(slugs)}/"
    if roll < 0.88:
        return "/", "/"
    return "/api/hsds/services", f"/api/hsds/services?page={random.randint(1, 50)}"


FEED_SHARE = 0.05  # of the public users, meeting apps checking the feed

STAFF_PAGES = [("/office/", 3), ("/office/listings/", 2), ("/office/visits/", 1)]


def staff_request() -> tuple[str, str]:
    path = random.choices([p for p, _ in STAFF_PAGES], weights=[w for _, w in STAFF_PAGES])[0]
    return path, path


def slugs_from(page: str) -> list[str]:
    return sorted(set(re.findall(r'href="/groups/([a-z0-9-]+)/"', page)) - {"new"})
