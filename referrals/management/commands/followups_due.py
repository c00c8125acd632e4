from django.core.management.base import BaseCommand

from referrals.services import followups_due_send


class Command(BaseCommand):
    help = "Email each practitioner their follow-ups due or overdue (also a daily scheduled job)."

    def handle(self, *args, **options):
        counts = followups_due_send()
        due, people = counts["follow_ups"], counts["practitioners"]
        self.stdout.write(f"{due} follow-up(s) due for {people} practitioner(s).")
