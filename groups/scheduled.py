from django.conf import settings

from groups.services import verification_reminders_send
from jobs.schedule import scheduled


@scheduled(
    "verification_reminders",
    at="06:00",
    description="Remind leaders whose listing is due to be checked within 30 days.",
)
def verification_reminders():
    return verification_reminders_send(base_url=settings.SITE_URL)
