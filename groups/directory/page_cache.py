"""The public directory's pages, kept for a minute in the shared cache.

A person looking for a meeting, and the many like them, see the same page for the same address
in the same language: the directory and a group's page. Those pages are served from the cache to
visitors who are not signed in, until any listing changes (a version number in the cache, raised
on every save of a group, meeting, place, contact or reference row, and by every import) or the
minute ends (`PUBLIC_PAGE_CACHE_SECONDS`, 60 by default), so that "next meeting today at 7 pm"
stays right. A page is never kept when it was made for one person: signed in, with a message
waiting, with a session, with a form token of its own, or for a position the visitor's browser
gave ("use my location"). Each view served from the cache is
still counted in the directory's usage, as when the page is made.
"""

import hashlib
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"
# The headers a kept page is served again with (the ETag of an API answer, digested once); the
# others (cookies, the request id, the security headers) belong to each response.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "ETag")
# Sent after the version is raised: what is made of the listings (the Meeting Guide feed,
# groups/meeting_guide/published.py) hears of the change.
listings_changed = Signal()


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, None)
        value = cache.get(VERSION_KEY) or 1
    return value


def forget_pages(*args, **kwargs) -> None:
    """Every kept page is out of date: the next visitor gets a new one."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, None)
    listings_changed.send(sender=None)


def _personal(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method not in ("GET", "HEAD")
        or request.user.is_authenticated
        or "messages" in cookies
        or "sessionid" in cookies
        # Where a visitor's browser says they are is theirs alone: never kept, even hashed.
        or "lat" in request.GET
        or "lon" in request.GET
    )


def _key(request, seconds) -> str:
    address = request.get_full_path().encode("utf-8", "replace")
    digest = hashlib.sha256(address).hexdigest()[:40]
    # The page shows times relative to now (the next meeting, "meets this week"): a page is kept
    # for its slot of time only. Each address's slots start at a moment of their own, so that
    # the pages are not all made again in the same second.
    offset = int(digest[:8], 16) % seconds
    slot = (int(timezone.now().timestamp()) + offset) // seconds
    return f"public-page:{version()}:{slot}:{get_language()}:{digest}"


def public_page(count=None):
    """Serve the view's page from the cache to visitors who are not signed in. `count(request)`
    records the view in the directory's usage when the page comes from the cache."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
            if not seconds or _personal(request):
                return view(request, *args, **kwargs)
            key = _key(request, seconds)
            kept = cache.get(key)
            if kept is not None:
                if count is not None:
                    count(request)
                response = HttpResponse(kept["content"], status=kept["status"])
                for name, value in kept["headers"].items():
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                # A page with a form token is this visitor's own.
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                cache.set(
                    key,
                    {
                        "content": response.content,
                        "status": response.status_code,
                        "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
                    },
                    seconds,
                )
                response["X-Page-Cache"] = "miss"
            return response

        return wrapped

    return decorator


def connect_signals():
    """Any change to what the pages show makes every kept page out of date."""
    for label in (
        "groups.SelfHelpGroup",
        "groups.Meeting",
        "groups.Location",
        "groups.Contact",
        "groups.Organization",
        "groups.FocusArea",
        "groups.AudienceTag",
        "groups.Language",
        # Every page shows who runs the site and the crisis line.
        "liaison.Installation",
    ):
        model = apps.get_model(label)
        uid = f"public-pages:{label}"
        post_save.connect(forget_pages, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(forget_pages, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                forget_pages, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
            )
