"""Imports for liaison staff: upload, preview with every problem by line, then apply all or
nothing in the background, the preview following its progress."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from groups.imports import formats
from groups.imports import importer as importers
from groups.listing import duplicates
from groups.models import FocusArea, ImportBatch, ImportRun, ImportSource, Organization
from groups.tasks import import_batch_apply, import_source_refresh
from jobs.queue import later
from liaison import formfields
from liaison.models import StaffMembership
from liaison.permissions import Can, get_for_user, requires

Role = StaffMembership.Role
State = ImportBatch.ApplyState


class UploadForm(formfields.Form):
    file = forms.FileField(
        help_text=format_lazy(
            "{}; at most {} MB.", formats.NAMES, importers.MAX_BYTES // 1024 // 1024
        )
    )
    format = forms.ChoiceField(choices=formats.CHOICES)
    source = forms.CharField(
        max_length=100,
        label="Source",
        help_text="Who publishes the file, e.g. “Riverside Intergroup”. A later file from the same "
        "source updates what this one imports.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importers.MAX_BYTES:
            size = upload.size / 1024 / 1024
            raise forms.ValidationError(
                f"The file is {size:.0f} MB; the largest file accepted is "
                f"{importers.MAX_BYTES // 1024 // 1024} MB."
            )
        return upload


@requires(Can.IMPORT_LISTINGS)
@require_http_methods(["GET", "POST"])
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = ImportBatch.objects.create(
            agency=request.user.agency,
            source=form.cleaned_data["source"].strip(),
            format=form.cleaned_data["format"],
            filename=upload.name[:255],
            content=upload.read(),
            uploaded_by=request.user,
        )
        importers.batch_plan(batch)
        return redirect("groups_office:import_preview", pk=batch.pk)
    batches = (
        ImportBatch.objects.for_user(request.user)
        .defer("content", "plan")
        .select_related("uploaded_by")[:20]
    )
    return render(request, "groups/import_start.html", {"form": form, "batches": batches})


class NewGroupsForm(formfields.Form):
    """What the office gives every group the import creates: a file carries no organization or
    focus area as the directory knows them, and none is guessed from a group's name."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.all(),
        required=False,
        label="Organization of the new groups",
        empty_label="None (independent local groups, or not known)",
        help_text="Given to every group this import creates. Groups it updates keep theirs.",
    )
    focus_areas = forms.ModelMultipleChoiceField(
        queryset=FocusArea.objects.all(),
        required=False,
        label="Focus areas of the new groups",
        widget=forms.CheckboxSelectMultiple,
        help_text="Given to every group this import creates. Leaders and the office can change "
        "each group's afterwards.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].label_from_instance = _organization_label


def _organization_label(organization):
    short = organization.short_name
    return (
        f"{organization.name} ({short})"
        if short and short != organization.name
        else short or organization.name
    )


def _preview(request, batch, form=None):
    plan = importers.batch_plan(batch)
    if form is None and not batch.applied_at and plan["groups"].get("create"):
        form = NewGroupsForm()
    context = {
        "batch": batch,
        # Once applied, the plan is what the import did: the message says it from its numbers.
        "done_text": importers.summary_text(plan) if batch.applied_at else "",
        "plan": plan,
        "changes": plan["changes"],
        "more_changes": plan["changes_total"] - len(plan["changes"]),
        "problems": plan["problems"],
        "more_problems": plan["problems_total"] - len(plan["problems"]),
        # Plans stored before notes were kept have none.
        "notes": plan.get("notes", []),
        "more_notes": plan.get("notes_total", 0) - len(plan.get("notes", [])),
    }
    # New groups that look like groups already listed: compared with the directory as it is now
    # (another file may have been applied since the plan was made). A warning; it blocks nothing.
    possible = duplicates.for_import(batch.source, plan.get("new_groups", []))
    context["duplicates"] = possible[: importers.STORED_ROWS]
    context["duplicates_total"] = len(possible)
    context["new_groups_form"] = form
    return render(request, "groups/import_preview.html", context)


@requires(Can.IMPORT_LISTINGS)
@require_GET
def import_preview(request, pk):
    # The file is read only if the batch has no plan yet (one uploaded before plans were kept).
    batch = get_for_user(ImportBatch.objects.defer("content"), request.user, pk=pk)
    return _preview(request, batch)


@requires(Can.IMPORT_LISTINGS)
@require_POST
def import_apply(request, pk):
    """Queue the import; the preview page follows it to the end."""
    batch = get_for_user(ImportBatch.objects.defer("content"), request.user, pk=pk)
    if batch.applied_at is not None:
        messages.info(request, "This file was imported already.")
    elif batch.apply_state in (State.QUEUED, State.RUNNING):
        messages.info(request, "The import is under way.")
    elif not importers.batch_plan(batch)["ok"]:
        messages.error(request, "Nothing was imported: the file has problems, listed below.")
    else:
        organization_id, focus_area_ids = None, []
        if batch.plan["groups"].get("create"):
            form = NewGroupsForm(request.POST)
            if not form.is_valid():
                # Nothing is queued: the preview again, with the errors beside the fields.
                return _preview(request, batch, form)
            chosen = form.cleaned_data
            organization_id = chosen["organization"].pk if chosen["organization"] else None
            focus_area_ids = [area.pk for area in chosen["focus_areas"]]
        with transaction.atomic():
            ImportBatch.objects.filter(pk=batch.pk).update(
                apply_state=State.QUEUED, apply_progress={}, apply_error=""
            )
            later(import_batch_apply, batch.pk, request.user.pk, organization_id, focus_area_ids)
    return redirect("groups_office:import_preview", pk=batch.pk)


@requires(Can.IMPORT_LISTINGS)
@require_GET
def import_progress(request, pk):
    batch = get_for_user(
        ImportBatch.objects.only(
            "pk", "agency", "apply_state", "apply_progress", "apply_error", "applied_at", "summary"
        ),
        request.user,
        pk=pk,
    )
    return JsonResponse(
        {
            "state": batch.apply_state,
            "done": batch.apply_progress.get("done", 0),
            "total": batch.apply_progress.get("total", 0),
            "error": batch.apply_error,
            # Once applied, what it did, in the words of the page's message.
            "imported": importers.summary_text(batch.summary) if batch.applied_at else "",
        }
    )


class SourceForm(formfields.ModelForm):
    class Meta:
        model = ImportSource
        fields = ["name", "url", "format", "owner", "trusted"]


@requires(Can.IMPORT_LISTINGS)
@require_http_methods(["GET", "POST"])
def import_sources(request):
    """The meeting lists fetched on a schedule, each with its last run; a form to add one."""
    instance = ImportSource(agency=request.user.agency, created_by=request.user)
    form = SourceForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            source = form.save()
            later(import_source_refresh, source.pk, request.user.pk)
        messages.success(request, f"Added {source.name}. It is being fetched for the first time.")
        return redirect("groups_office:import_sources")
    last = ImportRun.objects.filter(source=OuterRef("pk")).order_by("-started_at", "-pk")
    sources = ImportSource.objects.for_user(request.user).annotate(
        last_outcome=Subquery(last.values("outcome")[:1]),
        last_message=Subquery(last.values("message")[:1]),
        last_batch=Subquery(last.values("batch_id")[:1]),
    )
    runs = (
        ImportRun.objects.filter(source__in=sources.values("pk"))
        .select_related("source")
        .order_by("-started_at", "-pk")[:20]
    )
    sources = list(sources)
    labels = dict(ImportRun.Outcome.choices)
    for source in sources:
        source.last_outcome_label = labels.get(source.last_outcome, "")
    context = {"form": form, "sources": sources, "runs": runs}
    return render(request, "groups/import_sources.html", context)


@requires(Can.IMPORT_LISTINGS)
@require_POST
def import_source_check(request, pk):
    source = get_for_user(ImportSource, request.user, pk=pk)
    with transaction.atomic():
        later(import_source_refresh, source.pk, request.user.pk)
    messages.success(request, f"{source.name} is being fetched now.")
    return redirect("groups_office:import_sources")
