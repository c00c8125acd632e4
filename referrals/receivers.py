"""Changes that make an agency's kept monthly counts stale (`referrals.monthly`)."""

from django.db.models.signals import post_delete, post_save

from referrals import monthly
from referrals.models import STAGE, FollowUp, Referral, ReferralEvent


def referral_changed(sender, instance, **kwargs):
    days = [instance.made_on, getattr(instance, "_counted_on", None)]
    monthly.mark_stale(instance.agency_id, "referrals", days)
    instance._counted_on = instance.made_on


def stage_reached(sender, instance, created, **kwargs):
    if STAGE.get(instance.status):
        found = Referral.objects.filter(pk=instance.referral_id).values_list("agency_id", "made_on")
        for agency_id, made_on in found:
            monthly.mark_stale(agency_id, "referrals", [made_on])


def followup_changed(sender, instance, **kwargs):
    days = [instance.due_on, getattr(instance, "_counted_on", None)]
    monthly.mark_followups_stale(instance.referral_id, days)
    instance._counted_on = instance.due_on


def connect():
    post_save.connect(referral_changed, sender=Referral, dispatch_uid="monthly:referral")
    post_delete.connect(referral_changed, sender=Referral, dispatch_uid="monthly:referral-gone")
    post_save.connect(stage_reached, sender=ReferralEvent, dispatch_uid="monthly:stage")
    post_save.connect(followup_changed, sender=FollowUp, dispatch_uid="monthly:followup")
    post_delete.connect(followup_changed, sender=FollowUp, dispatch_uid="monthly:followup-gone")
