"""Community partners and the events the agency holds with groups and partners. Groups gain
legitimacy, and the agency its standing, when they appear together before the community."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from groups.models import geo_uri
from liaison import limits
from liaison.models import AgencyScopedQuerySet


class Partner(models.Model):
    """A community organization the agency works with, by sector."""

    class Sector(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        HEALTH = "health", _("Health")
        EMPLOYMENT = "employment", _("Employment")
        RELIGIOUS = "religious", _("Religious")
        EDUCATION = "education", _("Education")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Other")

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    contact_name = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="one_partner_name_per_agency")
        ]

    def __str__(self):
        return self.name


def recovery_month(year):
    """National Recovery Month: September."""
    return dt.date(year, 9, 1), dt.date(year, 9, 30)


def illness_awareness_week(year):
    """Mental Illness Awareness Week: the first full week (Sunday to Saturday) of October."""
    first = dt.date(year, 10, 1)
    sunday = first + dt.timedelta(days=(6 - first.weekday()) % 7)
    return sunday, sunday + dt.timedelta(days=6)


AWARENESS_PERIODS = [
    ("recovery_month", _("National Recovery Month"), recovery_month),
    ("miaw", _("Mental Illness Awareness Week"), illness_awareness_week),
]


class JointEventQuerySet(AgencyScopedQuerySet):
    def public(self):
        return self.filter(is_public=True).exclude(status=JointEvent.Status.PLANNED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())


class JointEvent(models.Model):
    class Kind(models.TextChoices):
        SCREENING = "screening", _("Depression screening day")
        FILM = "film", _("Film presentation")
        PANEL = "panel", _("Panel discussion")
        MEMORIAL = "memorial", _("Memorial service")
        CELEBRATION = "celebration", _("Celebration")
        BOOK_EXHIBIT = "book_exhibit", _("Book exhibit")
        WEB_LINK = "web_link", _("Web site link")
        POSTER = "poster", _("Poster presentation")
        BANNER = "banner", _("Banner display")
        COMMUNITY_PANEL = "community_panel", _("Community panel")
        MEDIA = "media", _("Media appearance")
        PROVIDER_WORKSHOP = "provider_workshop", _("Provider workshop")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="events")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=limits.LONG_TEXT, blank=True)
    # A Spanish version, shown to visitors reading the site in Spanish.
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    description_es = models.TextField(
        _("description in Spanish"), max_length=limits.LONG_TEXT, blank=True
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("The building, and the room.")
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city or town"), max_length=100, blank=True)
    postal_code = models.CharField(_("ZIP code"), max_length=20, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    is_public = models.BooleanField(_("show on the public calendar"), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    expected_attendance = models.PositiveIntegerField(null=True, blank=True)
    actual_attendance = models.PositiveIntegerField(null=True, blank=True)
    outcome_notes = models.TextField(
        max_length=limits.LONG_TEXT, blank=True, help_text=_("Media coverage, follow-up.")
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(100000)],
        help_text=_("Leave empty when no registration is needed."),
    )
    # Raised on every change, for calendar programs that keep a copy (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JointEventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["agency", "starts_at"]),
            models.Index(fields=["is_public", "status", "ends_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    def _spanish(self, field: str) -> str:
        """The Spanish version of `field` when the reader reads Spanish and the office wrote
        one (the active language is the page's, or the registrant's in their mails)."""
        reading_spanish = (get_language() or "").split("-")[0] == "es"
        return getattr(self, f"{field}_es") if reading_spanish else ""

    @property
    def shown_title(self) -> str:
        return self._spanish("title") or self.title

    @property
    def shown_title_language(self) -> str:
        return "es" if self._spanish("title") else settings.LANGUAGE_CODE

    @property
    def shown_description(self) -> str:
        return self._spanish("description") or self.description

    @property
    def shown_description_language(self) -> str:
        return "es" if self._spanish("description") else settings.LANGUAGE_CODE

    @property
    def address(self) -> str:
        """Where to go, as a map app or a calendar reads it: the street, the town, the ZIP."""
        town = " ".join(part for part in (self.city, self.postal_code) if part)
        return ", ".join(part for part in (self.street_address, town) if part)

    @property
    def full_place(self) -> str:
        return ", ".join(part for part in (self.place, self.address) if part)

    @property
    def map_uri(self):
        return geo_uri(self.full_place)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The event must end after it starts."})
        if self.pk and self.capacity is not None:
            taken = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if self.capacity < taken:
                message = f"{taken} people are registered already; the capacity cannot be lower."
                raise ValidationError({"capacity": message})

    @property
    def awareness(self) -> list[str]:
        """The awareness periods the event falls in, computed from its dates."""
        start = timezone.localtime(self.starts_at).date()
        end = timezone.localtime(self.ends_at).date()
        found = []
        for year in range(start.year, end.year + 1):
            for _key, label, period in AWARENESS_PERIODS:
                first, last = period(year)
                if start <= last and end >= first and label not in found:
                    found.append(label)
        return found

    @property
    def takes_registrations(self):
        return self.capacity is not None and self.status == self.Status.CONFIRMED


class Sponsorship(models.Model):
    """Who stands behind an event: the agency, groups, partners, each with a role. A group is
    invited; the group decides."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        COSPONSOR = "cosponsor", _("Co-sponsor")
        SPEAKER = "speaker", _("Speaker")
        EXHIBITOR = "exhibitor", _("Exhibitor")

    class Answer(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(JointEvent, on_delete=models.CASCADE, related_name="sponsorships")
    role = models.CharField(max_length=10, choices=Role.choices)
    is_agency = models.BooleanField(default=False)
    group = models.ForeignKey(
        "groups.SelfHelpGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sponsorships",
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, null=True, blank=True, related_name="sponsorships"
    )
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.ACCEPTED)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(is_agency=True, group__isnull=True, partner__isnull=True)
                    | models.Q(is_agency=False, group__isnull=False, partner__isnull=True)
                    | models.Q(is_agency=False, group__isnull=True, partner__isnull=False)
                ),
                name="sponsor_is_one_party",
            )
        ]

    def __str__(self):
        return f"{self.sponsor_name} ({self.get_role_display().lower()})"

    @property
    def sponsor_name(self):
        if self.is_agency:
            return self.event.agency.name
        return str(self.group or self.partner)


# An unconfirmed registration holds nothing: no place, no spot on the waiting list. Its link to
# confirm works this long; after that it is forgotten.
CONFIRM_WITHIN = dt.timedelta(hours=24)


class RegistrationQuerySet(models.QuerySet):
    def holding(self):
        """Registrations that hold a place."""
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITLISTED)

    def unconfirmed(self, now=None):
        """Asked to confirm by email, and the link still works."""
        cutoff = (now or timezone.now()) - CONFIRM_WITHIN
        return self.filter(status=Registration.Status.PENDING, created_at__gte=cutoff)

    def expired(self, now=None):
        """Never confirmed, and the link no longer works: to be forgotten."""
        cutoff = (now or timezone.now()) - CONFIRM_WITHIN
        return self.filter(status=Registration.Status.PENDING, created_at__lt=cutoff)

    def current(self, now=None):
        """Everything but the expired, for the organizers' list."""
        cutoff = (now or timezone.now()) - CONFIRM_WITHIN
        return self.exclude(status=Registration.Status.PENDING, created_at__lt=cutoff)


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(JointEvent, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    # The language the person registered in: their mails (confirmation, moved up from the
    # waiting list) are written in it.
    language = models.CharField(max_length=8, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    # When the person confirmed by email: places and the waiting list go in this order.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled"),
                name="one_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} for {self.event}"

    @property
    def confirm_by(self):
        return self.created_at + CONFIRM_WITHIN

    def is_expired(self, now=None):
        return self.status == self.Status.PENDING and (now or timezone.now()) >= self.confirm_by
