import time

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.agencies import totp_key


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo accounts (the demo key only)."

    def handle(self, *args, **options):
        key = totp_key()
        if not TOTPDevice.objects.filter(key=key, confirmed=True).exists():
            raise CommandError("No demo account uses the demo key: run `manage.py seed_demo`.")
        totp = TOTP(bytes.fromhex(key), step=30, digits=6)
        totp.time = time.time()
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{totp.token():06d}  (valid for {left} more seconds)")
