"""The installation's profile: its name, its office's contact and the crisis line shown on every
public page. Read once per process minute from the cache; a saved change is seen at once."""

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save

from liaison.models import Installation

CACHE_KEY = "installation-profile"
CACHE_SECONDS = 300
# The settings a profile not yet saved is made of.
SETTINGS = {
    "SITE_NAME",
    "SITE_PHONE",
    "SITE_EMAIL",
    "SITE_ADDRESS",
    "CRISIS_LINE_NAME",
    "CRISIS_LINE_PHONE",
    "CRISIS_LINE_TEXTS",
    "CRISIS_LINE_URL",
    "EMERGENCY_NUMBER",
}


def defaults() -> dict:
    """A new installation's profile, from its settings (the US crisis line 988 unless set)."""
    return {
        "name": settings.SITE_NAME,
        "phone": settings.SITE_PHONE,
        "email": settings.SITE_EMAIL,
        "address": settings.SITE_ADDRESS,
        "crisis_line_name": settings.CRISIS_LINE_NAME,
        "crisis_line_phone": settings.CRISIS_LINE_PHONE,
        "crisis_line_texts": settings.CRISIS_LINE_TEXTS,
        "crisis_line_url": settings.CRISIS_LINE_URL,
        "emergency_number": settings.EMERGENCY_NUMBER,
    }


def profile() -> Installation:
    kept = cache.get(CACHE_KEY)
    if kept is None:
        try:
            # Without the logo's bytes: pages need only its address (`/logo/…` serves it).
            kept = Installation.objects.defer("logo").first() or Installation(**defaults())
        except DatabaseError:
            # A database that cannot answer (not migrated yet, or away) still leaves every page
            # its crisis line: the one of the settings, until the database answers again.
            return Installation(**defaults())
        cache.set(CACHE_KEY, kept, CACHE_SECONDS)
    return kept


def keep_defaults() -> None:
    """Before any profile is saved: keep the one made of the settings (no query to know it)."""
    cache.set(CACHE_KEY, Installation(**defaults()), CACHE_SECONDS)


def forget(*args, **kwargs) -> None:
    cache.delete(CACHE_KEY)


def _setting_changed(*, setting, **kwargs) -> None:
    if setting in SETTINGS:
        forget()


def connect_signals() -> None:
    post_save.connect(forget, sender=Installation, dispatch_uid="installation:save")
    post_delete.connect(forget, sender=Installation, dispatch_uid="installation:delete")
    setting_changed.connect(_setting_changed, dispatch_uid="installation:settings")
