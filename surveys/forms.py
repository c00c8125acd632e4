import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from groups.forms import HoneypotMixin
from groups.models import SelfHelpGroup
from liaison import formfields
from surveys.models import MIN_CELL, Question, Study, Survey, Wording
from surveys.question_sets import QUESTION_SETS
from surveys.services import FORM_KEY_SECONDS

NONCE_SALT = "surveys.form-nonce"
TEXT_MAX = 1000


class ResponseForm(HoneypotMixin, formfields.Form):
    """The questions of one survey as form fields, `q<pk>` each, with a one-time key so that a
    second POST of the same form is recognised. The key is required: a form without one, with a
    forged one, or one opened more than FORM_KEY_SECONDS ago records nothing.

    `language` is the respondent's: the question, its help, its scale ends and its choices' labels
    are in Spanish for a Spanish reader where staff wrote them, each label knowing its language
    (see Wording). The values of the choices stay the original ones, whatever the language.
    Staff (paper answers, the printed sheet) see the originals."""

    # Required, but checked in clean_nonce: the view answers a bad key with a plain message and
    # a fresh key, never an error beside a field nobody sees.
    nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, *args, survey, questions, language=settings.LANGUAGE_CODE, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = questions
        self.language = language
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    def _field(self, question):
        language = self.language
        help_text = question.in_language("help_text", language)
        common = {
            "label": question.in_language("text", language),
            "required": question.required,
            "help_text": help_text,
            "error_messages": {"required": _("Please answer this question.")},
        }
        kind = question.kind
        if kind == Question.Kind.SINGLE:
            choices = question.choice_labels(language)
            field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        elif kind == Question.Kind.MULTIPLE:
            choices = question.choice_labels(language)
            field = forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        elif kind == Question.Kind.SCALE:
            ends = {
                "1": question.in_language("scale_low", language),
                "5": question.in_language("scale_high", language),
            }
            choices = [
                (p, Wording(f"{p} — {ends[p]}", ends[p].lang) if ends.get(p) else p)
                for p in Question.SCALE_POINTS
            ]
            field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        elif kind == Question.Kind.NUMBER:
            field = forms.IntegerField(
                min_value=question.min_value, max_value=question.max_value, **common
            )
            field.widget.attrs["inputmode"] = "numeric"
            if question.min_value is not None and question.max_value is not None:
                bounds = {"low": question.min_value, "high": question.max_value}
                message = _("Please give a whole number from %(low)s to %(high)s.") % bounds
                field.error_messages.update(invalid=message, min_value=message, max_value=message)
        else:
            field = forms.CharField(
                max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        if kind in (Question.Kind.NUMBER, Question.Kind.TEXT):
            field.widget.attrs["class"] = "form-control"
        else:
            field.widget.attrs["class"] = "form-check-input"
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.SCALE):
            field.error_messages["invalid_choice"] = _("Please choose one of the answers offered.")
        field.question = question
        return field

    def new_nonce(self):
        # A random part, so that two people opening the form in the same second get two keys.
        return signing.dumps([self.survey.token, secrets.token_urlsafe(16)], salt=NONCE_SALT)

    def clean_nonce(self):
        """The key's random part, remembered once used; a missing, forged, expired or other
        survey's key is an error."""
        nonce = self.cleaned_data.get("nonce", "")
        try:
            token, key = signing.loads(nonce, salt=NONCE_SALT, max_age=FORM_KEY_SECONDS)
        except (signing.BadSignature, ValueError, TypeError):
            raise forms.ValidationError("No valid form key.", code="form_key") from None
        if token != self.survey.token or not isinstance(key, str) or not key:
            raise forms.ValidationError("No valid form key.", code="form_key")
        return key

    @property
    def has_bad_key(self):
        return "nonce" in self.errors

    def with_new_key(self):
        """The same answers in a form with a fresh key, for a form whose key was refused."""
        data = self.data.copy()
        data["nonce"] = self.new_nonce()
        fresh = ResponseForm(
            data, survey=self.survey, questions=self.questions, language=self.language
        )
        fresh.is_valid()
        return fresh

    def answers(self):
        found = {q: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
        # A choice ticked "twice" by a hand-made POST still counts once.
        return {q: list(dict.fromkeys(v)) if isinstance(v, list) else v for q, v in found.items()}

    def mark_errors(self):
        """Tie each message to its field for screen readers."""
        for name, field in self.fields.items():
            if name in self.errors:
                described = [f"{name}-error"]
                if field.help_text:
                    described.append(f"id_{name}_helptext")
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = " ".join(described)


class NewSurveyForm(formfields.Form):
    template = forms.ChoiceField(
        label="Start from",
        choices=[(qs.key, qs.title) for qs in QUESTION_SETS.values()],
        widget=forms.RadioSelect,
    )
    group = formfields.RowChoiceField(
        label="Group (for a members' survey)",
        queryset=SelfHelpGroup.objects.none(),
        required=False,
        help_text="The group's leader is asked whether the group takes part.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = SelfHelpGroup.objects.active().order_by("name")
        self.fields["template"].choices = [
            (qs.key, f"{qs.title} — {qs.description}") for qs in QUESTION_SETS.values()
        ]

    def clean(self):
        data = super().clean()
        template = QUESTION_SETS.get(data.get("template", ""))
        if template and template.audience == Survey.Audience.MEMBERS and not data.get("group"):
            self.add_error("group", "A members' survey is for one group: choose the group.")
        return data


class InSpanishFields:
    """A staff form whose Spanish fields (`<field>_es`) are shown apart, under their own
    heading: `original_fields` and `spanish_fields` are the form's bound fields, in order. What
    is typed in a Spanish field is marked as Spanish (the browser's spelling check follows)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.endswith("_es"):
                field.widget.attrs["lang"] = "es"

    def original_fields(self):
        return [field for field in self if not field.name.endswith("_es")]

    def spanish_fields(self):
        return [field for field in self if field.name.endswith("_es")]


class SurveyForm(InSpanishFields, formfields.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "intro", "closes_on", "is_published", "summary", "title_es", "intro_es"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "intro_es": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, responses=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.responses = responses

    def clean_is_published(self):
        published = self.cleaned_data["is_published"]
        if published and self.responses < MIN_CELL:
            raise forms.ValidationError(
                f"A survey is published only with at least {MIN_CELL} responses "
                f"(it has {self.responses})."
            )
        return published


class QuestionForm(InSpanishFields, formfields.ModelForm):
    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "choices",
            "scale_low",
            "scale_high",
            "min_value",
            "max_value",
            *Question.SPANISH_FIELDS,
        ]
        widgets = {
            "choices": forms.Textarea(attrs={"rows": 5}),
            "choices_es": forms.Textarea(attrs={"rows": 5}),
        }


class QuestionSpanishForm(InSpanishFields, formfields.ModelForm):
    """The Spanish versions alone, for a question whose survey has opened: the question itself
    is fixed then, but a translation changes no answer (the stored values stay the original
    choices), so it may still be written or corrected."""

    class Meta:
        model = Question
        fields = list(Question.SPANISH_FIELDS)
        widgets = {"choices_es": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        question = self.instance
        if question.kind not in Question.CHOICE_KINDS:
            del self.fields["choices_es"]
        if question.kind != Question.Kind.SCALE:
            del self.fields["scale_low_es"], self.fields["scale_high_es"]
        # Each Spanish field says what it translates.
        originals = {
            "text_es": question.text,
            "help_text_es": question.help_text,
            "choices_es": " · ".join(question.choice_list),
            "scale_low_es": question.scale_low,
            "scale_high_es": question.scale_high,
        }
        for name, field in self.fields.items():
            if originals[name]:
                said = f"The original: “{originals[name]}”"
                if name == "choices_es":
                    said = f"One a line, in the same order as the choices: {originals[name]}."
                field.help_text = said


class StudyForm(formfields.ModelForm):
    class Meta:
        model = Study
        fields = ["title", "authors", "year", "journal", "url", "summary", "order", "is_published"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1900 <= year <= 2100:
            raise forms.ValidationError("Give the year of publication, e.g. 2004.")
        return year

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        clash = Study.objects.for_agency(self.instance.agency).filter(title__iexact=title)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("This study is on the list already.")
        return title
