from django import forms
from django.utils import timezone

from exchanges.models import Activity, BoardSeat, FormalTie, Support, TrainingSession, Visit
from groups.models import Meeting, Organization, SelfHelpGroup
from liaison import formfields
from liaison.formfields import as_id
from liaison.models import User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgencyForm(formfields.ModelForm):
    """A form for one of the agency's records: the agency comes from the user, never the form."""

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.instance.agency = agency
        for name in ("group", "groups"):
            if name in self.fields:
                self.fields[name].queryset = SelfHelpGroup.objects.exclude(status="inactive")
        if "organization" in self.fields:
            self.fields["organization"].queryset = Organization.objects.all()


class VisitForm(AgencyForm):
    class Meta:
        model = Visit
        fields = [
            "group",
            "kind",
            "meeting",
            "planned_on",
            "announce_to_group",
            "status",
            "done_on",
            "hours",
            "contact_person",
            "introduced_as_staff",
            "learned_culture",
            "learned_who_attends",
            "learned_format",
            "learned_philosophy",
            "notes",
        ]
        widgets = {
            "planned_on": DATE,
            "done_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("planned_on", None)
            self.initial["planned_on"] = self.initial["planned_on"] or timezone.localdate()
        # Listed groups only (one waiting for review has no meetings to visit yet), and the group
        # of a visit already recorded.
        listed = SelfHelpGroup.objects.active()
        if self.instance.group_id:
            listed = listed | SelfHelpGroup.objects.filter(pk=self.instance.group_id)
        self.fields["group"].queryset = listed.order_by("name")
        group = self._chosen_group()
        meetings = Meeting.objects.filter(status=Meeting.Status.ACTIVE).select_related("group")
        self.fields["meeting"].queryset = meetings.filter(group=group) if group else meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.group.name}: {m.schedule_text} — {m.get_access_display().lower()}"
        )
        # How long it took is asked when the visit is recorded as done, not while planning it.
        self.fields["hours"].required = False
        self.fields["hours"].help_text = "When the visit is done: how long it took, in hours."
        self.fields[
            "meeting"
        ].help_text = "Closed meetings are for members only: meet the contact person instead."

    def clean_hours(self):
        return self.cleaned_data.get("hours") or 0

    def _chosen_group(self):
        raw = self.data.get("group") if self.is_bound else None
        if raw:
            pk = as_id(raw)
            return SelfHelpGroup.objects.filter(pk=pk).first() if pk else None
        return self.instance.group if self.instance.group_id else self.initial.get("group")


class TrainingForm(AgencyForm):
    class Meta:
        model = TrainingSession
        fields = ["kind", "title", "held_on", "hours", "groups", "presenters", "attendees", "notes"]
        widgets = {
            "held_on": DATE,
            "attendees": formfields.ChecklistWidget,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = User.objects.filter(
            memberships__agency=self.agency, memberships__is_active=True
        ).order_by("full_name")


class BoardSeatForm(AgencyForm):
    class Meta:
        model = BoardSeat
        fields = [
            "holder_name",
            "title",
            "is_self_help_leader",
            "group",
            "organization",
            "term_start",
            "term_end",
            "notes",
        ]
        widgets = {"term_start": DATE, "term_end": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class FormalTieForm(AgencyForm):
    class Meta:
        model = FormalTie
        fields = ["kind", "group", "organization", "status", "signed_on", "renews_on", "notes"]
        widgets = {"signed_on": DATE, "renews_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class SupportForm(AgencyForm):
    class Meta:
        model = Support
        fields = ["group", "kind", "given_on", "amount", "in_kind_value", "description"]
        widgets = {"given_on": DATE}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("amount") is None and cleaned.get("in_kind_value") is None:
            self.add_error("amount", "Give the money given or the value in kind (or both).")
        return cleaned


class ActivityForm(AgencyForm):
    class Meta:
        model = Activity
        fields = ["kind", "level", "happened_on", "groups", "partners", "summary"]
        widgets = {"happened_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}
