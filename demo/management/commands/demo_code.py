import time

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from demo.agencies import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo accounts (the demo key only)."

    def handle(self, *args, **options):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        if not TOTPDevice.objects.filter(key=DEMO_TOTP_KEY, confirmed=True).exists():
            raise CommandError("No demo account uses the demo key: run `manage.py seed_demo`.")
        totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY), step=30, digits=6)
        totp.time = time.time()
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{totp.token():06d}  (valid for {left} more seconds)")
