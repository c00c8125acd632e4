from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from referrals.models import FollowUp


class Command(BaseCommand):
    help = "Print and email each practitioner's follow-ups that are due or overdue. Run daily."

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = (
            FollowUp.objects.due(today)
            .filter(referral__made_by__is_active=True)
            .exclude(referral__status__in=["declined", "closed"])
            .select_related("referral__made_by", "referral__client", "referral__group")
            .order_by("referral__made_by_id", "due_on")
        )
        by_person = defaultdict(list)
        for followup in due:
            by_person[followup.referral.made_by].append(followup)
        for person, followups in by_person.items():
            lines = [
                f"- {f.referral.client} → {f.referral.group}: {f.offset_days}-day follow-up "
                f"due {f.due_on:%b %d}{' (overdue)' if f.due_on < today else ''}"
                for f in followups
            ]
            self.stdout.write(f"{person.email}:")
            for line in lines:
                self.stdout.write(f"  {line}")
            send_mail(
                f"{len(followups)} follow-up(s) due",
                "Follow-ups due today or overdue:\n\n"
                + "\n".join(lines)
                + f"\n\nRecord them in {settings.SITE_NAME}: {settings.SITE_URL}/referrals/",
                None,
                [person.email],
            )
        total = sum(len(items) for items in by_person.values())
        self.stdout.write(f"{total} follow-up(s) due for {len(by_person)} practitioner(s).")
