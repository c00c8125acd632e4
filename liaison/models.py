import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from liaison import limits


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        # Email is the login: one spelling per person, whatever case they type.
        return (email or "").strip().lower()

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=self.normalize_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: agency staff, a group leader, or whoever runs the installation."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_staff = models.BooleanField(
        "Django admin access", default=False, help_text="Can sign in to the Django admin."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # The language the person last signed in with: mails sent to them later (verification
    # reminders to leaders) are written in it.
    language = models.CharField(max_length=8, blank=True, default="")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = type(self).objects.normalize_email(self.email)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name.split() or [self.email])[0]

    @property
    def membership(self):
        """The user's active staff membership, or None (cached for the request)."""
        if not hasattr(self, "_membership_cache"):
            self._membership_cache = (
                StaffMembership.objects.select_related("agency", "unit")
                .filter(user=self, is_active=True)
                .first()
            )
        return self._membership_cache

    @property
    def agency(self):
        membership = self.membership
        return membership.agency if membership else None

    @property
    def role(self):
        membership = self.membership
        return membership.role if membership else None

    def has_role(self, *roles):
        return self.is_active and self.role in roles

    @property
    def is_group_leader(self):
        if not hasattr(self, "_is_leader_cache"):
            self._is_leader_cache = self.is_active and self.leaderships.active().exists()
        return self._is_leader_cache


class Agency(models.Model):
    """A treatment agency. Everything it records is private to it; the directory is shared."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    require_mfa = models.BooleanField(
        "require two-factor sign-in for all staff",
        default=False,
        help_text="Practitioners, who can see client identity, always need it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class AppendOnlyQuerySet(models.QuerySet):
    """Rows of an `AppendOnlyModel`: no bulk update or delete either."""

    def update(self, **kwargs):
        raise ValidationError(self.model.APPEND_ONLY)

    def delete(self):
        raise ValidationError(self.model.APPEND_ONLY)


class AppendOnlyModel(models.Model):
    """Rows written once and never changed or deleted: a ledger, a trail."""

    APPEND_ONLY = "These records cannot be changed."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(self.APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(self.APPEND_ONLY)


class AgencyScopedQuerySet(models.QuerySet):
    """Private data of one agency: every read starts from `for_user(user)`."""

    agency_field = "agency"

    def for_agency(self, agency):
        if agency is None:
            return self.none()
        return self.filter(**{self.agency_field: agency})

    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.for_agency(user.agency)


class AgencyUnit(models.Model):
    """A part of the agency at one of the paper's four levels of exchange."""

    class Level(models.TextChoices):
        BOARD = "board", "Board"
        EXECUTIVE = "executive", "Executive"
        PRACTITIONER = "practitioner", "Practitioner"
        CLIENT = "client", "Client"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(max_length=150)
    level = models.CharField(max_length=20, choices=Level.choices)
    description = models.TextField(max_length=limits.LONG_TEXT, blank=True)
    is_active = models.BooleanField(default=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_in_agency"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_level_display().lower()})"


class StaffMembershipQuerySet(AgencyScopedQuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)

    def with_role(self, *roles):
        return self.filter(role__in=roles)


class StaffMembership(models.Model):
    """A person's place in an agency: their unit and role."""

    class Role(models.TextChoices):
        LIAISON = "liaison", "Liaison staff"
        PRACTITIONER = "practitioner", "Practitioner"
        EXECUTIVE = "executive", "Executive"
        AGENCY_ADMIN = "agency_admin", "Agency admin"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        AgencyUnit, on_delete=models.PROTECT, related_name="memberships", null=True, blank=True
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    title = models.CharField("job title", max_length=150, blank=True)
    job_description = models.TextField(
        "liaison job description",
        max_length=limits.LONG_TEXT,
        blank=True,
        help_text="For designated liaison staff: what the liaison work includes.",
    )
    # The paper: executives give designated liaison staff time for the work; the office weighs
    # visits and training against this allowance.
    liaison_hours_per_week = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
        help_text="Hours per week set aside for liaison work with self-help groups.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StaffMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "user__full_name", "user__email"]
        constraints = [
            # One agency per person keeps "whose data may I see" unambiguous.
            models.UniqueConstraint(fields=["user"], name="one_membership_per_user"),
            models.CheckConstraint(
                condition=models.Q(liaison_hours_per_week__gte=0)
                & models.Q(liaison_hours_per_week__lte=80),
                name="liaison_hours_in_range",
            ),
        ]
        indexes = [models.Index(fields=["agency", "role"])]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.agency}"

    def clean(self):
        super().clean()
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": "This unit belongs to another agency."})


class StaffInvitation(models.Model):
    """An agency admin's invitation to join the agency's staff. Adding staff never takes over an
    existing account: the owner of the address accepts, by a link mailed to it, and only then
    has a membership. Whether the address already has an account is not shown to the admin."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="staff_invitations")
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=StaffMembership.Role.choices)
    unit = models.ForeignKey(
        AgencyUnit, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    title = models.CharField("job title", max_length=150, blank=True)
    liaison_hours_per_week = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["agency", "accepted_at"])]

    def __str__(self):
        return f"Invitation of {self.email} to {self.agency}"

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


# --- the exchanges: what the agency does with self-help groups at each level ---------------------


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

    def renewal_due(self, day=None):
        day = day or timezone.localdate()
        return (
            self.status == self.Status.ACTIVE
            and self.renews_on is not None
            and self.renews_on <= day + dt.timedelta(days=self.RENEWAL_WARNING_DAYS)
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

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="visits")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visits"
    )
    group = models.ForeignKey(
        "groups.SelfHelpGroup", on_delete=models.CASCADE, related_name="visits"
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
        ordering = ["-happened_on"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["agency", "happened_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.happened_on}"


class UserSession(models.Model):
    """A signed-in session of a user, so that all of them can be ended at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=True
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user_id} · {self.created_at:%Y-%m-%d %H:%M}"
