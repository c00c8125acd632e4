from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
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


class UserSession(models.Model):
    """A signed-in session of a user, so that all of them can be ended at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=True
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user_id} · {self.created_at:%Y-%m-%d %H:%M}"


# An installation's logo: its type (the extension in its address) and the type it is served as.
LOGO_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


class Installation(models.Model):
    """Who runs this directory and how to reach them, and where to turn in a crisis: shown on
    every public page. One row (`liaison.installation.profile()` reads it, cached)."""

    name = models.CharField(
        "site name", max_length=120, help_text="The name people know the office by."
    )
    organization = models.CharField(
        "run by",
        max_length=200,
        blank=True,
        help_text="The agency or office that keeps the directory.",
    )
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    hours = models.CharField(
        "office hours", max_length=200, blank=True, help_text="E.g. “Monday to Friday, 9 to 5”."
    )
    address = models.CharField(max_length=300, blank=True)
    crisis_line_name = models.CharField(
        "crisis line", max_length=120, help_text="Shown as “Need help now?” on every page."
    )
    crisis_line_phone = models.CharField(
        "crisis line number", max_length=40, help_text="To call, and to text if it takes texts."
    )
    crisis_line_texts = models.BooleanField("the crisis line takes text messages", default=True)
    crisis_line_url = models.URLField("crisis line website", blank=True)
    emergency_number = models.CharField(max_length=20, default="911")
    privacy = models.TextField(
        "privacy notice",
        max_length=limits.LONG_TEXT,
        blank=True,
        help_text="Added to the standard notice (what the site records and why).",
    )
    accessibility = models.TextField(
        "accessibility statement",
        max_length=limits.LONG_TEXT,
        blank=True,
        help_text="Added to the standard statement (the standard it meets, how to report "
        "a barrier).",
    )
    # The office's logo beside the name in every page's header. Kept in the database, so that
    # every app server has it without shared file storage; set on the profile page, which accepts
    # PNG, JPEG and WebP only (never SVG, which can carry a script). Pages read the profile
    # without these bytes (`installation.profile()` defers them); `/logo/…` serves them.
    logo = models.BinaryField(blank=True, editable=False)
    logo_type = models.CharField(max_length=4, blank=True, editable=False)
    logo_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "installation profile"

    def __str__(self):
        return self.name

    @property
    def contact_line(self) -> str:
        return " · ".join(part for part in (self.phone, self.email) if part)

    @property
    def logo_version(self) -> str:
        """Changes with each new logo: in the logo's address, which can then be kept for good."""
        if not (self.logo_type and self.logo_changed_at):
            return ""
        return self.logo_changed_at.strftime("%Y%m%d%H%M%S%f")

    @property
    def logo_url(self) -> str:
        """The logo's address, or "" without a logo (read without loading the logo itself)."""
        version = self.logo_version
        if not version:
            return ""
        return reverse("liaison:logo", kwargs={"version": version, "ext": self.logo_type})
