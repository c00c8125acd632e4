"""Security events the framework signals: sign-in and out, lockout, role and leadership changes."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from audit.trail import Action, Outcome, record
from groups.models import GroupLeadership
from liaison.models import StaffMembership, User
from liaison.sessions import end_all_sessions, remember_session


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    remember_session(request, user)
    record(Action.LOGIN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("username", ""))[:254]
    known = User.objects.filter(email__iexact=typed).first() if typed else None
    membership = known.membership if known is not None else None
    record(
        Action.LOGIN_FAILED,
        request=request,
        actor=typed,
        agency_id=membership.agency_id if membership else None,
        outcome=Outcome.FAILURE,
        detail="" if known else "no such account",
    )


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    ended = end_all_sessions(user, keep=None)
    record(Action.LOGOUT, request=request, user=user, detail=f"{ended} session(s) ended")


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(
        Action.LOCKED_OUT,
        request=request,
        actor=str(username or "")[:254],
        outcome=Outcome.DENIED,
        detail=f"address {ip_address}" if ip_address else "",
    )


# --- roles and leadership -----

# The fields whose change is a security event, read before each save to compare after it.
WATCHED = {
    StaffMembership: ("role", "unit_id", "is_active", "agency_id"),
    User: ("is_active",),
    GroupLeadership: ("ended_at",),
}


def _before(sender, instance, update_fields=None, **kwargs):
    """The watched values as stored, or None for a new row or a save that touches none of them
    (such as the last-login time written at every sign-in)."""
    fields = WATCHED[sender]
    names = set(fields) | {field.removesuffix("_id") for field in fields}
    touched = update_fields is None or names & set(update_fields)
    instance._audit_before = (
        sender.objects.filter(pk=instance.pk).values(*fields).first()
        if instance.pk and touched
        else None
    )


for _model in WATCHED:
    pre_save.connect(_before, sender=_model, dispatch_uid=f"audit_before_{_model.__name__}")


@receiver(post_save, sender=StaffMembership, dispatch_uid="audit_membership_after")
def _membership_after(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    if created:
        record(
            Action.STAFF_ADDED,
            obj=instance,
            agency_id=instance.agency_id,
            detail=f"{instance.user.email} as {instance.role}",
        )
        return
    if before is None:
        return
    changes = [
        f"{field.removesuffix('_id')}: {before[field]} → {getattr(instance, field)}"
        for field in WATCHED[StaffMembership]
        if before[field] != getattr(instance, field)
    ]
    if not changes:
        return
    record(
        Action.ROLE_CHANGED,
        obj=instance,
        agency_id=instance.agency_id,
        detail=f"{instance.user.email}: " + "; ".join(changes),
    )
    if before["is_active"] and not instance.is_active:
        end_all_sessions(instance.user)


@receiver(post_save, sender=User, dispatch_uid="audit_user_after")
def _user_after(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    if created or before is None or not before["is_active"] or instance.is_active:
        return
    ended = end_all_sessions(instance)
    membership = StaffMembership.objects.filter(user=instance).only("agency_id").first()
    record(
        Action.ROLE_CHANGED,
        obj=instance,
        agency_id=membership.agency_id if membership else None,
        detail=f"{instance.email}: account deactivated; {ended} session(s) ended",
    )


@receiver(post_save, sender=GroupLeadership, dispatch_uid="audit_leadership_after")
def _leadership_after(sender, instance, created, **kwargs):
    """A leadership changed outside `groups.leadership` (Django admin, a shell): the services
    write their own, fuller entries."""
    if getattr(instance, "_audited", False):
        return
    if created:
        action = Action.LEADERSHIP_STARTED
    elif (
        instance.ended_at
        and (before := getattr(instance, "_audit_before", None)) is not None
        and not before["ended_at"]
    ):
        action = Action.LEADERSHIP_ENDED
    else:
        return
    record(action, obj=instance, detail=f"{instance.user.email} · {instance.group.name}")
