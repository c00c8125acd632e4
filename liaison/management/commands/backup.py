from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from liaison.backups import BackupError, backup, default_target


class Command(BaseCommand):
    help = (
        "Back up the database: pg_dump's custom format on PostgreSQL, a consistent copy of the "
        "file on SQLite. Run nightly from cron; keep the files off this machine."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target", nargs="?", help="File to write (default: BACKUP_DIR/liaison-<time>.<ext>)."
        )

    def handle(self, *args, target=None, **options):
        path = Path(target) if target else default_target(connection.vendor)
        try:
            backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
