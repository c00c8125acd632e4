"""The audit trail: an append-only record of security-relevant events.

Each entry says when (UTC), who (actor, role, agency), what (action, object, outcome) and which
request. It names a client only by pseudonym (the agency's record number), never by identity.
The application never changes or deletes an entry; on PostgreSQL a trigger refuses it too.
"""

from functools import cache

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from liaison.models import AppendOnlyModel, AppendOnlyQuerySet, StaffMembership

# The one object the trail names by its pseudonym: the client.
CLIENT_MODEL = "referrals.Client"


@cache
def object_kind(label: str) -> str:
    """What an entry's object is, as people call it ("Staff membership" for
    `liaison.StaffMembership`); the stored label of a model that is no longer installed."""
    try:
        return capfirst(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


class AuditQuerySet(AppendOnlyQuerySet):
    def for_agency(self, agency):
        return self.filter(agency_id=agency.pk)


class AuditEvent(AppendOnlyModel):
    APPEND_ONLY = "The audit trail cannot be changed."

    class Action(models.TextChoices):
        LOGIN = "login", "Signed in"
        LOGIN_FAILED = "login_failed", "Sign-in refused"
        LOGOUT = "logout", "Signed out"
        SESSION_EXPIRED = "session_expired", "Session expired"
        SESSIONS_ENDED = "sessions_ended", "All sessions ended"
        LOCKED_OUT = "locked_out", "Locked out after failed sign-ins"
        UNLOCKED = "unlocked", "Sign-in lock lifted"
        MFA_ENROLLED = "mfa_enrolled", "Two-factor set up"
        MFA_VERIFIED = "mfa_verified", "Two-factor code accepted"
        MFA_FAILED = "mfa_failed", "Two-factor code refused"
        MFA_RECOVERY_CODES = "mfa_recovery_codes", "New recovery codes"
        MFA_REMOVED = "mfa_removed", "Two-factor removed"
        STAFF_ADDED = "staff_added", "Staff account added"
        ROLE_CHANGED = "role_changed", "Role or access changed"
        LEADERSHIP_STARTED = "leadership_started", "Became a group leader"
        LEADERSHIP_ENDED = "leadership_ended", "Stopped leading a group"
        LEADER_PROPOSED = "leader_proposed", "Leader proposed by agency staff"
        LEADER_INVITED = "leader_invited", "Leader invited"
        LEADER_DECIDED = "leader_decided", "Leader proposal decided"
        LEADER_WITHDRAWN = "leader_withdrawn", "Leader invitation withdrawn"
        STAFF_INVITED = "staff_invited", "Staff invitation sent"
        IDENTITY_VIEWED = "identity_viewed", "Client identity viewed"
        IDENTITY_PRINTED = "identity_printed", "Client identity printed"
        IDENTITY_EXPORTED = "identity_exported", "Client record exported"
        CONSENT_RECORDED = "consent_recorded", "Consent recorded"
        CONSENT_SIGNED = "consent_signed", "Consent signed"
        CONSENT_REVOKED = "consent_revoked", "Consent revoked"
        DISCLOSURE = "disclosure", "Identity disclosed under consent"
        CLIENT_DELETED = "client_deleted", "Client deleted"
        CLIENT_RESTORED = "client_restored", "Client restored"
        CLIENT_PURGED = "client_purged", "Client identity purged"
        REFERRAL_DELETED = "referral_deleted", "Referral deleted"
        ACCESS_DENIED = "access_denied", "Access refused"
        AUDIT_EXPORTED = "audit_exported", "Audit trail exported"

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Done"
        FAILURE = "failure", "Failed"
        DENIED = "denied", "Refused"

    at = models.DateTimeField(default=timezone.now, editable=False)
    # Plain values, not foreign keys: an entry outlives the user, agency or object it names.
    actor_id = models.BigIntegerField(null=True, blank=True, editable=False)
    actor = models.CharField(max_length=254, blank=True, editable=False)
    role = models.CharField(max_length=30, blank=True, editable=False)
    agency_id = models.BigIntegerField(null=True, blank=True, editable=False)
    action = models.CharField(max_length=30, choices=Action.choices, editable=False)
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS, editable=False
    )
    object_type = models.CharField(max_length=60, blank=True, editable=False)
    object_id = models.CharField(max_length=40, blank=True, editable=False)
    client_pseudonym = models.CharField(max_length=60, blank=True, editable=False)
    request_id = models.CharField(max_length=64, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    path = models.CharField(max_length=300, blank=True, editable=False)
    detail = models.CharField(max_length=300, blank=True, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["agency_id", "at"]),
            models.Index(fields=["agency_id", "action", "at"]),
            models.Index(fields=["client_pseudonym"]),
            models.Index(fields=["actor_id", "at"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor or '—'} {self.action} {self.outcome}"

    @property
    def object_label(self) -> str:
        """The object as people read it: its kind and number, and a client by pseudonym only.
        Made of what the entry holds, never of the object itself, which may hold a client's
        identity or be gone."""
        if not self.object_type:
            return ""
        kind = object_kind(self.object_type)
        if self.object_type == CLIENT_MODEL and self.client_pseudonym:
            return f"{kind} {self.client_pseudonym}"
        return f"{kind} #{self.object_id}" if self.object_id else kind

    @property
    def role_label(self) -> str:
        labels = {**dict(StaffMembership.Role.choices), "leader": "Group leader"}
        return labels.get(self.role, self.role.capitalize())


class AuditExport(models.Model):
    """A large export of the trail, written by a background task for the admin who asked, and
    forgotten a day later. Small exports are answered at once instead."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being written"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    agency_id = models.BigIntegerField()
    requested_by = models.ForeignKey("liaison.User", on_delete=models.CASCADE, related_name="+")
    params = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    content = models.BinaryField(default=b"")
    rows = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Audit export {self.pk} ({self.state})"
