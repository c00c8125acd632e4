import datetime as dt

from django.utils import timezone

from audit.models import AuditExport
from jobs.schedule import scheduled


@scheduled(
    "forget_audit_exports",
    every_minutes=60,
    description="Delete prepared exports of the audit trail a day after they were asked for.",
)
def forget_audit_exports():
    deleted, _ = AuditExport.objects.filter(
        created_at__lt=timezone.now() - dt.timedelta(days=1)
    ).delete()
    return {"deleted": deleted}
