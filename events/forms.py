from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import JointEvent, Partner, Registration
from groups.forms import HoneypotMixin
from groups.models import SelfHelpGroup
from liaison import formfields

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(formfields.ModelForm):
    groups = formfields.RowsChoiceField(
        label=_("Groups invited to co-sponsor"),
        queryset=SelfHelpGroup.objects.none(),
        required=False,
        help_text=_("Each group decides whether to take part."),
        widget=formfields.ChecklistWidget,
    )
    partners = formfields.RowsChoiceField(
        label=_("Community partners"),
        queryset=Partner.objects.none(),
        required=False,
        widget=formfields.ChecklistWidget,
    )

    class Meta:
        model = JointEvent
        fields = [
            "kind",
            "title",
            "description",
            "title_es",
            "description_es",
            "starts_at",
            "ends_at",
            "place",
            "street_address",
            "city",
            "postal_code",
            "online_url",
            "is_public",
            "status",
            "capacity",
            "expected_attendance",
            "actual_attendance",
            "outcome_notes",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "outcome_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        # Any group may be chosen so that an inactive one gets a clear error, not a silent drop.
        self.fields["groups"].queryset = SelfHelpGroup.objects.exclude(status="pending")
        self.fields["partners"].queryset = Partner.objects.for_agency(agency)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        chosen = []
        if self.instance.pk:
            sponsorships = self.instance.sponsorships.all()
            chosen = [s.group_id for s in sponsorships if s.group_id]
            self.initial["groups"] = chosen
            self.initial["partners"] = [s.partner_id for s in sponsorships if s.partner_id]
        # Offered: the active groups, and those the event already has or the form sent (an
        # inactive one stays in sight, checked, with the words that refuse it).
        if self.is_bound and hasattr(self.data, "getlist"):
            posted = self.data.getlist("groups")
            chosen += [int(pk) for pk in posted if pk.isdigit() and len(pk) < 10]
        offered = SelfHelpGroup.objects.filter(
            Q(status=SelfHelpGroup.Status.ACTIVE) | Q(pk__in=chosen)
        ).order_by("name")
        self.fields["groups"].widget.choices = [(group.pk, group.name) for group in offered]

    def clean_groups(self):
        groups = self.cleaned_data["groups"]
        inactive = [g.name for g in groups if g.status != SelfHelpGroup.Status.ACTIVE]
        if inactive:
            raise forms.ValidationError(
                f"{', '.join(inactive)} no longer meets (inactive): it cannot co-sponsor."
            )
        return groups


class PartnerForm(formfields.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "sector", "contact_name", "contact_email", "contact_phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Partner.objects.for_agency(self.instance.agency).filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("You have a partner with this name already.")
        return name


class RegistrationForm(HoneypotMixin, formfields.ModelForm):
    class Meta:
        model = Registration
        fields = ["name", "email", "phone"]
        labels = {
            "name": _("Your name"),
            "email": _("Your email"),
            "phone": _("Your phone (optional)"),
        }
