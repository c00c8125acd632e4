"""Surveys that build acceptance, and the research on self-help the agency points to.

The paper's last practical point: research pays off by building acceptance. An agency asks its
own clients whether they take part in self-help groups and how satisfied they are; a group asks
its members about their use of professional services. Every answer is anonymous: a response
carries its survey, the day it came in and how it came in (link or paper), nothing else."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from liaison import limits
from liaison.models import AgencyScopedQuerySet

# Fewer answers than this in a cell could point at a person: such cells are never shown.
MIN_CELL = 5


def new_token():
    return secrets.token_urlsafe(18)


class Wording(str):
    """A text a respondent reads, with the language it is written in: a page marks it with
    `lang="…"`, so that a screen reader says it in that language."""

    lang = ""

    def __new__(cls, text="", lang=""):
        wording = super().__new__(cls, text)
        wording.lang = lang
        return wording


def reads_spanish(language) -> bool:
    return (language or "").split("-")[0].lower() == "es"


class InSpanish:
    """A model whose texts for respondents may have a Spanish version, `<field>_es`, written by
    staff. The originals are in the site's language (settings.LANGUAGE_CODE)."""

    def in_language(self, field: str, language) -> Wording:
        """`field` as a reader of `language` reads it: the Spanish version for a Spanish reader
        where staff wrote one, else the original."""
        spanish = getattr(self, f"{field}_es")
        if reads_spanish(language) and spanish.strip():
            return Wording(spanish, "es")
        return Wording(getattr(self, field), settings.LANGUAGE_CODE)


class SurveyQuerySet(AgencyScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_clients(self):
        return self.filter(audience=Survey.Audience.CLIENTS)


class Survey(InSpanish, models.Model):
    class Audience(models.TextChoices):
        CLIENTS = "clients", "The agency's clients"
        MEMBERS = "members", "A group's members"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="surveys")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    group = models.ForeignKey(
        "groups.SelfHelpGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        help_text="For a members' survey: the group whose members are asked.",
    )
    title = models.CharField(max_length=200)
    intro = models.TextField(
        "introduction",
        max_length=limits.LONG_TEXT,
        blank=True,
        help_text="Shown above the questions: why you ask.",
    )
    # Spanish versions, shown to respondents reading the site in Spanish.
    title_es = models.CharField("title in Spanish", max_length=200, blank=True)
    intro_es = models.TextField("introduction in Spanish", max_length=limits.LONG_TEXT, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    opens_on = models.DateField(null=True, blank=True, editable=False)
    closes_on = models.DateField(
        null=True, blank=True, help_text="The link stops taking answers after this day."
    )
    closed_on = models.DateField(null=True, blank=True, editable=False)
    # The anonymous link: unguessable, and nothing about the respondent is in it.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    # A members' survey runs only when the group chooses to take part (autonomy).
    group_joined_on = models.DateField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(
        "publish on the evidence page",
        default=False,
        help_text="Shows the summary and the counts (never single answers) on /evidence/.",
    )
    summary = models.TextField(
        "published summary",
        max_length=limits.LONG_TEXT,
        blank=True,
        help_text="A few plain sentences for the public.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audience="clients", group__isnull=True)
                | models.Q(audience="members", group__isnull=False),
                name="members_survey_has_a_group",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:office_survey", args=[self.pk])

    def get_respond_url(self):
        return reverse("surveys:respond", args=[self.token])

    def clean(self):
        super().clean()
        if self.is_published and not self.summary.strip():
            raise ValidationError({"summary": "Write a short summary before publishing."})

    @property
    def shown_title(self) -> Wording:
        """The title in the language of the page being made (the respondent's)."""
        return self.in_language("title", get_language())

    @property
    def shown_intro(self) -> Wording:
        return self.in_language("intro", get_language())

    @property
    def is_for_members(self):
        return self.audience == self.Audience.MEMBERS

    @property
    def is_editable(self):
        """Questions change only before answers arrive: later answers would mean something
        else than earlier ones."""
        return self.status == self.Status.DRAFT

    def is_accepting(self, today=None):
        today = today or timezone.localdate()
        if self.status != self.Status.OPEN:
            return False
        if self.closes_on and today > self.closes_on:
            return False
        return not (self.is_for_members and self.group_joined_on is None)


class Question(InSpanish, models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Several choices"
        SCALE = "scale", "Scale 1–5"
        NUMBER = "number", "Number"
        TEXT = "text", "Short text"

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    COUNTED_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.NUMBER)
    SCALE_POINTS = ("1", "2", "3", "4", "5")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=False)
    choices = models.TextField(
        max_length=limits.SHORT_TEXT,
        blank=True,
        help_text="For choice questions: one choice a line.",
    )
    scale_low = models.CharField(
        max_length=60, blank=True, help_text="For a scale: what 1 means, e.g. “Not at all”."
    )
    scale_high = models.CharField(
        max_length=60, blank=True, help_text="For a scale: what 5 means, e.g. “Very”."
    )
    # Spanish versions of what a respondent reads, for respondents reading the site in Spanish.
    # Only the labels change: a Spanish respondent's answer is stored as the original choice,
    # so that the results count one answer whatever the language it was given in.
    text_es = models.CharField("question in Spanish", max_length=300, blank=True)
    help_text_es = models.CharField("help text in Spanish", max_length=300, blank=True)
    choices_es = models.TextField(
        "choices in Spanish",
        max_length=limits.SHORT_TEXT,
        blank=True,
        help_text="One a line, in the same order as the choices.",
    )
    scale_low_es = models.CharField("what 1 means, in Spanish", max_length=60, blank=True)
    scale_high_es = models.CharField("what 5 means, in Spanish", max_length=60, blank=True)
    min_value = models.IntegerField("lowest number", null=True, blank=True)
    max_value = models.IntegerField("highest number", null=True, blank=True)
    # The ready templates mark the questions the dashboard reads (participation, satisfaction).
    key = models.SlugField(max_length=40, blank=True, editable=False)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    SPANISH_FIELDS = ("text_es", "help_text_es", "choices_es", "scale_low_es", "scale_high_es")

    @property
    def choice_list(self):
        return _lines(self.choices)

    @property
    def choice_list_es(self):
        return _lines(self.choices_es)

    def choice_labels(self, language) -> list[tuple[str, Wording]]:
        """(value, label) for each choice: the value is always the original choice, which is
        what is stored and counted; the label is in Spanish for a Spanish reader where staff
        wrote the Spanish choices."""
        originals = self.choice_list
        spanish = self.choice_list_es
        if reads_spanish(language) and len(spanish) == len(originals):
            return [(c, Wording(s, "es")) for c, s in zip(originals, spanish, strict=True)]
        return [(c, Wording(c, settings.LANGUAGE_CODE)) for c in originals]

    @property
    def options(self):
        """The answers that can be counted, in order."""
        if self.kind in self.CHOICE_KINDS:
            return self.choice_list
        if self.kind == self.Kind.SCALE:
            return list(self.SCALE_POINTS)
        return []

    def clean(self):
        super().clean()
        errors = {}
        if self.kind in self.CHOICE_KINDS and len(self.choice_list) < 2:
            errors["choices"] = "Give at least two choices, one a line."
        elif len(set(self.choice_list)) != len(self.choice_list):
            errors["choices"] = "Each choice must be different."
        spanish = self.choice_list_es
        if self.kind in self.CHOICE_KINDS and spanish and "choices" not in errors:
            if len(spanish) != len(self.choice_list):
                errors["choices_es"] = (
                    f"Give one Spanish choice for each choice, in the same order: there are "
                    f"{len(self.choice_list)} choices and {len(spanish)} Spanish lines."
                )
            elif len(set(spanish)) != len(spanish):
                errors["choices_es"] = "Each Spanish choice must be different."
        if (
            self.kind == self.Kind.NUMBER
            and self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            errors["max_value"] = "The highest number is below the lowest."
        if errors:
            raise ValidationError(errors)


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class Response(models.Model):
    """One anonymous set of answers. No user, no client, no IP, no time of day: the day it came
    in is enough to follow a survey's progress and too coarse to point at a person."""

    class Via(models.TextChoices):
        LINK = "link", "Anonymous link"
        PAPER = "paper", "Paper, entered by staff"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField(default=timezone.localdate)
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.LINK)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["survey", "submitted_on"])]

    def __str__(self):
        return f"Response {self.pk} to {self.survey}"


class Answer(models.Model):
    """One value: a choice (one row per choice ticked), a scale point, a number, or text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(max_length=limits.SHORT_TEXT)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self):
        return self.value


class StudyQuerySet(AgencyScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Study(models.Model):
    """A piece of research on self-help groups, in plain words, for the public evidence page."""

    agency = models.ForeignKey("liaison.Agency", on_delete=models.CASCADE, related_name="studies")
    title = models.CharField(max_length=300)
    authors = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField()
    journal = models.CharField(
        "published in",
        max_length=300,
        blank=True,
        help_text="Journal with volume and pages, or the publisher of a book.",
    )
    url = models.URLField("link", blank=True)
    summary = models.CharField(
        "plain-language summary", max_length=400, help_text="One sentence anyone can read."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    is_published = models.BooleanField("show on the evidence page", default=True)

    objects = StudyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "-year", "title"]
        verbose_name_plural = "studies"
        constraints = [
            models.UniqueConstraint(fields=["agency", "title"], name="one_study_title_per_agency")
        ]

    def __str__(self):
        return f"{self.authors} ({self.year}) {self.title}"
