"""Clients, consents, referrals to groups, follow-ups, and the ledger of every disclosure.

A client is pseudonymous (record number and initials). Their identity lives apart, is shown only
to practitioners of the client's unit, and leaves the agency only under a valid consent (US 42 CFR
Part 2, §2.31) naming the recipient and the information; each hand-over is written to an
append-only ledger carrying the §2.32 notice."""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from audit.trail import pseudonym_for
from liaison import limits
from liaison.models import AgencyScopedQuerySet, AppendOnlyModel, AppendOnlyQuerySet

NOTICE_2_32 = (
    "This record which has been disclosed to you is protected by federal confidentiality rules "
    "(42 CFR part 2). These rules prohibit you from using or disclosing this record, or testimony "
    "that describes the information contained in this record, for any purpose other than the "
    "purpose for which it was disclosed, unless expressly permitted by the written consent of the "
    "individual whose information is being disclosed or as otherwise permitted by 42 CFR part 2."
)


class ClientQuerySet(AgencyScopedQuerySet):
    """An agency's clients, less those deleted (kept until purged, out of every list)."""

    def for_agency(self, agency):
        return super().for_agency(agency).filter(deleted_at__isnull=True)

    def active(self):
        return self.filter(is_active=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


class Client(models.Model):
    """A client, known in the system by the agency's record number and initials only."""

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "liaison.AgencyUnit",
        on_delete=models.PROTECT,
        related_name="clients",
        help_text="Only practitioners of this unit see the client's identity.",
    )
    record_number = models.CharField(max_length=40)
    initials = models.CharField(max_length=5)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Deleted: out of every list at once; the identity goes when `purge_clients` runs after
    # CLIENT_RETENTION_DAYS, leaving the pseudonymous record and the disclosure ledger.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["record_number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "record_number"], name="one_record_number")
        ]
        indexes = [
            models.Index(fields=["agency", "unit"]),
            models.Index(fields=["deleted_at"], name="client_deleted_idx"),
        ]

    def __str__(self):
        return f"{self.initials} · #{self.record_number}"

    @property
    def pseudonym(self) -> str:
        """How the audit trail names the client: never the identity."""
        return self.pseudonym_for(self.record_number)

    @staticmethod
    def pseudonym_for(record_number: str) -> str:
        return pseudonym_for(record_number)


class ClientIdentity(models.Model):
    """Who the client is. Stored apart from the pseudonymous record; need-to-know only."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="identity")
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    preferred_language = models.ForeignKey(
        "groups.Language", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()


def new_access_key() -> str:
    return secrets.token_urlsafe(32)


class PeerVolunteer(models.Model):
    """A seasoned member of a group who agrees to meet newcomers. Managed by the group's leader."""

    group = models.ForeignKey(
        "groups.SelfHelpGroup", on_delete=models.CASCADE, related_name="volunteers"
    )
    first_name = models.CharField(max_length=60)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    languages = models.ManyToManyField("groups.Language", blank=True, related_name="+")
    availability = models.CharField(max_length=200, blank=True, help_text="E.g. weekday evenings.")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The volunteer's own link to what clients agreed to share with them. Only the volunteer
    # receives it; it changes with their email or phone, so that a new address set by someone
    # else opens nothing shared before.
    access_key = models.CharField(
        max_length=64, unique=True, default=new_access_key, editable=False
    )
    contact_changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["first_name"]

    def __str__(self):
        return f"{self.first_name} ({self.group})"

    def get_absolute_url(self):
        return reverse("volunteer:home", args=[self.access_key])

    def clean(self):
        super().clean()
        if not (self.phone or self.email):
            raise ValidationError({"phone": "Give a phone number or an email address."})


class Consent(models.Model):
    """A written consent to disclose named information to a named recipient (§2.31)."""

    class SignedHow(models.TextChoices):
        PAPER = "paper", "Signed on paper (on file)"
        ELECTRONIC = "electronic", "Signed electronically"

    INFORMATION = [
        ("share_first_name", "first name"),
        ("share_phone", "phone number"),
        ("share_email", "email address"),
        ("share_preferred_meeting", "preferred meeting"),
    ]

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    discloser = models.CharField(
        "who may disclose", max_length=200, help_text="The agency (or program) disclosing."
    )
    share_first_name = models.BooleanField("first name", default=False)
    share_phone = models.BooleanField("phone number", default=False)
    share_email = models.BooleanField("email address", default=False)
    share_preferred_meeting = models.BooleanField("preferred meeting", default=False)
    volunteer = models.ForeignKey(
        PeerVolunteer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        help_text="The named peer volunteer who may receive the information…",
    )
    contact = models.ForeignKey(
        "groups.Contact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="…or the group's named contact person.",
    )
    purpose = models.CharField(
        max_length=300,
        default="To introduce the client to the group and accompany them to a first meeting.",
    )
    expires_on = models.DateField(null=True, blank=True)
    expiry_event = models.CharField(
        "or expires upon", max_length=200, blank=True, help_text="E.g. “the end of treatment”."
    )
    signed_on = models.DateField(
        null=True, blank=True, help_text="Empty until the client has signed the printed form."
    )
    signed_how = models.CharField(max_length=12, choices=SignedHow.choices, blank=True)
    revoked_on = models.DateField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = [models.F("signed_on").desc(nulls_first=True), "-pk"]

    def __str__(self):
        return f"Consent of {self.client} for {self.recipient_name}"

    @property
    def recipient(self):
        return self.volunteer or self.contact

    @property
    def recipient_name(self):
        if self.volunteer_id:
            return f"{self.volunteer.first_name}, peer volunteer of {self.volunteer.group}"
        if self.contact_id:
            return f"{self.contact.public_name}, contact of {self.contact.group}"
        return "—"

    def names(self, recipient) -> bool:
        return recipient is not None and recipient == self.recipient

    @property
    def information(self) -> list[str]:
        return [label for field, label in self.INFORMATION if getattr(self, field)]

    @property
    def fields(self) -> list[str]:
        return [
            field.removeprefix("share_") for field, _ in self.INFORMATION if getattr(self, field)
        ]

    def is_valid_on(self, day: dt.date) -> bool:
        """Signed, not revoked, not expired."""
        if self.revoked_on is not None and self.revoked_on <= day:
            return False
        if self.signed_on is None or self.signed_on > day:
            return False
        return self.expires_on is None or day <= self.expires_on

    def status(self, day=None) -> str:
        day = day or timezone.localdate()
        if self.revoked_on:
            return "revoked"
        if self.signed_on is None:
            return "awaiting signature"
        if self.expires_on and day > self.expires_on:
            return "expired"
        return "valid" if self.is_valid_on(day) else "not yet valid"

    def clean(self):
        super().clean()
        errors = {}
        if not self.information:
            errors["share_first_name"] = "Choose the information the client agrees to share."
        if bool(self.volunteer_id) == bool(self.contact_id):
            errors["volunteer"] = "Name one recipient: a peer volunteer or the group's contact."
        if not self.expires_on and not self.expiry_event:
            errors["expires_on"] = "Give the expiry date or the event upon which it expires."
        if self.expires_on and self.expires_on < (self.signed_on or timezone.localdate()):
            errors["expires_on"] = "The consent must expire after it is signed."
        if self.signed_on and self.signed_on > timezone.localdate():
            errors["signed_on"] = "The signature date cannot be in the future."
        if self.signed_on and not self.signed_how:
            errors["signed_how"] = "Say how the client signed."
        if self.signed_how and not self.signed_on:
            errors["signed_on"] = "Give the date the client signed."
        if errors:
            raise ValidationError(errors)


class ReferralQuerySet(AgencyScopedQuerySet):
    def for_agency(self, agency):
        return super().for_agency(agency).filter(deleted_at__isnull=True)

    def open(self):
        return self.exclude(status__in=Referral.CLOSED_STATES)


class Referral(models.Model):
    """A client referred to a group. The states follow the client, not a provider that accepts."""

    class Kind(models.TextChoices):
        STANDARD = "standard", "Standard: schedule and encouragement"
        INTENSIVE = "intensive", "Intensive: linked with a peer volunteer"

    class Status(models.TextChoices):
        MADE = "made", "Referral made"
        VOLUNTEER_CONTACTED = "volunteer_contacted", "Volunteer contacted"
        MET_VOLUNTEER = "met_volunteer", "Met the volunteer"
        NOT_REACHED = "not_reached", "Volunteer could not reach them"
        MEETING_ARRANGED = "meeting_arranged", "First meeting arranged"
        ATTENDED = "attended", "Attended"
        ENGAGED = "engaged", "Engaged"
        NOT_ATTENDED = "not_attended", "Did not attend"
        DECLINED = "declined", "Declined"
        CLOSED = "closed", "Closed"

    CLOSED_STATES = ["engaged", "declined", "closed"]

    # Read through the (agency, status) and (agency, made_on, group) indexes.
    agency = models.ForeignKey(
        "liaison.Agency", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referrals")
    group = models.ForeignKey(
        "groups.SelfHelpGroup", on_delete=models.PROTECT, related_name="referrals"
    )
    meeting = models.ForeignKey(
        "groups.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STANDARD)
    volunteer = models.ForeignKey(
        PeerVolunteer, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    at_discharge = models.BooleanField(
        "made at discharge or termination",
        default=False,
        help_text="A referral at the point of leaving treatment is easily felt as a dismissal.",
    )

    class Reminder(models.TextChoices):
        NONE = "", "No reminder"
        EMAIL = "email", "By email"
        TEXT = "text", "By text message"

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.MADE)
    # A reminder of the first meeting, the day before, when the client asked for one; they can
    # stop it from the reminder itself.
    reminder = models.CharField(
        "remind the client of the meeting",
        max_length=5,
        choices=Reminder.choices,
        blank=True,
        default=Reminder.NONE,
    )
    reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    # The furthest stage of the funnel the referral has reached (0 made, 1 contacted,
    # 2 attended, 3 engaged), kept by ReferralEvent so the dashboard counts without a scan.
    reached = models.PositiveSmallIntegerField(default=0, editable=False)
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    made_on = models.DateField(default=timezone.localdate)
    # One submission, one referral: a form sent twice carries the same token.
    submission = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-made_on", "-pk"]
        indexes = [
            # The lists, and the dashboard's referrals per group read from the index alone.
            models.Index(
                fields=["agency", "made_on", "group"],
                condition=models.Q(deleted_at__isnull=True),
                name="referral_made_group",
            ),
            models.Index(fields=["agency", "status"]),
        ]

    def __str__(self):
        return f"{self.client} → {self.group}"

    @classmethod
    def from_db(cls, db, field_names, values):
        # The month it was counted in, should an edit move it (`referrals.monthly`).
        instance = super().from_db(db, field_names, values)
        instance._counted_on = instance.__dict__.get("made_on")
        return instance

    def clean(self):
        super().clean()
        if self.kind == self.Kind.INTENSIVE and not self.volunteer_id:
            raise ValidationError(
                {"volunteer": "An intensive referral links the client with a volunteer."}
            )
        if self.volunteer_id and self.group_id and self.volunteer.group_id != self.group_id:
            raise ValidationError({"volunteer": "This volunteer belongs to another group."})
        if self.meeting_id and self.group_id and self.meeting.group_id != self.group_id:
            raise ValidationError({"meeting": "This meeting belongs to another group."})


STAGE = {
    "volunteer_contacted": 1,
    "met_volunteer": 1,
    "meeting_arranged": 1,
    "attended": 2,
    "engaged": 3,
}


class ReferralEvent(models.Model):
    """Each change of a referral's state: when, by whom, why."""

    # Read through the (referral, status) index.
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    status = models.CharField(max_length=20, choices=Referral.Status.choices)
    on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A change the peer volunteer reported from their own page (they have no account).
    volunteer = models.ForeignKey(
        PeerVolunteer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        db_index=False,  # read through the (volunteer, created_at) index
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["referral", "status"]),
            models.Index(fields=["volunteer", "created_at"]),
        ]

    def __str__(self):
        return f"{self.get_status_display()} on {self.on}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        stage = STAGE.get(self.status, 0)
        if stage:
            Referral.objects.filter(pk=self.referral_id, reached__lt=stage).update(reached=stage)


# How far ahead the office home and the referrals list show a follow-up as due.
FOLLOW_UP_AHEAD_DAYS = 7


class FollowUpQuerySet(models.QuerySet):
    agency_field = "referral__agency"

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(referral__agency=user.agency, referral__deleted_at__isnull=True)

    def due(self, day=None):
        return self.filter(done_on__isnull=True, due_on__lte=day or timezone.localdate())

    def to_record(self, user, today=None):
        """The follow-ups `user` has to record: of their own referrals in their agency, still
        open (not declined or closed), not done, due within `FOLLOW_UP_AHEAD_DAYS` or overdue. A
        practitioner records only the follow-ups of the referrals they made."""
        today = today or timezone.localdate()
        return (
            self.for_user(user)
            .due(today + dt.timedelta(days=FOLLOW_UP_AHEAD_DAYS))
            .filter(referral__made_by=user)
            .exclude(referral__status__in=[Referral.Status.DECLINED, Referral.Status.CLOSED])
        )


class FollowUp(models.Model):
    """A check, days after the referral, on whether the client went and keeps going."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="follow_ups")
    offset_days = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    attended = models.BooleanField("went to a meeting", null=True, blank=True)
    meetings_attended = models.PositiveSmallIntegerField(
        "meetings in the period", null=True, blank=True, validators=[MaxValueValidator(200)]
    )
    still_attending = models.BooleanField(null=True, blank=True)
    has_sponsor = models.BooleanField("has a sponsor or mentor", null=True, blank=True)
    # The group as part of therapy: self-help enriches treatment when it is talked about in it.
    discussed_in_session = models.BooleanField(
        "talked about the group in session", null=True, blank=True
    )
    satisfaction = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (not at all) to 5 (very).",
    )
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]
        indexes = [models.Index(fields=["due_on"]), models.Index(fields=["done_on", "due_on"])]

    def __str__(self):
        return f"Follow-up at {self.offset_days} days of {self.referral}"

    @classmethod
    def from_db(cls, db, field_names, values):
        # The month it was counted in, should an edit move it (`referrals.monthly`).
        instance = super().from_db(db, field_names, values)
        instance._counted_on = instance.__dict__.get("due_on")
        return instance


class DisclosureQuerySet(AppendOnlyQuerySet, AgencyScopedQuerySet):
    pass


class Disclosure(AppendOnlyModel):
    """One hand-over of client identity outside the agency. Append-only."""

    APPEND_ONLY = "The disclosure ledger cannot be changed."

    class Method(models.TextChoices):
        EMAIL = "email", "Email to the volunteer"
        PORTAL = "portal", "The group leader's portal"

    agency = models.ForeignKey("liaison.Agency", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="disclosures")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="disclosures")
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, related_name="disclosures"
    )
    recipient = models.CharField(max_length=200)
    information = models.JSONField(default=list)
    purpose = models.CharField(max_length=300)
    method = models.CharField(max_length=10, choices=Method.choices)
    notice = models.TextField(max_length=limits.LONG_TEXT, default=NOTICE_2_32)
    disclosed_at = models.DateTimeField(default=timezone.now)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-disclosed_at"]
        indexes = [models.Index(fields=["client", "disclosed_at"])]

    def __str__(self):
        return f"Disclosure to {self.recipient} on {self.disclosed_at:%Y-%m-%d}"


class StorySession(models.Model):
    """A client affiliated with a group tells their story to clients early in recovery."""

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField()
    storyteller = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    storyteller_consented = models.BooleanField(
        "the storyteller agreed to tell their story", default=False
    )
    groups = models.ManyToManyField("groups.SelfHelpGroup", blank=True, related_name="+")
    clients_reached = models.PositiveSmallIntegerField(validators=[MaxValueValidator(500)])
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return f"Story session on {self.held_on}"

    def clean(self):
        super().clean()
        if not self.storyteller_consented:
            raise ValidationError(
                {"storyteller_consented": "A story is told only with the storyteller's consent."}
            )


class DailyCount(models.Model):
    """An agency's referral and follow-up counts for one day, kept so that the dashboard adds
    up a year of rows instead of counting hundreds of thousands of records on every view
    (`referrals.monthly`). A row is marked stale by any change to what it counts, and counted
    again by the scheduled job; until then the dashboard counts that day from the records."""

    agency = models.ForeignKey(
        "liaison.Agency", on_delete=models.CASCADE, related_name="+", db_index=False
    )  # read through the unique (agency, family, day)
    family = models.CharField(max_length=20)  # "referrals" (by day made), "followups" (due)
    day = models.DateField()
    counts = models.JSONField(null=True, blank=True)  # None until first counted
    stale = models.BooleanField(default=False)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "family", "day"], name="one_daily_count")
        ]

    def __str__(self):
        return f"{self.family} {self.day}"
