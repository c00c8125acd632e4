from django.core.management.base import BaseCommand

from referrals.services import client_purge, purge_due


class Command(BaseCommand):
    help = (
        "Remove for good the identity of clients deleted more than CLIENT_RETENTION_DAYS ago, "
        "leaving a tombstone in the audit trail. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: the CLIENT_RETENTION_DAYS setting).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List, change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        due = list(purge_due(days=days).order_by("deleted_at"))
        for client in due:
            if not dry_run:
                client_purge(client=client)
            self.stdout.write(f"{'Would purge' if dry_run else 'Purged'} {client.pseudonym}")
        self.stdout.write(f"{len(due)} client(s) {'due' if dry_run else 'purged'}.")
