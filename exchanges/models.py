"""The agency's exchanges with self-help groups at each level of the agency (Powell & Perron,
2010): board seats held by self-help leaders, formal ties, staff training with self-help speakers,
staff visits to groups, support given to groups, and other activities. Private to each agency."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from liaison import limits
from liaison.models import Agency, AgencyScopedQuerySet, AgencyUnit


class BoardSeat(models.Model):
    """A seat on the agency's board. The paper: boards recruit empowered leaders identified with
    established groups, not newcomers; the share of such seats is watched."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="board_seats")
    holder_name = models.CharField(max_length=150)
    title = models.CharField(max_length=100, default="Board member")
    is_self_help_leader = models.BooleanField(
        "held by a self-help leader",
        default=False,
        help_text="The holder leads, or is identified with, an established self-help group.",
    )
    group = models.ForeignKey(
        "groups.SelfHelpGroup", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "groups.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when these records were part of `liaison`.
        db_table = "liaison_boardseat"
        ordering = ["-is_self_help_leader", "holder_name"]
        indexes = [models.Index(fields=["agency", "term_end"])]

    def __str__(self):
        return f"{self.holder_name} ({self.title})"

    def clean(self):
        super().clean()
        if self.term_end and self.term_start and self.term_end < self.term_start:
            raise ValidationError({"term_end": "The term must end after it starts."})
        if self.is_self_help_leader and not (self.group_id or self.organization_id):
            raise ValidationError(
                {"group": "Say which group or organization the leader is identified with."}
            )

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)

    def has_expired(self, day=None):
        """The term has ended: its last day is past."""
        day = day or timezone.localdate()
        return self.term_end is not None and self.term_end < day


class FormalTie(models.Model):
    """An agreement between the agency and a group or organization."""

    class Kind(models.TextChoices):
        LIAISON = "liaison", "Liaison agreement"
        REFERRAL = "referral", "Referral protocol"
        SPACE = "space", "Meeting-space use"
        COSPONSOR = "cosponsor", "Co-sponsorship"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="formal_ties")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    group = models.ForeignKey(
        "groups.SelfHelpGroup", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "groups.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    signed_on = models.DateField(null=True, blank=True)
    renews_on = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    RENEWAL_WARNING_DAYS = 60

    class Meta:
        # The table keeps the name it had when these records were part of `liaison`.
        db_table = "liaison_formaltie"
        ordering = ["renews_on", "kind"]
        indexes = [models.Index(fields=["agency", "status", "renews_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.group or self.organization}"

    def clean(self):
        super().clean()
        if not (self.group_id or self.organization_id):
            raise ValidationError({"group": "Choose the group or the organization of the tie."})
        if self.renews_on and self.signed_on and self.renews_on <= self.signed_on:
            raise ValidationError({"renews_on": "It must renew after it was signed."})
        if self.status == self.Status.ACTIVE and not self.signed_on:
            raise ValidationError({"signed_on": "An active agreement has a signing date."})

    @classmethod
    def renew_by(cls, day) -> dt.date:
        """Active ties renewing on or before this date are due for renewal on `day`."""
        return day + dt.timedelta(days=cls.RENEWAL_WARNING_DAYS)

    @classmethod
    def due_for_renewal(cls, day=None) -> models.Q:
        """The ties `renewal_due` on `day`, as a filter for a query."""
        day = day or timezone.localdate()
        return models.Q(status=cls.Status.ACTIVE, renews_on__lte=cls.renew_by(day))

    def renewal_due(self, day=None):
        day = day or timezone.localdate()
        return (
            self.status == self.Status.ACTIVE
            and self.renews_on is not None
            and self.renews_on <= self.renew_by(day)
        )

    def has_expired(self, day=None):
        """An active agreement whose renewal date has passed without a renewal."""
        day = day or timezone.localdate()
        return (
            self.status == self.Status.ACTIVE
            and self.renews_on is not None
            and self.renews_on < day
        )


class TrainingSession(models.Model):
    """Staff development with self-help speakers: the paper's speakers at staff meetings, panels,
    simulated support-group meetings, and workshops on referring and on discussing self-help."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", "Self-help speaker at a staff meeting"
        PANEL = "panel", "Panel of self-help members"
        SIMULATION = "simulation", "Simulated support-group meeting"
        REFERRAL_WORKSHOP = "referral_workshop", "Workshop on referring to self-help"
        COUNSELLING_WORKSHOP = (
            "counselling_workshop",
            "Workshop on discussing self-help in counselling",
        )

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="trainings")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    hours = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5), MaxValueValidator(40)]
    )
    groups = models.ManyToManyField(
        "groups.SelfHelpGroup",
        blank=True,
        related_name="+",
        help_text="The groups the presenters come from.",
    )
    presenters = models.CharField(
        max_length=300, blank=True, help_text="First names and roles, e.g. “Ana (NAMI), Joe (AA)”."
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="trainings"
    )
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when these records were part of `liaison`.
        db_table = "liaison_trainingsession"
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["agency", "held_on"])]

    def __str__(self):
        return self.title


class Visit(models.Model):
    """A staff visit to a group — to learn its culture and cultivate contact persons, not to
    observe it. Closed meetings are for members: a visit to one is a talk with the contact
    person, never an observation."""

    class Kind(models.TextChoices):
        OPEN_MEETING = "open_meeting", "Attend an open meeting"
        CONTACT = "contact", "Meet the group's contact person"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    # Both read through the composite indexes that start with them (Meta.indexes).
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="visits", db_index=False
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visits"
    )
    group = models.ForeignKey(
        "groups.SelfHelpGroup", on_delete=models.CASCADE, related_name="visits", db_index=False
    )
    meeting = models.ForeignKey(
        "groups.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OPEN_MEETING)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    contact_person = models.CharField("contact person met", max_length=100, blank=True)
    introduced_as_staff = models.BooleanField(
        "I said I am agency staff",
        default=True,
        help_text="Being open about your role is part of the visit.",
    )
    announce_to_group = models.BooleanField(
        "tell the group's leader I am coming",
        default=False,
        help_text="The leader sees your name and role with the meeting.",
    )
    learned_culture = models.CharField("the group's culture", max_length=300, blank=True)
    learned_who_attends = models.CharField("who attends", max_length=300, blank=True)
    learned_format = models.CharField("format", max_length=300, blank=True)
    learned_philosophy = models.CharField("philosophy", max_length=300, blank=True)
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when these records were part of `liaison`.
        db_table = "liaison_visit"
        ordering = ["-planned_on"]
        indexes = [
            models.Index(fields=["agency", "status", "done_on"]),
            models.Index(fields=["group", "status", "done_on"]),
        ]

    def __str__(self):
        return f"{self.staff} → {self.group} ({self.get_status_display().lower()})"

    def clean(self):
        super().clean()
        if self.meeting_id and self.group_id and self.meeting.group_id != self.group_id:
            raise ValidationError({"meeting": "This meeting belongs to another group."})
        if (
            self.kind == self.Kind.OPEN_MEETING
            and self.meeting_id
            and self.meeting.access == "closed"
        ):
            raise ValidationError(
                {
                    "meeting": "This meeting is closed: it is for members only, and a visit must "
                    "never be an observation of it. Choose an open meeting of the group, or meet "
                    "the contact person instead."
                }
            )
        if self.kind == self.Kind.OPEN_MEETING and not self.meeting_id:
            raise ValidationError({"meeting": "Choose the open meeting you will attend."})
        if self.status == self.Status.DONE:
            if not self.done_on:
                raise ValidationError({"done_on": "Say when the visit took place."})
            if not self.hours:
                raise ValidationError({"hours": "Say how long the visit took."})
            if self.done_on > timezone.localdate():
                raise ValidationError({"done_on": "A visit cannot be done in the future."})


class Support(models.Model):
    """What the agency gives a group. Recorded so that dependence can be seen (the autonomy
    watch): groups must never become the agency's instruments."""

    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", "Funding a newsletter"
        PRESENTATION = "presentation", "Educational presentation"
        SURVEY = "survey", "A survey by the group"
        TASK_FORCE = "task_force", "Task-force participation"
        SPACE = "space", "Meeting space"
        PRINTING = "printing", "Printing"
        OTHER = "other", "Other"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="support_given")
    group = models.ForeignKey(
        "groups.SelfHelpGroup", on_delete=models.CASCADE, related_name="support"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    given_on = models.DateField()
    amount = models.DecimalField(
        "money given",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    in_kind_value = models.DecimalField(
        "value in kind",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    description = models.CharField(max_length=300, blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when these records were part of `liaison`.
        db_table = "liaison_support"
        ordering = ["-given_on"]
        indexes = [models.Index(fields=["agency", "group", "given_on"])]
        verbose_name_plural = "support"

    def __str__(self):
        return f"{self.get_kind_display()} to {self.group}"

    @property
    def value(self):
        return (self.amount or 0) + (self.in_kind_value or 0)


class Activity(models.Model):
    """Any other exchange with groups: a speaker at a staff meeting, a panel, a web link, a
    research collaboration."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", "Speaker at a staff meeting"
        PANEL = "panel", "Panel"
        WEB_LINK = "web_link", "Web site link"
        RESEARCH = "research", "Research collaboration"
        MEETING = "meeting", "Meeting between leaders"
        OTHER = "other", "Other"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.CharField(max_length=20, choices=AgencyUnit.Level.choices)
    happened_on = models.DateField()
    groups = models.ManyToManyField("groups.SelfHelpGroup", blank=True, related_name="+")
    partners = models.CharField(
        max_length=300, blank=True, help_text="Community organizations that took part."
    )
    summary = models.TextField(max_length=limits.LONG_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when these records were part of `liaison`.
        db_table = "liaison_activity"
        ordering = ["-happened_on"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["agency", "happened_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.happened_on}"
