import copy

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from groups import schedule
from groups.languages import translated_language_name
from groups.listing.fields import (
    CONTACT_FIELDS,
    GROUP_FIELDS,
    MEETING_FIELDS,
    PLACE_FIELDS,
    SUGGESTIBLE_GROUP_FIELDS,
    SUGGESTIBLE_MEETING_FIELDS,
    TYPOLOGY_FIELDS,
)
from groups.meeting_guide import types as meeting_types
from groups.models import (
    Assessment,
    Contact,
    KeepRequest,
    Language,
    Location,
    Meeting,
    SelfHelpGroup,
)
from liaison import formfields, limits

# The form shows a meeting's weekday bit mask as checkboxes of days.
MEETING_FORM_FIELDS = ["days" if name == "weekdays" else name for name in MEETING_FIELDS]


class MeetingForm(formfields.ModelForm):
    """A meeting's schedule and place. Every rule of `Meeting.clean` shows beside its field."""

    days = forms.TypedMultipleChoiceField(
        label=_("Day(s)"),
        choices=schedule.DAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A weekly meeting may be held on several days; a monthly one on one day."),
    )
    type_codes = forms.MultipleChoiceField(
        label=_("Meeting types"),
        required=False,
        choices=(),
        widget=formfields.ChecklistWidget,
        error_messages={"invalid_choice": "“%(value)s” is not a Meeting Guide meeting type."},
        help_text=_("Open or closed is chosen above; these say what else to expect."),
    )

    class Meta:
        model = Meeting
        fields = MEETING_FORM_FIELDS
        labels = {
            "name": _("Name"),
            "recurrence": _("How often"),
            "month_week": _("Week of the month"),
            "start_time": _("Start time"),
            "end_time": _("End time"),
            "timezone": _("Time zone"),
            "mode": _("Attendance"),
            "location": _("Location"),
            "location_notes": _("Location notes"),
            "conference_url": _("Online meeting link"),
            "conference_phone": _("Dial-in phone"),
            "conference_notes": _("Online joining notes"),
            "area": _("Area it serves (online only)"),
            "access": _("Access"),
            "languages": _("Languages"),
            "accessibility_notes": _("Accessibility notes"),
            "notes": _("Notes"),
            "status": _("Status"),
        }
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "languages": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type_codes"].choices = meeting_types.choices()
        self.fields["languages"].label_from_instance = translated_language_name
        if self.instance.pk:
            self.initial.setdefault("days", self.instance.days)
        self.fields["month_week"].help_text = _("For a monthly meeting: which week of the month.")

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


class AssessmentForm(formfields.ModelForm):
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
        labels = {"organization": _("How well organized")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class VersionedForm(formfields.ModelForm):
    """Carries the version the editor started from, so a second editor is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class GroupListingForm(VersionedForm):
    class Meta:
        model = SelfHelpGroup
        fields = GROUP_FIELDS
        labels = {
            "name": _("Name"),
            "focus_areas": _("Focus areas"),
            "listing_languages": _("Listing written in"),
            "description": _("Description"),
            "founded_year": _("Founded in (year)"),
            "typical_attendance": _("Typical attendance"),
            "public_email": _("Public email"),
            "public_phone": _("Public phone"),
            "website": _("Website"),
            "organization": _("Part of (national organization)"),
            "who_attends": _("Who goes"),
            "typical_format": _("What happens at a meeting"),
            "common_issues": _("What members often talk about"),
            "philosophy": _("How the group sees things"),
            "text_language": _("These texts are written in"),
            "second_language": _("Also written in"),
            "second_description": _("Description, in that language"),
            "second_who_attends": _("Who goes, in that language"),
            "second_typical_format": _("What happens at a meeting, in that language"),
            "format_structure": _("Format"),
            "audience": _("Especially for"),
        }
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple,
            "audience": forms.CheckboxSelectMultiple,
            "listing_languages": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "who_attends": forms.Textarea(attrs={"rows": 3}),
            "typical_format": forms.Textarea(attrs={"rows": 3}),
            "common_issues": forms.Textarea(attrs={"rows": 2}),
            "philosophy": forms.Textarea(attrs={"rows": 2}),
            "second_description": forms.Textarea(attrs={"rows": 3}),
            "second_who_attends": forms.Textarea(attrs={"rows": 3}),
            "second_typical_format": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].empty_label = _("— an independent local group —")
        self.fields["listing_languages"].label_from_instance = translated_language_name
        # Left out of a form sent without it: the texts keep the language they had.
        self.fields["text_language"].required = False

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("listing_languages")
        site_languages = {code for code, _name in settings.LANGUAGES}
        if not cleaned.get("text_language") and "text_language" not in self.errors:
            # Not asked (an older form): the one site language the listing is written in, if
            # it names one, else what the texts were written in before.
            named = [lang.code for lang in chosen or () if lang.code in site_languages]
            cleaned["text_language"] = named[0] if len(named) == 1 else self.instance.text_language
        # The languages the group wrote its texts in are languages its listing is written in:
        # "listing written in Spanish" finds it.
        if chosen is not None:
            said = {cleaned.get("text_language"), cleaned.get("second_language")}
            written = Language.objects.filter(code__in=said - {None, ""})
            cleaned["listing_languages"] = (chosen | written).distinct()
        return cleaned


class MeetingEditForm(VersionedForm, MeetingForm):
    class Meta(MeetingForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["location"]
        field.label = _("Place")
        field.empty_label = _("A new place: describe it below")
        field.help_text = _(
            "Choose a place already listed, or describe the place below. A change to the place "
            "changes it for your group only."
        )


class TypologyForm(VersionedForm):
    """The kind of group, as the liaison office sees it: where it locates the problem, how
    structured its format is, and how autonomous it is (the paper's typology)."""

    class Meta:
        model = SelfHelpGroup
        fields = TYPOLOGY_FIELDS
        labels = {
            "problem_locus": _("Where the group locates the problem"),
            "format_structure": _("Format"),
            "autonomy": _("Autonomy"),
        }
        widgets = dict.fromkeys(TYPOLOGY_FIELDS, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("problem_locus", "format_structure"):
            self.fields[name].choices = [("", _("Not known yet"))] + [
                choice for choice in self.fields[name].choices if choice[0]
            ]


class PlaceForm(formfields.ModelForm):
    """The place of a meeting, as its group describes it (`groups.listing.places`)."""

    class Meta:
        model = Location
        fields = PLACE_FIELDS
        labels = {
            "name": _("Name of the place"),
            "street": _("Street address"),
            "city": _("Town or city"),
            "state": _("State or region"),
            "postal_code": _("ZIP or postal code"),
            "country": _("Country"),
            "step_free": _("Step-free entrance"),
            "accessible_toilet": _("Accessible toilet"),
            "parking": _("Parking"),
            "hearing_loop": _("Hearing loop"),
            "accessibility": _("Other access notes"),
            "directions": _("How to find it"),
        }
        help_texts = {"name": _("For example: St. Mark's Church, Room 4.")}
        widgets = {
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "directions": forms.Textarea(attrs={"rows": 2}),
        }

    # The pin on the map: where the place is, when someone moves it by hand.
    latitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, min_value=-90, max_value=90,
        widget=forms.HiddenInput,
    )  # fmt: skip
    longitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, min_value=-180, max_value=180,
        widget=forms.HiddenInput,
    )  # fmt: skip
    pin_moved = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "street", "city"):
            self.fields[name].required = False
        self.fields["country"].initial = "US"

    def pin(self):
        """The position set by hand on the map, or None."""
        data = self.cleaned_data
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if data.get("pin_moved") and latitude is not None and longitude is not None:
            return (latitude, longitude)
        return None

    def describes_a_place(self) -> bool:
        data = self.cleaned_data
        return any(data.get(name) for name in ("name", "street", "city", "postal_code"))

    def clean(self):
        data = super().clean()
        if self.describes_a_place():
            for name in ("name", "street", "city"):
                if not data.get(name):
                    self.add_error(name, _("Please fill this in to list the place."))
        if data.get("country"):
            data["country"] = data["country"].strip().upper()
        return data


class ContactForm(VersionedForm):
    class Meta:
        model = Contact
        fields = CONTACT_FIELDS
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "role": _("Role"),
            "email": _("Email"),
            "phone": _("Phone"),
            "is_public": _("Show on the public page"),
            "position": _("Position in the list"),
        }
        help_texts = {"last_name": _("Never shown publicly: public pages show the initial only.")}


class HoneypotMixin(formfields.Form):
    """A field people never see; software that fills in every field fills it in."""

    homepage = forms.CharField(
        required=False,
        max_length=200,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.cleaned_data.get("homepage"))


class KeepRequestForm(HoneypotMixin, formfields.ModelForm):
    """Asking to keep the listing of a group without a leader."""

    class Meta:
        model = KeepRequest
        fields = ["name", "email", "phone", "note"]
        labels = {
            "name": _("Your name"),
            "email": _("Your email"),
            "phone": _("Your phone (optional)"),
            "note": _("How are you connected to the group?"),
        }
        help_texts = {
            "note": _("For example: I am the group's secretary, chosen at the business meeting."),
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class SuggestionForm(HoneypotMixin, formfields.Form):
    """The group's suggestible fields and each meeting's, prefilled with the current values."""

    note = forms.CharField(
        label=_("What is wrong or missing?"),
        required=False,
        max_length=limits.SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    submitter_name = forms.CharField(
        label=_("Your name (optional)"), required=False, max_length=100
    )
    submitter_email = forms.EmailField(
        label=_("Your email (optional, if the group may answer you)"), required=False
    )

    def __init__(self, *args, group, meetings, ask_contact=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.meetings = meetings
        listing = GroupListingForm(instance=group)
        for name in SUGGESTIBLE_GROUP_FIELDS:
            field = listing.fields[name]
            field.required = False
            field.initial = getattr(group, name)
            self.fields[name] = field
        template = MeetingForm(instance=meetings[0]) if meetings else None
        for meeting in meetings:
            for name in SUGGESTIBLE_MEETING_FIELDS:
                field = copy.deepcopy(template.fields[name])
                field.required = name in ("start_time", "status")
                field.initial = getattr(meeting, name)
                self.fields[f"m{meeting.pk}_{name}"] = field
        if not ask_contact:
            del self.fields["submitter_name"]
            del self.fields["submitter_email"]
        self.order_fields(["note"])

    def group_fields(self):
        return [self[name] for name in SUGGESTIBLE_GROUP_FIELDS]

    def meeting_fields(self):
        return [
            (meeting, [self[f"m{meeting.pk}_{name}"] for name in SUGGESTIBLE_MEETING_FIELDS])
            for meeting in self.meetings
        ]

    def proposed(self):
        data = self.cleaned_data
        group_values = {name: data.get(name) for name in SUGGESTIBLE_GROUP_FIELDS}
        meeting_values = {
            meeting.pk: {
                name: data.get(f"m{meeting.pk}_{name}") for name in SUGGESTIBLE_MEETING_FIELDS
            }
            for meeting in self.meetings
        }
        return group_values, meeting_values

    def clean(self):
        cleaned = super().clean()
        for meeting in self.meetings:
            start = cleaned.get(f"m{meeting.pk}_start_time")
            end = cleaned.get(f"m{meeting.pk}_end_time")
            if start and end and end <= start:
                self.add_error(f"m{meeting.pk}_end_time", "The meeting must end after it starts.")
        return cleaned


class DecisionForm(formfields.Form):
    reply = forms.CharField(
        label=_("Reply (optional)"),
        required=False,
        max_length=limits.SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm_stale = forms.BooleanField(
        label=_("I have seen that the listing changed since; apply the suggestion anyway"),
        required=False,
    )


class InvitationForm(formfields.Form):
    name = forms.CharField(label=_("Leader's name"), max_length=150)
    email = forms.EmailField(label=_("Leader's email"))
    note = forms.CharField(
        label=_("Why this person (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to those who decide: for example how the group chose them."),
    )


class ProposalForm(InvitationForm):
    """Agency staff propose; the group's leaders (or, for a group without one, the
    installation's administrator) decide."""

    note = forms.CharField(
        label="Why this person",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to those who decide: how you know the group chose this person.",
    )


class NewGroupForm(HoneypotMixin, formfields.ModelForm):
    contact_name = forms.CharField(label=_("Your name"), max_length=100)
    contact_email = forms.EmailField(label=_("Your email"))
    contact_phone = forms.CharField(label=_("Your phone (optional)"), max_length=40, required=False)
    # The first meeting, field by field: published as a draft the new leader confirms.
    first_weekday = forms.TypedChoiceField(
        label=_("Day"),
        choices=[("", _("Choose a day")), *schedule.DAY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    first_start_time = forms.TimeField(
        label=_("Starts at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    first_mode = forms.ChoiceField(
        label=_("How people attend"),
        choices=[("", _("Choose")), *Meeting.Mode.choices],
        required=False,
    )
    first_place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("The building, and the room: for example St. Mark's Church, Room 4."),
    )
    first_street = forms.CharField(label=_("Street address"), max_length=200, required=False)
    first_city = forms.CharField(label=_("City or town"), max_length=100, required=False)
    first_postal_code = forms.CharField(label=_("ZIP code"), max_length=20, required=False)
    first_conference_url = forms.URLField(
        label=_("Online meeting link"), max_length=200, required=False
    )
    meeting_details = forms.CharField(
        label=_("Anything else about when and where"),
        max_length=limits.SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: every other week, or the first Monday of the month; the door to use."
        ),
    )
    wants_space = forms.BooleanField(label=_("A place to meet"), required=False)
    wants_publicity = forms.BooleanField(
        label=_("Letting people know about the group"), required=False
    )
    wants_starting_help = forms.BooleanField(label=_("Help starting the group"), required=False)
    other_help = forms.CharField(label=_("Other help"), max_length=300, required=False)

    class Meta:
        model = SelfHelpGroup
        fields = ["name", "organization", "focus_areas", "description", "who_attends"]
        labels = {
            "name": _("Group name"),
            "description": _("Description"),
            "organization": _("Part of a national organization?"),
            "focus_areas": _("What the group is about"),
            "who_attends": _("Who is it for?"),
        }
        widgets = {
            "focus_areas": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "who_attends": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].empty_label = _("No — an independent local group")
        self.fields["description"].required = True

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("first_weekday"), cleaned.get("first_start_time")
        mode = cleaned.get("first_mode")
        given = day is not None or time is not None
        if given and day is None and "first_weekday" not in self.errors:
            self.add_error("first_weekday", _("Choose the day the group meets."))
        if given and time is None and "first_start_time" not in self.errors:
            self.add_error("first_start_time", _("Give the time the meeting starts."))
        if given and not mode:
            self.add_error("first_mode", _("Say whether people come in person or online."))
        in_person = mode in (Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID)
        if given and in_person and not (cleaned.get("first_place") or cleaned.get("first_street")):
            self.add_error("first_place", _("Say where the group meets."))
        online = mode in (Meeting.Mode.ONLINE, Meeting.Mode.HYBRID)
        link_missing = not cleaned.get("first_conference_url")
        if given and online and link_missing and "first_conference_url" not in self.errors:
            self.add_error(
                "first_conference_url",
                _("Give the link people use to join (or leave the day empty and tell us below)."),
            )
        if (
            not given
            and not cleaned.get("meeting_details")
            and "meeting_details" not in self.errors
        ):
            self.add_error(
                "meeting_details",
                _("Give the day and time above, or tell us here when and where the group meets."),
            )
        return cleaned


class NewGroupReviewForm(formfields.Form):
    assistance_offered = forms.CharField(
        label=_("Help the office offers (space, publicity, starting the group)"),
        required=False,
        max_length=limits.SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    review_note = forms.CharField(
        label=_("Note to the group"),
        required=False,
        max_length=limits.SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    invite_contact = forms.BooleanField(
        label=_("Invite the contact person to keep the listing"), required=False, initial=True
    )
