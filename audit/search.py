"""Searching the audit trail, for its page, its exports and the background task that writes a
large export."""

import datetime as dt

from django import forms
from django.utils import timezone

from audit.models import AuditEvent
from audit.trail import pseudonym_for
from liaison import formfields
from liaison.formfields import SearchDateField


class AuditSearchForm(formfields.Form):
    action = forms.ChoiceField(
        choices=[("", "Any action"), *AuditEvent.Action.choices], required=False
    )
    outcome = forms.ChoiceField(
        choices=[("", "Any outcome"), *AuditEvent.Outcome.choices], required=False
    )
    actor = forms.CharField(label="Who (email contains)", max_length=254, required=False)
    client = forms.CharField(label="Client record number", max_length=40, required=False)
    request_id = forms.CharField(label="Request id", max_length=64, required=False)
    since = SearchDateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = SearchDateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm" if css == "form-control" else css

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The end date is before the start date.")
        return data


def search(params, agency):
    """The search form bound to `params` (a QueryDict) and the entries it finds in `agency`'s
    trail; an invalid search finds nothing."""
    form = AuditSearchForm(params or None)
    events = AuditEvent.objects.for_agency(agency)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["outcome"]:
            events = events.filter(outcome=data["outcome"])
        if data["actor"]:
            events = events.filter(actor__icontains=data["actor"])
        if data["client"]:
            events = events.filter(client_pseudonym=pseudonym_for(data["client"].strip()))
        if data["request_id"]:
            events = events.filter(request_id=data["request_id"].strip())
        zone = timezone.get_current_timezone()
        if data["since"]:
            events = events.filter(
                at__gte=dt.datetime.combine(data["since"], dt.time.min, tzinfo=zone)
            )
        if data["until"]:
            end = data["until"] + dt.timedelta(days=1)
            events = events.filter(at__lt=dt.datetime.combine(end, dt.time.min, tzinfo=zone))
    elif form.is_bound:
        events = events.none()
    return form, events


COLUMNS = [
    "time_utc",
    "actor",
    "role",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "client_pseudonym",
    "request_id",
    "ip_address",
    "path",
    "detail",
]


def csv_row(event):
    return [
        event.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        event.actor,
        event.role,
        event.action,
        event.outcome,
        event.object_type,
        event.object_id,
        event.client_pseudonym,
        event.request_id,
        event.ip_address or "",
        event.path,
        event.detail,
    ]
