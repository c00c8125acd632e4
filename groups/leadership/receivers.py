"""A leadership changed outside `groups.leadership.services` (Django admin, a shell) is recorded
in the audit trail too; the services write their own, fuller entries."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from audit.trail import Action, record
from groups.models import GroupLeadership


@receiver(pre_save, sender=GroupLeadership, dispatch_uid="leadership_before")
def _before(sender, instance, update_fields=None, **kwargs):
    touched = update_fields is None or "ended_at" in update_fields
    instance._ended_before = (
        sender.objects.filter(pk=instance.pk).values_list("ended_at", flat=True).first()
        if instance.pk and touched
        else "unknown"
    )


@receiver(post_save, sender=GroupLeadership, dispatch_uid="leadership_after")
def _after(sender, instance, created, **kwargs):
    if getattr(instance, "_audited", False):
        return
    if created:
        action = Action.LEADERSHIP_STARTED
    elif instance.ended_at and getattr(instance, "_ended_before", "unknown") is None:
        action = Action.LEADERSHIP_ENDED
    else:
        return
    record(action, obj=instance, detail=f"{instance.user.email} · {instance.group.name}")
