from django.core.management.base import BaseCommand
from django.db import transaction

from demo import agencies as liaison_demo
from demo import audit as audit_demo
from demo import directory as groups_demo
from demo import events as events_demo
from demo import referrals as referrals_demo
from demo import surveys as surveys_demo


def write_logins(write) -> None:
    """The demo logins and what to look at, as `make run` prints them last."""
    write(f"Demo logins (password for all: {liaison_demo.DEMO_PASSWORD}):")
    for email, what in liaison_demo.logins() + groups_demo.logins():
        write(f"  {email:<32} {what}")
    page = referrals_demo.volunteer_page()
    if page:
        write(f"A peer volunteer's own page (what newcomers agreed to share with them): {page}")
    write(
        "Practitioners and the superuser also give a two-factor code: "
        "`.venv/bin/python manage.py demo_code` prints the current one (or add the key "
        f"{liaison_demo.demo_key_text()} to an authenticator app)."
    )


class Command(BaseCommand):
    help = "Create the demo agencies, staff, groups and records. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args, quiet=False, **options):
        with transaction.atomic():
            liaison_demo.seed_agencies()
            groups_demo.seed_directory()
            liaison_demo.seed_exchanges()
            referrals_demo.seed_referrals()
            events_demo.seed_events()
            audit_demo.seed_deleted_client()
            audit_demo.seed_audit()
            surveys_demo.seed_surveys()
        self.stdout.write("Demo data is in place.")
        if not quiet:
            write_logins(self.stdout.write)
