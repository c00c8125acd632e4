from django.core.management.base import BaseCommand

from events.services import registrations_forget_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete event registrations nobody confirmed within 24 hours, with the name and email "
        "typed in. Run daily."
    )

    def handle(self, *args, **options):
        deleted = registrations_forget_unconfirmed()
        self.stdout.write(f"Forgot {deleted} unconfirmed registration(s).")
