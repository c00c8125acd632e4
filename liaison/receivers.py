"""Sessions follow the accounts: a sign-in is remembered, signing out ends the person's sessions
on every device, and deactivating a membership or an account ends them too. The audit trail
records these events on its own (`audit.receivers`); neither depends on the other.

The values of the watched fields are read once before each save (`instance._before_save`),
for this module and for the audit trail to compare after it."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from liaison.models import StaffMembership, User
from liaison.sessions import end_all_sessions, remember_session

# The fields whose change matters to sessions or to the audit trail.
WATCHED = {
    StaffMembership: ("role", "unit_id", "is_active", "agency_id"),
    User: ("is_active",),
}


def _before(sender, instance, update_fields=None, **kwargs):
    """The watched values as stored, or None for a new row or a save that touches none of them
    (such as the last-login time written at every sign-in)."""
    fields = WATCHED[sender]
    names = set(fields) | {field.removesuffix("_id") for field in fields}
    touched = update_fields is None or names & set(update_fields)
    instance._before_save = (
        sender.objects.filter(pk=instance.pk).values(*fields).first()
        if instance.pk and touched
        else None
    )


for _model in WATCHED:
    pre_save.connect(_before, sender=_model, dispatch_uid=f"before_save_{_model.__name__}")


def deactivated(instance) -> bool:
    before = getattr(instance, "_before_save", None)
    return before is not None and before["is_active"] and not instance.is_active


@receiver(user_logged_in, dispatch_uid="sessions_login")
def _logged_in(sender, request, user, **kwargs):
    remember_session(request, user)


@receiver(user_logged_out, dispatch_uid="sessions_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        request.sessions_ended = end_all_sessions(user, keep=None)


@receiver(post_save, sender=StaffMembership, dispatch_uid="sessions_membership_after")
def _membership_after(sender, instance, created, **kwargs):
    if not created and deactivated(instance):
        end_all_sessions(instance.user)


@receiver(post_save, sender=User, dispatch_uid="sessions_user_after")
def _user_after(sender, instance, created, **kwargs):
    if not created and deactivated(instance):
        instance._sessions_ended = end_all_sessions(instance)
