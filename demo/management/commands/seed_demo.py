from django.core.management.base import BaseCommand
from django.db import transaction

from demo import agencies, audit, directory, events, exchanges, referrals, surveys
from referrals import monthly


def write_logins(write) -> None:
    """The demo logins and what to look at, as `make run` prints them last."""
    write(f"Demo logins (password for all: {agencies.password()}):")
    for email, what in agencies.logins() + directory.logins():
        write(f"  {email:<32} {what}")
    page = referrals.volunteer_page()
    if page:
        write(f"A peer volunteer's own page (what newcomers agreed to share with them): {page}")
    write(
        "Practitioners and the superuser also give a two-factor code: "
        "`.venv/bin/python manage.py demo_code` prints the current one (or add the key "
        f"{agencies.demo_key_text()} to an authenticator app)."
    )


class Command(BaseCommand):
    help = (
        "Create the demo agencies, staff, groups and records from the files in demo/data/. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args, quiet=False, **options):
        with transaction.atomic():
            agencies.seed_agencies()
            directory.seed_directory()
            exchanges.seed_exchanges()
            referrals.seed_referrals()
            events.seed_events()
            referrals.seed_deleted_clients()
            audit.seed_audit()
            surveys.seed_surveys()
            # The dashboard's kept counts, as the scheduled job would have made them.
            monthly.refresh()
        self.stdout.write("Demo data is in place.")
        if not quiet:
            write_logins(self.stdout.write)
