"""Security events the framework signals: sign-in and out, lockout, role changes. (Sessions are
kept by `liaison.receivers`; leaderships changed outside their services by
`groups.leadership.receivers`.)"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from audit.trail import Action, Outcome, record
from liaison.models import StaffMembership, User
from liaison.receivers import WATCHED, deactivated


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
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
    ended = getattr(request, "sessions_ended", 0)
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


# --- roles -----


@receiver(post_save, sender=StaffMembership, dispatch_uid="audit_membership_after")
def _membership_after(sender, instance, created, **kwargs):
    before = getattr(instance, "_before_save", None)
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
    if changes:
        record(
            Action.ROLE_CHANGED,
            obj=instance,
            agency_id=instance.agency_id,
            detail=f"{instance.user.email}: " + "; ".join(changes),
        )


@receiver(post_save, sender=User, dispatch_uid="audit_user_after")
def _user_after(sender, instance, created, **kwargs):
    if created or not deactivated(instance):
        return
    ended = getattr(instance, "_sessions_ended", 0)
    membership = StaffMembership.objects.filter(user=instance).only("agency_id").first()
    record(
        Action.ROLE_CHANGED,
        obj=instance,
        agency_id=membership.agency_id if membership else None,
        detail=f"{instance.email}: account deactivated; {ended} session(s) ended",
    )
