"""The agency admin's view of the audit trail: search it, export it."""

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from audit.models import AuditEvent
from audit.trail import Action, record
from liaison import csvio
from liaison.formfields import SearchDateField
from liaison.permissions import ADMIN_ROLES, role_required
from referrals.models import Client


class AuditSearchForm(forms.Form):
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


def _search(request):
    form = AuditSearchForm(request.GET or None)
    events = AuditEvent.objects.for_agency(request.user.agency)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["outcome"]:
            events = events.filter(outcome=data["outcome"])
        if data["actor"]:
            events = events.filter(actor__icontains=data["actor"])
        if data["client"]:
            events = events.filter(client_pseudonym=Client.pseudonym_for(data["client"].strip()))
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


@role_required(*ADMIN_ROLES)
def audit_list(request):
    form, events = _search(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


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


@role_required(*ADMIN_ROLES)
def audit_csv(request):
    form, events = _search(request)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            "The search is not valid: "
            + " ".join(message for messages in form.errors.values() for message in messages),
            content_type="text/plain; charset=utf-8",
        )
    record(Action.AUDIT_EXPORTED, request=request, detail=request.GET.urlencode()[:300])

    def rows():
        yield COLUMNS
        for event in events.iterator(chunk_size=2000):
            yield [
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

    return csvio.streaming_response("audit-trail.csv", rows())
