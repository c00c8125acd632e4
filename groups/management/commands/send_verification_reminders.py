from django.conf import settings
from django.core.management.base import BaseCommand

from groups.services import verification_reminders_send


class Command(BaseCommand):
    help = (
        "Email the leaders of listings whose verification is due within 30 days, at most once "
        "per listing per 14 days. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"),
            help="The site's address, for the links in the emails.",
        )

    def handle(self, *args, base_url, **options):
        result = verification_reminders_send(base_url=base_url)
        self.stdout.write(
            f"Sent {result['emails']} reminder(s) for {result['listings']} listing(s); "
            f"{result['skipped']} listing(s) skipped, reminded in the last 14 days."
        )
