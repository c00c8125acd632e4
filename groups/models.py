import datetime as dt
import uuid
import zoneinfo
from urllib.parse import quote as urlquote
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from groups import schedule
from groups.imports import formats
from groups.meeting_guide import types as meeting_types
from liaison import limits
from liaison.models import AgencyScopedQuerySet


class FocusArea(models.Model):
    """What a group is about: alcohol, drugs, mental health, families, bereavement, ..."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        # Reference data: shown in the language of the page.
        return gettext(self.name)


class AudienceTag(models.Model):
    """Who a group is for (women, young people, LGBTQ+, ...), with its Meeting Guide code."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    meeting_guide_code = models.CharField(max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        # Reference data: shown in the language of the page.
        return gettext(self.name)


def geo_uri(address: str, latitude=None, longitude=None) -> str:
    query = urlquote(address)
    if latitude is not None and longitude is not None:
        return f"geo:{latitude},{longitude}?q={latitude},{longitude}({query})"
    return f"geo:0,0?q={query}"


def directions_url(address: str, latitude=None, longitude=None) -> str:
    """Directions to a place on OpenStreetMap's site, from wherever the person starts: a web
    address opens on any phone or computer (a geo: URI does not open everywhere)."""
    params = {"to": address}
    if latitude is not None and longitude is not None:
        params["route"] = f";{latitude},{longitude}"
    return f"https://www.openstreetmap.org/directions?{urlencode(params)}"


# The names of the reference data (migration 0003), for the translators: what the directory
# shows is the name in the language of the page.
REFERENCE_NAMES = [
    gettext_noop("Alcohol"),
    gettext_noop("Drugs"),
    gettext_noop("Mental health"),
    gettext_noop("Co-occurring disorders"),
    gettext_noop("Family members and friends"),
    gettext_noop("Bereavement"),
    gettext_noop("Medical conditions"),
    gettext_noop("Gambling, eating and other behaviours"),
    gettext_noop("Women"),
    gettext_noop("Men"),
    gettext_noop("Young people"),
    gettext_noop("Teenagers"),
    gettext_noop("Seniors"),
    gettext_noop("LGBTQ+"),
    gettext_noop("Transgender people"),
    gettext_noop("People of color"),
    gettext_noop("Native American"),
    gettext_noop("Newcomers"),
    gettext_noop("Professionals"),
    gettext_noop("Veterans"),
    gettext_noop("Parents"),
    gettext_noop("Families and friends"),
]


class Language(models.Model):
    code = models.CharField(_("ISO 639-1 code"), max_length=8, unique=True)
    name = models.CharField(max_length=60)
    native_name = models.CharField(max_length=60, blank=True)
    meeting_guide_code = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organization(models.Model):
    """A national or regional self-help organization (AA, NAMI, DBSA, GROW, ...)."""

    class Approach(models.TextChoices):
        TWELVE_STEP = "twelve_step", _("12-step fellowship")
        PEER_SUPPORT = "peer_support", _("Peer support")
        EDUCATION_ADVOCACY = "education_advocacy", _("Education and advocacy")
        COGNITIVE = "cognitive", _("Cognitive-behavioural self-help")
        MUTUAL_AID = "mutual_aid", _("Mutual aid")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    approach = models.CharField(max_length=30, choices=Approach.choices)
    description = models.TextField(max_length=limits.LONG_TEXT, blank=True)
    website = models.URLField(blank=True)
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="organizations")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class SelfHelpGroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=SelfHelpGroup.Status.ACTIVE)

    def led_by(self, user):
        return self.filter(leaderships__user=user, leaderships__ended_at__isnull=True)

    def stale(self, now=None):
        return self.filter(
            models.Q(verified_at__isnull=True) | models.Q(verified_at__lt=stale_before(now))
        )

    def fresh(self, now=None):
        return self.filter(verified_at__gte=stale_before(now))

    def verification_due(self, now=None):
        """Unverified, or the 12 months run out within 30 days (as the model's method says)."""
        return self.filter(
            models.Q(verified_at__isnull=True)
            | models.Q(verified_at__lt=stale_before(now) + dt.timedelta(days=REMIND_DAYS_BEFORE))
        )


def stale_before(now=None):
    return (now or timezone.now()) - dt.timedelta(days=settings.STALE_AFTER_DAYS)


class SelfHelpGroup(models.Model):
    """A local self-help group: its listing belongs to the group, not to any agency."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    class ProblemLocus(models.TextChoices):
        # The paper's typology: where the group locates the problem it addresses.
        INDIVIDUAL = "individual", _("Within the individual")
        SOCIETY = "society", _("In society")
        BOTH = "both", _("Both")

    class FormatStructure(models.TextChoices):
        STRUCTURED = "structured", _("Structured format (steps, programme, set readings)")
        OPEN = "open", _("Less prescribed (open sharing, discussion)")

    class Autonomy(models.TextChoices):
        INDEPENDENT = "independent", _("Independent, member-led")
        FACILITATED = "facilitated", _("Professionally facilitated")
        AGENCY_HOSTED = "agency_hosted", _("Agency-hosted peer programme")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        help_text=_("Leave empty for an unaffiliated local group."),
    )
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="groups")
    audience = models.ManyToManyField(
        AudienceTag, blank=True, related_name="groups", verbose_name=_("audience tags")
    )
    # The languages the group wrote its listing in; what the group wrote is shown as written.
    listing_languages = models.ManyToManyField(
        Language,
        blank=True,
        related_name="listed_groups",
        verbose_name=_("listing written in"),
        help_text=_("The languages the description below is written in."),
    )
    description = models.TextField(
        max_length=limits.LONG_TEXT, blank=True, help_text=_("A few sentences about the group.")
    )
    who_attends = models.TextField(
        max_length=limits.LONG_TEXT,
        blank=True,
        help_text=_("In general terms: gender, ages, cultures, identities, experiences."),
    )
    typical_format = models.TextField(
        max_length=limits.LONG_TEXT, blank=True, help_text=_("What usually happens at a meeting.")
    )
    common_issues = models.TextField(
        max_length=limits.LONG_TEXT,
        blank=True,
        help_text=_("The issues members usually talk about."),
    )
    # The texts above are written in one of the site's languages; the group may give its
    # description, who goes and what happens in the other one too. A page shows the viewer's
    # language when the group wrote it, else what the group wrote, marked with its language.
    text_language = models.CharField(
        _("the texts above are written in"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    second_language = models.CharField(
        _("also written in"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    second_description = models.TextField(
        _("description in that language"), max_length=limits.LONG_TEXT, blank=True
    )
    second_who_attends = models.TextField(
        _("who goes, in that language"), max_length=limits.LONG_TEXT, blank=True
    )
    second_typical_format = models.TextField(
        _("what happens at a meeting, in that language"), max_length=limits.LONG_TEXT, blank=True
    )
    philosophy = models.TextField(
        max_length=limits.LONG_TEXT,
        blank=True,
        help_text=_("How the group understands the problem and recovery."),
    )
    problem_locus = models.CharField(
        "where the group locates the problem",
        max_length=20,
        choices=ProblemLocus.choices,
        blank=True,
    )
    format_structure = models.CharField(max_length=20, choices=FormatStructure.choices, blank=True)
    autonomy = models.CharField(
        max_length=20, choices=Autonomy.choices, default=Autonomy.INDEPENDENT
    )
    founded_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    typical_attendance = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(5000)]
    )
    public_email = models.EmailField(blank=True)
    public_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Where an imported row came from, and the values the import last wrote: a later import
    # does not overwrite a field that someone has edited since.
    import_source = models.CharField(max_length=100, blank=True, editable=False)
    import_key = models.CharField(max_length=200, blank=True, editable=False)
    imported_values = models.JSONField(default=dict, blank=True, editable=False)
    # Raised by every save through the services, so that a second editor cannot silently
    # overwrite the first (optimistic locking).
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Derived from the fields above by `groups.directory.search.refresh_search`, for the directory
    # search: plain lower-case text everywhere, and a weighted tsvector on PostgreSQL.
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = SelfHelpGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "self-help group"
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["verified_at"]),
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["import_source", "import_key"],
                condition=~models.Q(import_source=""),
                name="group_import_key_unique",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:detail", args=[self.slug])

    SECOND_TEXTS = ("description", "who_attends", "typical_format")

    def clean(self):
        super().clean()
        wrote_second = any(getattr(self, f"second_{name}").strip() for name in self.SECOND_TEXTS)
        if wrote_second and not self.second_language:
            raise ValidationError(
                {"second_language": _("Say which language the second texts are written in.")}
            )
        if self.second_language and self.second_language == self.text_language:
            raise ValidationError(
                {"second_language": _("Choose the other language, or leave this empty.")}
            )

    def texts_for(self, language: str) -> dict:
        """{field: (text, language it is written in)} for the description, who goes and what
        happens: the viewer's language where the group wrote it, else the group's own texts."""
        language = (language or "").split("-")[0]
        texts = {}
        for name in self.SECOND_TEXTS:
            own = (getattr(self, name), self.text_language)
            second = (getattr(self, f"second_{name}"), self.second_language)
            if language == self.second_language and second[0].strip():
                texts[name] = second
            elif own[0].strip() or not second[0].strip():
                texts[name] = own
            else:
                texts[name] = second
        return texts

    def written_in(self) -> set[str]:
        return {self.text_language} | ({self.second_language} if self.second_language else set())

    def is_stale(self, now=None):
        return self.verified_at is None or self.verified_at < stale_before(now)

    def verification_due(self, now=None):
        """Due when unverified, or when the 12 months run out within 30 days."""
        if self.verified_at is None:
            return True
        return self.verified_at < stale_before(now) + dt.timedelta(days=REMIND_DAYS_BEFORE)


REMIND_DAYS_BEFORE = 30


class SearchWord(models.Model):
    """A word the directory's search may correct a typo to: the distinct words of the listed
    groups' names, of the organizations' names and short names, of the focus areas, audiences and
    languages, of the towns of the meeting places, and the names of the days. Rebuilt by
    `groups.directory.spelling.refresh_words` whenever the search columns are; PostgreSQL only
    (with a trigram index on `word`): elsewhere the table stays empty and no typo is corrected."""

    word = models.CharField(max_length=100, primary_key=True)
    # How many listed groups have the word in their name: the commoner word wins a tie.
    group_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word


class GroupLeadershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True, group__status__in=["active", "pending"])


class GroupLeadership(models.Model):
    """Which user may keep which group's listing. Ending it takes effect on the next request."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leaderships"
    )
    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="leaderships")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = GroupLeadershipQuerySet.as_manager()

    class Meta:
        ordering = ["group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_leadership_per_user_and_group",
            )
        ]

    def __str__(self):
        return f"{self.user} leads {self.group}"


def format_address(street, city, state, postal_code, country) -> str:
    """“214 Church Street, Riverside, NY 12580, US”, leaving out what is empty."""
    locality = " ".join(part for part in [state, postal_code] if part)
    return ", ".join(part for part in [street, city, locality, country] if part)


class Location(models.Model):
    """Where meetings happen. One place (a church hall, a clinic) may host many groups."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, help_text=_("For example: St. Mark's Church, Room 4."))
    street = models.CharField(max_length=200, blank=True)
    # Blank only when a source gave an address that could not be split with confidence: then the
    # address stays whole in `address_as_given`, and no city is made up.
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=50, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(
        max_length=2, default="US", blank=True, help_text=_("ISO code: US, CA, MX…")
    )
    address_as_given = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "The whole address as an imported source wrote it, when it could not be split."
        ),
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Coordinates(models.TextChoices):
        NONE = "", _("No position")
        SOURCE = "source", _("From the imported list")
        POSTAL_CODE = "postal_code", _("The centre of its postal code (approximate)")
        GEOCODER = "geocoder", _("Found from its address")
        MANUAL = "manual", _("Set by hand")

    # Where the position came from: a position set by hand is never replaced by a found one, and
    # a postal code's centre is only approximate (not published as the place's own position).
    coordinates_source = models.CharField(
        max_length=12, choices=Coordinates.choices, blank=True, default=""
    )
    directions = models.TextField(
        max_length=limits.SHORT_TEXT, blank=True, help_text=_("Entrance, parking, bus lines.")
    )
    step_free = models.BooleanField(_("step-free entrance"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    parking = models.BooleanField(_("parking"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility = models.TextField(
        max_length=limits.SHORT_TEXT,
        blank=True,
        help_text=_("Anything else about access: a lift, a ramp at the side door, …"),
    )
    import_source = models.CharField(max_length=100, blank=True, editable=False)
    import_key = models.CharField(max_length=200, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["city", "name"]
        # The distance search's bounding box (`groups.directory.near.box`).
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_coordinates")]

    def __str__(self):
        return f"{self.name}, {self.city or self.address_as_given}"

    def save(self, *args, **kwargs):
        # A position given without saying where it came from was set by someone: by hand.
        placed = self.latitude is not None and self.longitude is not None
        if placed and not self.coordinates_source:
            self.coordinates_source = self.Coordinates.MANUAL
        elif not placed:
            self.coordinates_source = self.Coordinates.NONE
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "coordinates_source"}
        super().save(*args, **kwargs)

    @property
    def formatted_address(self):
        if self.address_as_given and not (self.street or self.city):
            return self.address_as_given
        return format_address(self.street, self.city, self.state, self.postal_code, self.country)

    @property
    def access_features(self) -> list[str]:
        """The access features that are there, in words."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("step_free", "accessible_toilet", "parking", "hearing_loop")
            if getattr(self, name)
        ]

    @property
    def map_uri(self):
        """A geo: URI (RFC 5870) that a phone opens in its own map app; nothing is loaded here."""
        return geo_uri(self.formatted_address, self.latitude, self.longitude)

    @property
    def directions_url(self):
        return directions_url(self.formatted_address, self.latitude, self.longitude)


class MeetingQuerySet(models.QuerySet):
    def listed(self):
        """Meetings that the public directory shows: active meetings of active groups."""
        return self.filter(status=Meeting.Status.ACTIVE, group__status=SelfHelpGroup.Status.ACTIVE)

    def on_weekday(self, day):
        return self.alias(_day=models.F("weekdays").bitand(1 << day)).filter(_day__gt=0)

    def starting_within(self, now: dt.datetime, hours: int = 2):
        """Meetings whose next start is in the next `hours` hours (by the installation's clock)."""
        local = timezone.localtime(now)
        end = local + dt.timedelta(hours=hours)
        if end.date() == local.date():
            return self.within_days(local.date(), 1).filter(
                start_time__gte=local.time(), start_time__lte=end.time()
            )
        today = self.within_days(local.date(), 1).filter(start_time__gte=local.time())
        tomorrow = self.within_days(end.date(), 1).filter(start_time__lte=end.time())
        return self.filter(
            models.Q(pk__in=today.values("pk")) | models.Q(pk__in=tomorrow.values("pk"))
        )

    def within_days(self, start: dt.date, days: int = 7):
        """Meetings with an occurrence in the `days` days from `start` (weekly ones always do)."""
        monthly = models.Q()
        for week, weekday in schedule.monthly_rules_between(start, days):
            monthly |= models.Q(month_week=week, weekdays=1 << weekday)
        weekly = models.Q(recurrence=Meeting.Recurrence.WEEKLY)
        if days >= 7:
            return self.filter(weekly | (models.Q(recurrence=Meeting.Recurrence.MONTHLY) & monthly))
        day_mask = 0
        for offset in range(days):
            day_mask |= 1 << schedule.mg_weekday(start + dt.timedelta(days=offset))
        return self.alias(_days=models.F("weekdays").bitand(day_mask)).filter(
            (weekly & models.Q(_days__gt=0))
            | (models.Q(recurrence=Meeting.Recurrence.MONTHLY) & monthly)
        )


class Meeting(models.Model):
    """A group's meeting: one record for a weekly rule on one or several weekdays, or a monthly rule
    on the nth (or last) weekday."""

    class Recurrence(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Once a month")

    class MonthWeek(models.IntegerChoices):
        FIRST = 1, _("First")
        SECOND = 2, _("Second")
        THIRD = 3, _("Third")
        FOURTH = 4, _("Fourth")
        LAST = -1, _("Last")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    class Access(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        # An imported meeting whose source says neither: nothing is guessed.
        UNSTATED = "unstated", _("Not said")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Meeting")
        PAUSED = "paused", _("Paused for now")
        ENDED = "ended", _("Ended")
        # Made from a new group's request to be listed: shown once its leader confirms it.
        DRAFT = "draft", _("To confirm (not shown yet)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="meetings")
    name = models.CharField(
        max_length=200, blank=True, help_text=_("Only if it differs from the group's name.")
    )
    slug = models.SlugField(max_length=140, unique=True)
    recurrence = models.CharField(
        max_length=10, choices=Recurrence.choices, default=Recurrence.WEEKLY
    )
    # Bit d set = meets on weekday d, 0 = Sunday .. 6 = Saturday (Meeting Guide's numbering).
    weekdays = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(schedule.ALL_DAYS)]
    )
    month_week = models.SmallIntegerField(choices=MonthWeek.choices, null=True, blank=True)
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    timezone = models.CharField(max_length=64, default=settings.TIME_ZONE)
    mode = models.CharField(
        "attendance", max_length=20, choices=Mode.choices, default=Mode.IN_PERSON
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    location_notes = models.CharField(max_length=300, blank=True)
    conference_url = models.URLField(_("online meeting link"), blank=True)
    # Long enough for a one-tap dial string: number, pauses, meeting ID and passcode.
    conference_phone = models.CharField(_("dial-in phone"), max_length=200, blank=True)
    conference_notes = models.CharField(
        "online joining notes", max_length=300, blank=True, help_text=_("Meeting ID, passcode.")
    )
    area = models.CharField(
        "area of an online meeting",
        max_length=200,
        blank=True,
        help_text=_(
            "For a meeting held online only: the town or region it serves, so that apps can list "
            "it near the people it is for."
        ),
    )
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.OPEN)
    type_codes = models.JSONField(
        "meeting types", default=list, blank=True, help_text=_("Meeting Guide type codes.")
    )
    # Codes an imported source gave that are not official Meeting Guide types: not shown as a type
    # here, kept as given and published again in the feed.
    source_types = models.JSONField(
        "types kept from the source", default=list, blank=True, editable=False
    )
    # A meeting list's own grouping of its meetings (Meeting Guide's region, sub_region,
    # regions, district, district_id), kept as given and published again in the feed.
    source_fields = models.JSONField(
        "regions and district from the source", default=dict, blank=True, editable=False
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="meetings")
    accessibility_notes = models.CharField(max_length=300, blank=True)
    notes = models.TextField(max_length=limits.SHORT_TEXT, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Where an imported row came from, and the values the import last wrote: a later import
    # does not overwrite a field that someone has edited since.
    import_source = models.CharField(max_length=100, blank=True, editable=False)
    import_key = models.CharField(max_length=200, blank=True, editable=False)
    imported_values = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["group", "start_time"]
        indexes = [
            models.Index(fields=["group", "status"]),
            models.Index(fields=["status", "mode"]),
            models.Index(fields=["status", "start_time"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["import_source", "import_key"],
                condition=~models.Q(import_source=""),
                name="meeting_import_key_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(weekdays__gt=0) & models.Q(weekdays__lte=schedule.ALL_DAYS),
                name="meeting_has_a_weekday",
            ),
            models.CheckConstraint(
                condition=models.Q(recurrence="weekly", month_week__isnull=True)
                | models.Q(recurrence="monthly", month_week__isnull=False),
                name="meeting_monthly_rule_has_a_week",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} — {self.schedule_text}"

    @property
    def display_name(self):
        return self.name or self.group.name

    @property
    def days(self) -> list[int]:
        return schedule.days_from_mask(self.weekdays)

    @property
    def is_online(self):
        return self.mode in (self.Mode.ONLINE, self.Mode.HYBRID)

    @property
    def is_in_person(self):
        return self.mode in (self.Mode.IN_PERSON, self.Mode.HYBRID)

    @property
    def is_open(self):
        return self.access == self.Access.OPEN

    @property
    def is_closed(self):
        return self.access == self.Access.CLOSED

    @property
    def schedule_text(self):
        return schedule.describe(
            recurrence=self.recurrence,
            days=self.days,
            month_week=self.month_week,
            start=self.start_time,
            end=self.end_time,
        )

    @property
    def type_labels(self):
        return [meeting_types.label(code) for code in self.type_codes]

    def next_occurrence(self, after=None):
        """The next start of this meeting after `after` (aware), in the meeting's time zone."""
        return schedule.next_start(
            recurrence=self.recurrence,
            days=self.days,
            month_week=self.month_week,
            start=self.start_time,
            tz=self.timezone,
            after=after or timezone.now(),
        )

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.end_time
            and self.start_time
            and not schedule.plausible_end(self.start_time, self.end_time)
        ):
            errors["end_time"] = (
                "The meeting must end after it starts (a meeting that goes past midnight may "
                f"end up to {schedule.PAST_MIDNIGHT_HOURS} hours after it starts)."
            )
        if not self.weekdays:
            errors["weekdays"] = "Choose the day the meeting is held."
        if self.recurrence == self.Recurrence.MONTHLY:
            if self.month_week is None:
                errors["month_week"] = "Say which week of the month (first to fourth, or last)."
            if len(self.days) > 1:
                errors["weekdays"] = "A monthly meeting is held on one weekday."
        elif self.month_week is not None:
            self.month_week = None
        if self.is_online and not (self.conference_url or self.conference_phone):
            errors["conference_url"] = (
                "An online or hybrid meeting needs a link or a dial-in phone number."
            )
        if self.is_in_person and not self.location_id:
            errors["location"] = "An in-person or hybrid meeting needs a place."
        unknown = meeting_types.unknown(self.type_codes or [])
        if unknown:
            errors["type_codes"] = f"Unknown meeting type codes: {', '.join(unknown)}."
        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = f"“{self.timezone}” is not a known time zone."
        if errors:
            raise ValidationError(errors)


class Contact(models.Model):
    """A group's contact person. Public pages show the first name and last initial only."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="contacts")
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60, blank=True)
    role = models.CharField(max_length=100, blank=True, help_text=_("Secretary, group rep, ..."))
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_public = models.BooleanField(
        "show on the public page", default=True, help_text=_("First name and last initial only.")
    )
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["group", "position", "first_name"]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        initial = f" {self.last_name[0]}." if self.last_name else ""
        return f"{self.first_name}{initial}"


class Assessment(models.Model):
    """The agency's private view of a group's potential benefit (the paper's continuum).
    Never shown to leaders, the public, or another agency."""

    class Level(models.IntegerChoices):
        LOW = 1, _("Low")
        SOME = 2, _("Some")
        MODERATE = 3, _("Moderate")
        GOOD = 4, _("Good")
        HIGH = 5, _("High")

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="assessments")
    maturity = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    leadership_stability = models.PositiveSmallIntegerField(
        choices=Level.choices, null=True, blank=True
    )
    organization = models.PositiveSmallIntegerField(
        "organization", choices=Level.choices, null=True, blank=True
    )
    experiential_base = models.PositiveSmallIntegerField(
        choices=Level.choices, null=True, blank=True
    )
    autonomy = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    notes = models.TextField(max_length=limits.LONG_TEXT, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "group"], name="one_assessment_per_agency")
        ]

    def __str__(self):
        return f"{self.agency}'s assessment of {self.group}"


class PublishedFeed(models.Model):
    """A feed made once per change of the listings and served as it was made (`/meetings.json`,
    groups/meeting_guide/published.py): its body, gzip-compressed, and what its headers say."""

    name = models.CharField(max_length=40, unique=True)
    # A digest of the uncompressed body: the feed's ETag.
    digest = models.CharField(max_length=64)
    gzip = models.BinaryField()
    size = models.PositiveBigIntegerField(help_text="Bytes, uncompressed.")
    gzip_size = models.PositiveBigIntegerField(help_text="Bytes, compressed.")
    items = models.PositiveIntegerField()
    # When its build began: a build that began earlier never replaces it.
    started_at = models.DateTimeField()
    built_at = models.DateTimeField()
    # When the published body last changed (its Last-Modified): a build that makes the same body
    # keeps the time of the first.
    last_modified = models.DateTimeField()

    def __str__(self):
        return f"{self.name}: {self.items} items, built {self.built_at:%Y-%m-%d %H:%M}"


class DirectoryUsage(models.Model):
    """How much the directory is used, per day: counts only, no address, no query text."""

    class Kind(models.TextChoices):
        SEARCH = "search", _("Directory search")
        GROUP_VIEW = "group_view", _("Group page view")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public")
        STAFF = "staff", _("Staff")

    day = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "kind", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "audience"], name="one_usage_row")
        ]
        verbose_name_plural = "directory usage"

    def __str__(self):
        return f"{self.day} {self.kind} {self.audience}: {self.count}"


class KeepRequest(models.Model):
    """Someone who says they are the contact of a group without a leader asks to keep its
    listing. The office checks with the group, then proposes them as a leader (the installation's
    superuser confirms, as for any group without one: `groups.leadership.services`) or declines.
    Nothing of the listing changes hands before that."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the office")
        PROPOSED = "proposed", _("Proposed as a leader")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="keep_requests")
    name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    note = models.TextField(max_length=limits.SHORT_TEXT, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    invitation = models.ForeignKey(
        "LeaderInvitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.name} asks to keep {self.group}"


class ListingChange(models.Model):
    """One change to a listing — its group, a meeting or a contact — with who made it, through
    which path, and each changed field's value before and after."""

    class Source(models.TextChoices):
        LEADER = "leader", _("Group leader")
        STAFF = "staff", _("Liaison staff")
        SUGGESTION = "suggestion", _("Accepted suggestion")
        IMPORT = "import", _("Import")
        ADMIN = "admin", _("Administrator")

    class Action(models.TextChoices):
        CREATED = "created", _("Added")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Removed")

    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="changes")
    object_type = models.CharField(max_length=20)  # group, meeting or contact
    object_id = models.PositiveBigIntegerField(null=True)
    object_label = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    source = models.CharField(max_length=20, choices=Source.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(null=True)
    fields = models.JSONField(default=dict)  # {label: [before, after]}

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["group", "-changed_at"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_type} of {self.group_id}"


class Suggestion(models.Model):
    """A proposed change to specific fields of a listing. The leader (or, for a group without
    one, liaison staff) accepts or declines it; accepting applies exactly these fields."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Source(models.TextChoices):
        PUBLIC = "public", _("Member of the public")
        STAFF = "staff", _("Agency staff")

    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="suggestions")
    # {"group": {field: {"from": ..., "to": ...}}, "meetings": {"<id>": {field: {...}}}}
    changes = models.JSONField(default=dict, blank=True)
    note = models.TextField(max_length=limits.SHORT_TEXT, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitter_name = models.CharField(max_length=100, blank=True)
    submitter_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(max_length=limits.SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self):
        return f"Suggestion for {self.group} ({self.get_status_display()})"

    @property
    def from_whom(self) -> str:
        """Who sent it, their name as they typed it; else where it came from ("the public")."""
        return self.submitter_name or str(self.get_source_display()).lower()

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


class LeaderInvitationQuerySet(models.QuerySet):
    def awaiting(self):
        return self.filter(
            status__in=[
                LeaderInvitation.Status.AWAITING_GROUP,
                LeaderInvitation.Status.AWAITING_REVIEW,
            ]
        )

    def open(self, now=None):
        """Proposals waiting for a decision and invitations waiting for the invitee."""
        return self.filter(
            status__in=[
                LeaderInvitation.Status.AWAITING_GROUP,
                LeaderInvitation.Status.AWAITING_REVIEW,
                LeaderInvitation.Status.SENT,
            ],
            expires_at__gt=now or timezone.now(),
        )


class LeaderInvitation(models.Model):
    """A person asked to keep a group's listing.

    Who leads a group is the group's decision: a leader (or the installation's superuser) invites
    at once; agency staff only propose, and the group's current leaders confirm the proposal (the
    superuser, for a group without a leader). The emailed link is signed, works once, expires,
    and exists only once the invitation is sent."""

    class Status(models.TextChoices):
        AWAITING_GROUP = "awaiting_group", _("Waiting for the group's leaders")
        AWAITING_REVIEW = "awaiting_review", _("Waiting for the installation's administrator")
        SENT = "sent", _("Sent, waiting for the person invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Origin(models.TextChoices):
        LEADER = "leader", _("Invited by a leader of the group")
        SUPERUSER = "superuser", _("Invited by the installation's administrator")
        STAFF = "staff", _("Proposed by agency staff")
        NEW_GROUP = "new_group", _("The person who asked to list the new group")

    group = models.ForeignKey(SelfHelpGroup, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    name = models.CharField(max_length=150, blank=True)
    note = models.CharField(
        max_length=500,
        blank=True,
        help_text="Why this person: shown to those who decide on the proposal.",
    )
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.LEADER)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SENT)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The agency whose staff proposed the person: its audit trail records what follows.
    agency = models.ForeignKey(
        "liaison.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
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

    objects = LeaderInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self):
        return f"Invitation of {self.email} to lead {self.group}"

    @property
    def awaiting_decision(self) -> bool:
        return self.status in (self.Status.AWAITING_GROUP, self.Status.AWAITING_REVIEW)

    def is_open(self, now=None):
        """The emailed link can still be used."""
        now = now or timezone.now()
        return self.status == self.Status.SENT and self.expires_at > now


class NewGroupRequest(models.Model):
    """A new group asking to be listed. New groups are the most fragile: the review records
    whether they asked the agency for help, and with what."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    group = models.OneToOneField(
        SelfHelpGroup, on_delete=models.CASCADE, related_name="listing_request"
    )
    contact_name = models.CharField(max_length=100)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    meeting_details = models.TextField(max_length=limits.SHORT_TEXT, blank=True)
    # The first meeting as the requester gave it, field by field (never read from the free
    # text): published with the group as a draft its leader confirms.
    first_weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=list(enumerate(schedule.DAY_LABELS))
    )
    first_start_time = models.TimeField(null=True, blank=True)
    first_mode = models.CharField(max_length=10, choices=Meeting.Mode.choices, blank=True)
    first_place = models.CharField(max_length=200, blank=True)
    first_street = models.CharField(max_length=200, blank=True)
    first_city = models.CharField(max_length=100, blank=True)
    first_postal_code = models.CharField(max_length=20, blank=True)
    first_conference_url = models.URLField(blank=True)
    first_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    wants_space = models.BooleanField(_("asks for meeting space"), default=False)
    wants_publicity = models.BooleanField(_("asks for help with publicity"), default=False)
    wants_starting_help = models.BooleanField(_("asks for help starting the group"), default=False)
    other_help = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    assistance_offered = models.TextField(max_length=limits.SHORT_TEXT, blank=True)
    review_note = models.TextField(max_length=limits.SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Listing request for {self.group}"

    @property
    def gives_first_meeting(self) -> bool:
        return self.first_weekday is not None and self.first_start_time is not None

    @property
    def first_meeting_text(self) -> str:
        """The first meeting as the requester gave it, in words (empty when not given)."""
        if not self.gives_first_meeting:
            return ""
        town = " ".join(part for part in (self.first_city, self.first_postal_code) if part)
        where = ", ".join(
            part
            for part in (self.first_place, self.first_street, town, self.first_conference_url)
            if part
        )
        when = schedule.describe(
            recurrence=Meeting.Recurrence.WEEKLY,
            days=[self.first_weekday],
            month_week=None,
            start=self.first_start_time,
        )
        mode = self.get_first_mode_display()
        return f"{when} · {mode}" + (f" · {where}" if where else "")

    @property
    def help_wanted(self):
        wanted = [
            label
            for flag, label in [
                (self.wants_space, "meeting space"),
                (self.wants_publicity, "publicity"),
                (self.wants_starting_help, "starting the group"),
            ]
            if flag
        ]
        if self.other_help:
            wanted.append(self.other_help)
        return wanted


class ImportBatch(models.Model):
    """An uploaded file between its preview and its application."""

    class ApplyState(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Nothing was imported"

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(
        max_length=100,
        help_text=_(
            "Who publishes the file, e.g. “Riverside Intergroup”. Importing a file from "
            "the same source again updates what it imported before."
        ),
    )
    format = models.CharField(max_length=10, choices=formats.CHOICES)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    # What the preview shows, computed once from the file (groups.imports.importer.batch_plan):
    # reading a large file again on each view of the preview took as long as the first time.
    plan = models.JSONField(null=True, blank=True, editable=False)
    # Applying runs as a background task: queued, running (with its progress), done or failed.
    apply_state = models.CharField(
        max_length=10, choices=ApplyState.choices, blank=True, default="", editable=False
    )
    apply_progress = models.JSONField(default=dict, blank=True, editable=False)
    apply_error = models.CharField(max_length=2000, blank=True, editable=False)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "import batches"

    def __str__(self):
        return f"{self.filename} from {self.source}"


class ImportSource(models.Model):
    """A meeting list published at an address, fetched on a schedule and kept fresh.

    Each fetch asks only for what changed (ETag / Last-Modified). A changed file is planned like
    an upload: applied at once when the source is trusted and the plan touches nothing edited here
    and ends no meeting; otherwise it waits as a batch for a person to review."""

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(
        max_length=100,
        help_text=_(
            "Who publishes the list, e.g. “Riverside Intergroup”. Its imports update each other."
        ),
    )
    url = models.URLField(
        "address", max_length=500, help_text=_("Where the list is published (https://…).")
    )
    format = models.CharField(max_length=10, choices=formats.CHOICES)
    owner = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who keeps the list there, to ask when it is wrong."),
    )
    trusted = models.BooleanField(
        "apply changes without review",
        default=False,
        help_text=_(
            "Changes are applied at once when they touch nothing edited here and end no meeting. "
            "Otherwise they wait for review."
        ),
    )
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "url"], name="import_source_once_per_agency")
        ]

    def __str__(self):
        return self.name


class ImportRun(models.Model):
    """One fetch of a source: what it found and what became of it."""

    class Outcome(models.TextChoices):
        NOT_MODIFIED = "not_modified", "Unchanged (the server said so)"
        UNCHANGED = "unchanged", "Unchanged"
        APPLIED = "applied", "Applied"
        REVIEW = "review", "Waiting for review"
        PROBLEMS = "problems", "The file has problems"
        FAILED = "failed", "Could not be fetched"

    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    counts = models.JSONField(default=dict, blank=True)
    message = models.CharField(max_length=500, blank=True)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["source", "-started_at"])]

    def __str__(self):
        return f"{self.source}: {self.get_outcome_display()}"
