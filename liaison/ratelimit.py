"""The one rate limiter of the project, and the one reading of the visitor's address.

- Counting is atomic: `cache.add` starts a window's counter at 0 and `cache.incr` adds one, both
  single operations on Redis and on the in-process cache, so two requests at once cannot both
  read "9 of 10" and both pass (a get-then-set could).
- The counters live in the default cache, which is Redis when `REDIS_URL` is set: every app
  process behind the load balancer counts in the same place.
- A counter's key holds a keyed hash (HMAC with the installation's secret) of the address or
  email, never the value itself: an IPv4 address hashed without a key is found again by trying
  all four billion. Nothing else is kept, and only for the window.
- The address is the one the visitor's connection came from as seen through the proxies the
  installation trusts (`TRUSTED_PROXY_COUNT`); the lockout of sign-ins (django-axes) and the audit
  trail read it here too.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

HOUR = 60 * 60


def client_address(request) -> str:
    """The visitor's address. With no trusted proxy, the connection's own (`REMOTE_ADDR`). With N
    trusted proxies, each of which appends the address it was reached from to X-Forwarded-For,
    the entry N places from the right: entries further left were written by the visitor and
    prove nothing. A header shorter than that, or an entry that is not an address, means the
    request did not come through the proxies: the connection's address is used."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _key(scope: str, identity: str) -> str:
    digest = salted_hmac("liaison.ratelimit", identity.strip().lower()).hexdigest()[:32]
    return f"rate:{scope}:{digest}"


def exceeded(scope: str, identity: str, *, limit: int, seconds: int = HOUR) -> bool:
    """Count one more attempt by `identity` (an address, an email) in `scope`; True when it is
    beyond the `limit` attempts allowed in a window of `seconds` from the first one."""
    key = _key(scope, identity)
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        # The window ended between the two calls: this attempt starts the next one.
        cache.add(key, 1, seconds)
        count = 1
    return count > limit


def address_exceeded(request, scope: str, *, limit: int, seconds: int = HOUR) -> bool:
    """`exceeded` for the visitor's address."""
    return exceeded(scope, client_address(request), limit=limit, seconds=seconds)
