"""Session lifetime: idle timeout, absolute lifetime, and ending every session of a user.

Django makes a new session key at sign-in. Each signed-in session is registered against its
user, so that signing out, or being deactivated, ends the user's sessions on every device.
"""

import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext

from audit.trail import Action, record
from liaison.models import UserSession

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION = 60


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def remember_session(request, user):
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now
    if session.session_key is None:
        session.save()
    UserSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


def end_all_sessions(user, keep=None) -> int:
    """End every registered session of `user` (except the key `keep`); returns how many."""
    store = _store()
    keys = list(
        UserSession.objects.filter(user=user)
        .exclude(session_key=keep or "")
        .values_list("session_key", flat=True)
    )
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user, session_key__in=keys).delete()
    return len(keys)


class SessionLifetimeMiddleware:
    """Sign out a session idle for SESSION_IDLE_SECONDS, or older than SESSION_ABSOLUTE_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                record(Action.SESSION_EXPIRED, request=request, user=user, detail=expired)
                # Only this session: it is the one that expired.
                request.session.flush()
                request.user = _anonymous()
                messages.info(request, _notice(expired))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> str:
        session = request.session
        now = int(time.time())
        signed_in = session.get(SIGNED_IN_AT)
        seen = session.get(SEEN_AT)
        if signed_in is None or seen is None:
            # A session from before these rules: start its clocks now.
            session[SIGNED_IN_AT] = signed_in or now
            session[SEEN_AT] = now
            return ""
        if now - signed_in > settings.SESSION_ABSOLUTE_SECONDS:
            return f"after {settings.SESSION_ABSOLUTE_SECONDS // 3600} hours"
        if now - seen > settings.SESSION_IDLE_SECONDS:
            return f"after {settings.SESSION_IDLE_SECONDS // 60} minutes without activity"
        if now - seen >= SEEN_RESOLUTION:
            session[SEEN_AT] = now
        return ""


def _notice(expired: str) -> str:
    if expired.startswith("after") and "activity" in expired:
        return gettext(
            "You were signed out after %(minutes)s minutes without activity. Please sign in again."
        ) % {"minutes": settings.SESSION_IDLE_SECONDS // 60}
    return gettext(
        "You were signed out %(hours)s hours after signing in. Please sign in again."
    ) % {"hours": settings.SESSION_ABSOLUTE_SECONDS // 3600}


def _anonymous():
    return AnonymousUser()
