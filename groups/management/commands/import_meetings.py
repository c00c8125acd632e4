import sys

from django.core.management.base import BaseCommand, CommandError

from groups.imports import formats
from groups.imports import importer as importers


class Command(BaseCommand):
    help = (
        "Check a meeting list and say what importing it would do; with --apply, import it, all or "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--format",
            choices=formats.CODES,
            required=True,
            help="; ".join(f"{fmt.code}: {fmt.label}" for fmt in formats.FORMATS),
        )
        parser.add_argument("--source", required=True, help="Who publishes the file.")
        parser.add_argument("--apply", action="store_true", help="Write the import.")

    def handle(self, *args, file, format, source, apply, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        plan = importers.plan(data, format, source)
        for problem in plan.problems:
            self.stdout.write(f"{file}: {problem}")
        if plan.problems:
            raise CommandError(f"{len(plan.problems)} problem(s); nothing was imported.")
        self.stdout.write(self._summary(plan))
        for line, label, field, current, new in plan.kept:
            self.stdout.write(
                f"line {line}: {label}: {field} keeps “{current}” (edited since the last "
                f"import; the file says “{new}”)"
            )
        if not apply:
            self.stdout.write("Nothing written: run again with --apply to import.")
            return

        def progress(done, total):
            if done == total or done % 500 == 0:
                sys.stderr.write(f"\rimported {done}/{total} meetings")
                if done == total:
                    sys.stderr.write("\n")

        try:
            result = importers.apply(data, format, source, progress=progress)
        except importers.ImportFailed as failure:
            for problem in failure.problems:
                self.stdout.write(f"{file}: {problem}")
            raise CommandError("Nothing was imported.") from None
        self.stdout.write(
            f"Imported: {importers.summary_text(importers.summary_of(result.stored(0)))}."
        )

    @staticmethod
    def _summary(plan):
        groups, meetings = plan.groups, plan.meetings
        return (
            f"groups: {groups['create']} new, {groups['update']} updated, {groups['same']} "
            f"unchanged; meetings: {meetings['create']} new, {meetings['update']} updated, "
            f"{meetings['same']} unchanged"
        )
