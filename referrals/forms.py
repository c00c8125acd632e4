import copy

from django import forms
from django.utils import timezone

from groups.models import Contact, Language, Meeting, SelfHelpGroup
from jobs import sms
from liaison import formfields
from liaison.formfields import as_id
from liaison.models import AgencyUnit
from referrals.models import Client, Consent, FollowUp, PeerVolunteer, Referral, StorySession

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", "—"), ("true", "Yes"), ("false", "No")]


class ClientForm(formfields.Form):
    record_number = forms.CharField(max_length=40, label="Agency record number")
    initials = forms.CharField(max_length=5)
    unit = formfields.RowChoiceField(queryset=AgencyUnit.objects.none())
    first_name = forms.CharField(max_length=60)
    last_name = forms.CharField(max_length=60, required=False)
    phone = forms.CharField(max_length=40, required=False)
    email = forms.EmailField(required=False)
    preferred_language = formfields.RowChoiceField(queryset=Language.objects.all(), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["unit"].queryset = AgencyUnit.objects.for_agency(agency).filter(
            is_active=True, level=AgencyUnit.Level.PRACTITIONER
        )

    def clean_record_number(self):
        number = self.cleaned_data["record_number"].strip()
        # Deleted clients stay out of every list, but keep their record number until purged.
        same = Client.objects.filter(agency=self.agency, record_number=number)
        if same.filter(deleted_at__isnull=False, purged_at__isnull=True).exists():
            raise forms.ValidationError(
                "A client with this record number was deleted and can still be restored: ask "
                "your agency's administrator to restore them (Clients → Deleted clients) rather "
                "than add them again."
            )
        if same.exists():
            raise forms.ValidationError("A client with this record number exists already.")
        return number


class ConsentForm(formfields.ModelForm):
    """A consent names one recipient, chosen from one list: the group's peer volunteers, or
    the public contacts of listed groups (only the group's, when the consent is for a group)."""

    recipient = forms.ChoiceField(label="Who may receive it", choices=())

    class Meta:
        model = Consent
        fields = [
            "discloser",
            "share_first_name",
            "share_phone",
            "share_email",
            "share_preferred_meeting",
            "purpose",
            "expires_on",
            "expiry_event",
        ]
        widgets = {"expires_on": DATE}

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        volunteers = PeerVolunteer.objects.filter(
            is_active=True, group__status=SelfHelpGroup.Status.ACTIVE
        ).select_related("group")
        contacts = Contact.objects.filter(
            is_public=True, group__status=SelfHelpGroup.Status.ACTIVE
        ).select_related("group")
        if group is not None:
            volunteers = volunteers.filter(group=group)
            contacts = contacts.filter(group=group)
        self.volunteers = {str(v.pk): v for v in volunteers.order_by("group__name", "first_name")}
        self.contacts = {str(c.pk): c for c in contacts.order_by("group__name", "first_name")}
        self.fields["recipient"].choices = [
            ("", "Choose the recipient"),
            (
                "Peer volunteers",
                [
                    (f"volunteer:{pk}", f"{v.first_name}, peer volunteer of {v.group.name}")
                    for pk, v in self.volunteers.items()
                ],
            ),
            (
                "Group contacts",
                [
                    (f"contact:{pk}", f"{c.public_name}, contact of {c.group.name}")
                    for pk, c in self.contacts.items()
                ],
            ),
        ]

    def clean_recipient(self):
        kind, _, pk = self.cleaned_data["recipient"].partition(":")
        chosen = {"volunteer": self.volunteers, "contact": self.contacts}.get(kind, {}).get(pk)
        if chosen is None:
            raise forms.ValidationError("Choose the recipient from the list.")
        self.instance.volunteer = chosen if kind == "volunteer" else None
        self.instance.contact = chosen if kind == "contact" else None
        return self.cleaned_data["recipient"]

    def _update_errors(self, errors):
        # The model speaks of its volunteer and contact; the form asks for one recipient.
        if hasattr(errors, "error_dict"):
            for name in ("volunteer", "contact"):
                moved = errors.error_dict.pop(name, None)
                if moved and "recipient" not in self._errors:
                    errors.error_dict.setdefault("recipient", []).extend(moved)
        super()._update_errors(errors)


class ConsentSignForm(forms.Form):
    """The client has signed the printed consent: when, and how it is kept."""

    signed_on = forms.DateField(label="Signed on", widget=DATE)
    signed_how = forms.ChoiceField(
        label="How it was signed", choices=[("", "Choose"), *Consent.SignedHow.choices]
    )

    def __init__(self, *args, consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent
        self.initial.setdefault("signed_on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        on, how = cleaned.get("signed_on"), cleaned.get("signed_how")
        written = timezone.localdate(self.consent.created_at)
        if on and on < written:
            self.add_error(
                "signed_on",
                f"The form was written on {written:%B} {written.day}, {written.year}; "
                "it cannot have been signed before.",
            )
        elif on and how:
            # The consent's own rules (signed before it expired, not in the future), checked on
            # a copy: the consent is signed only by `consent_sign`.
            signed = copy.copy(self.consent)
            signed.signed_on, signed.signed_how = on, how
            try:
                signed.clean()
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned


class ReferralForm(formfields.ModelForm):
    standard_at_discharge_confirmed = forms.BooleanField(
        required=False,
        label="I have thought about an intensive referral and a standard one is right here",
    )

    class Meta:
        model = Referral
        fields = [
            "client",
            "group",
            "meeting",
            "kind",
            "volunteer",
            "at_discharge",
            "reminder",
            "notes",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "reminder": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "reminder": "The day before the meeting chosen above, in the client's language, if "
            "they asked for it; every reminder lets them stop them.",
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.for_agency(agency).active()
        self.fields["group"].queryset = SelfHelpGroup.objects.active()
        # The group is chosen first (its own step); the form then offers that group's
        # volunteers and meetings only, and refuses any other.
        self.fields["group"].widget = forms.HiddenInput()
        group = self._group()
        meetings = Meeting.objects.filter(status=Meeting.Status.ACTIVE, group=group)
        volunteers = PeerVolunteer.objects.filter(is_active=True, group=group)
        self.fields["meeting"].queryset = meetings.select_related("group")
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.group.name}: {m.schedule_text}" + (f" ({m.name})" if m.name else "")
        )
        self.fields["meeting"].empty_label = "Not one in particular"
        self.fields["reminder"].choices = self._reminder_choices()
        # Practitioners see a volunteer's first name and availability, never their contact.
        self.fields["volunteer"].queryset = volunteers
        self.fields["volunteer"].label_from_instance = lambda v: (
            f"{v.first_name}, of {group.name}" + (f" — {v.availability}" if v.availability else "")
        )

    def _group(self):
        raw = self.data.get("group") if self.is_bound else self.initial.get("group")
        if isinstance(raw, SelfHelpGroup):
            return raw
        pk = as_id(raw)
        return SelfHelpGroup.objects.active().filter(pk=pk).first() if pk else None

    def _reminder_choices(self):
        choices = list(Referral.Reminder.choices)
        if not sms.available():
            choices = [c for c in choices if c[0] != Referral.Reminder.TEXT]
        return choices

    def clean_reminder(self):
        reminder = self.cleaned_data.get("reminder") or ""
        if not reminder:
            return reminder
        if not self.data.get("meeting"):
            raise forms.ValidationError("Choose the meeting the reminder is about.")
        client = self.cleaned_data.get("client")
        identity = getattr(client, "identity", None) if client else None
        if reminder == Referral.Reminder.EMAIL and not (identity and identity.email):
            raise forms.ValidationError("The client's record has no email address.")
        if reminder == Referral.Reminder.TEXT and not (identity and identity.phone):
            raise forms.ValidationError("The client's record has no phone number.")
        return reminder

    def has_volunteers(self) -> bool:
        return self.fields["volunteer"].queryset.exists()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Referral.Kind.INTENSIVE and not self.has_volunteers():
            self.add_error(
                "kind",
                "This group has no peer volunteer yet, so an intensive referral is not possible. "
                "Make a standard referral: go over the brief together in the session, and ask "
                "the liaison office whether the group's contact could meet the client.",
            )
        if (
            cleaned.get("at_discharge")
            and cleaned.get("kind") == Referral.Kind.STANDARD
            and not cleaned.get("standard_at_discharge_confirmed")
            # Without a volunteer there is nothing more intensive to choose.
            and self.has_volunteers()
        ):
            self.add_error(
                "kind",
                "A referral made as treatment ends can feel like a dismissal. An intensive "
                "referral — linking the client with a volunteer now — works far better. Choose "
                "it, or confirm below that a standard referral is right.",
            )
        return cleaned


class AdvanceForm(formfields.Form):
    status = forms.ChoiceField(choices=())
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


SATISFACTION = [
    ("", "Not asked"),
    (1, "1 — not at all"),
    (2, "2 — a little"),
    (3, "3 — somewhat"),
    (4, "4 — quite"),
    (5, "5 — very"),
]


class FollowUpForm(formfields.ModelForm):
    attended = forms.TypedChoiceField(
        label="Went to a meeting",
        choices=YES_NO,
        required=False,
        coerce=lambda v: v == "true",
        empty_value=None,
    )
    still_attending = forms.TypedChoiceField(
        choices=YES_NO, required=False, coerce=lambda v: v == "true", empty_value=None
    )
    has_sponsor = forms.TypedChoiceField(
        label="Has a sponsor or mentor",
        choices=YES_NO,
        required=False,
        coerce=lambda v: v == "true",
        empty_value=None,
    )
    discussed_in_session = forms.TypedChoiceField(
        label="We talked about the group in session",
        choices=YES_NO,
        required=False,
        coerce=lambda v: v == "true",
        empty_value=None,
        help_text="What the client found there, and how it fits their treatment.",
    )
    satisfaction = forms.TypedChoiceField(
        label="How satisfied the client is with the group",
        choices=SATISFACTION,
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = FollowUp
        fields = [
            "attended",
            "meetings_attended",
            "still_attending",
            "has_sponsor",
            "satisfaction",
            "discussed_in_session",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("attended") is None:
            self.add_error("attended", "Say whether the client went to a meeting.")
        return cleaned


class VolunteerForm(formfields.ModelForm):
    class Meta:
        model = PeerVolunteer
        fields = ["first_name", "phone", "email", "languages", "availability", "is_active"]
        widgets = {"languages": forms.CheckboxSelectMultiple}
        labels = {"is_active": "Active: agency staff may link newcomers with them"}


class StoryForm(formfields.ModelForm):
    class Meta:
        model = StorySession
        fields = [
            "held_on",
            "storyteller",
            "storyteller_consented",
            "groups",
            "clients_reached",
            "notes",
        ]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["storyteller"].queryset = Client.objects.for_agency(agency)
        self.fields["groups"].queryset = SelfHelpGroup.objects.active()


class ChooseGroupForm(formfields.Form):
    """The first step of a referral: which group (only listed groups)."""

    group = forms.ModelChoiceField(
        label="Group",
        queryset=SelfHelpGroup.objects.active().order_by("name"),
        to_field_name="slug",
        empty_label="Choose a group",
    )
    client = forms.IntegerField(required=False, widget=forms.HiddenInput)
