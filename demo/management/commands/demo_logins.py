from django.core.management.base import BaseCommand

from demo.management.commands.seed_demo import write_logins


class Command(BaseCommand):
    help = "Print the demo logins (after `seed_demo`)."

    def handle(self, *args, **options):
        write_logins(self.stdout.write)
