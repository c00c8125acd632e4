from django.conf import settings

from groups.imports.sources import sources_refresh
from groups.services import usage_flush, verification_reminders_send
from jobs.schedule import scheduled


@scheduled(
    "verification_reminders",
    at="06:00",
    description="Remind leaders whose listing is due to be checked within 30 days.",
)
def verification_reminders():
    return verification_reminders_send(base_url=settings.SITE_URL)


@scheduled(
    "flush_directory_usage",
    every_minutes=5,
    description="Write the directory's usage counts waiting in the cache to the database.",
)
def flush_directory_usage():
    return {"counted": usage_flush()}


@scheduled(
    "refresh_import_sources",
    every_minutes=6 * 60,
    description="Fetch each meeting list registered as a source; apply or queue what changed.",
)
def refresh_import_sources():
    return sources_refresh()
