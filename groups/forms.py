from django import forms

from groups import meeting_types, schedule
from groups.models import Assessment, Meeting


class MeetingForm(forms.ModelForm):
    """A meeting's schedule and place. Every rule of `Meeting.clean` shows beside its field."""

    days = forms.TypedMultipleChoiceField(
        label="Day(s)",
        choices=schedule.DAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="A weekly meeting may be held on several days; a monthly one on one day.",
    )
    type_codes = forms.MultipleChoiceField(
        label="Meeting types",
        required=False,
        choices=(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"invalid_choice": "“%(value)s” is not a Meeting Guide meeting type."},
        help_text="Open or closed is chosen above; these say what else to expect.",
    )

    class Meta:
        model = Meeting
        fields = [
            "name",
            "recurrence",
            "days",
            "month_week",
            "start_time",
            "end_time",
            "timezone",
            "mode",
            "location",
            "location_notes",
            "conference_url",
            "conference_phone",
            "conference_notes",
            "access",
            "type_codes",
            "languages",
            "accessibility_notes",
            "notes",
            "status",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "languages": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type_codes"].choices = meeting_types.choices()
        if self.instance.pk:
            self.initial.setdefault("days", self.instance.days)
        self.fields["month_week"].help_text = "For a monthly meeting: which week of the month."

    def clean_type_codes(self):
        codes = self.cleaned_data["type_codes"]
        unknown = meeting_types.unknown(codes) + [c for c in codes if c in meeting_types.DERIVED]
        if unknown:
            raise forms.ValidationError(f"Unknown meeting type codes: {', '.join(unknown)}.")
        return codes

    def _post_clean(self):
        # The weekday checkboxes are stored as one bit mask on the model.
        self.instance.weekdays = schedule.mask_from_days(self.cleaned_data.get("days") or [])
        super()._post_clean()

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict") and "weekdays" in errors.error_dict:
            days_errors = errors.error_dict.pop("weekdays")
            if "days" not in self._errors:
                errors.error_dict["days"] = days_errors
        super()._update_errors(errors)


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = [
            "maturity",
            "leadership_stability",
            "organization",
            "experiential_base",
            "autonomy",
            "notes",
        ]
        labels = {"organization": "How well organized"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
