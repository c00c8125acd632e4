from django.core.management.base import BaseCommand, CommandError

from jobs import schedule


class Command(BaseCommand):
    help = "Run a scheduled job now (on a worker, or at once when tasks run in-process)."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="The job; leave out to list them.")

    def handle(self, *args, name=None, **options):
        if not name:
            for job in schedule.jobs():
                when = f"daily at {job.at:%H:%M}" if job.at else f"every {job.every}"
                self.stdout.write(f"{job.name:<32} {when:<20} {job.description}")
            return
        try:
            run = schedule.run_now(name)
        except KeyError:
            raise CommandError(f"No job named {name!r}. Run without a name to list them.") from None
        run.refresh_from_db()
        self.stdout.write(
            f"{name}: {run.get_outcome_display().lower()} {run.counts or ''}".rstrip()
        )
