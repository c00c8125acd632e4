from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from liaison.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into the database (or into --database-url), "
        "replacing what is there."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup file.")
        parser.add_argument(
            "--database-url", help="Restore into this database instead of the configured one."
        )
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args, source, database_url=None, yes=False, **options):
        db = dj_database_url.parse(database_url) if database_url else connection.settings_dict
        if not yes:
            answer = input(f"Replace everything in {db['NAME']} with {source}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing was restored.")
        if not database_url:
            connection.close()
        try:
            restore(Path(source), db)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {source} into {db['NAME']}.")
