"""Imports for liaison staff: upload, preview with every problem by line, then apply all or
nothing, with a progress bar for large files."""

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from groups import importers
from groups.models import ImportBatch
from liaison.models import StaffMembership
from liaison.permissions import get_for_user, role_required

Role = StaffMembership.Role


class UploadForm(forms.Form):
    file = forms.FileField(
        help_text=f"Meeting Guide JSON or CSV, or HSDS JSON; at most "
        f"{importers.MAX_BYTES // 1024 // 1024} MB."
    )
    format = forms.ChoiceField(choices=ImportBatch.Format.choices)
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


def _progress_key(batch):
    return f"import-progress:{batch.pk}"


@role_required(Role.LIAISON)
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


@role_required(Role.LIAISON)
@require_GET
def import_preview(request, pk):
    # The file is read only if the batch has no plan yet (one uploaded before plans were kept).
    batch = get_for_user(ImportBatch.objects.defer("content"), request.user, pk=pk)
    plan = importers.batch_plan(batch)
    context = {
        "batch": batch,
        "plan": plan,
        "changes": plan["changes"],
        "more_changes": plan["changes_total"] - len(plan["changes"]),
        "problems": plan["problems"],
        "more_problems": plan["problems_total"] - len(plan["problems"]),
    }
    return render(request, "groups/import_preview.html", context)


@role_required(Role.LIAISON)
@require_POST
def import_apply(request, pk):
    batch = get_for_user(ImportBatch, request.user, pk=pk)
    key = _progress_key(batch)
    wants_json = "application/json" in request.headers.get("Accept", "")

    def progress(done, total):
        if done == total or done % 100 == 0:
            cache.set(key, {"done": done, "total": total}, 600)

    try:
        plan = importers.batch_apply(batch, by=request.user, progress=progress)
    except importers.ImportFailed as failure:
        cache.delete(key)
        if wants_json:
            return JsonResponse(
                {"ok": False, "problems": [str(p) for p in failure.problems[:50]]}, status=400
            )
        messages.error(request, "Nothing was imported: " + str(failure))
        return redirect("groups_office:import_preview", pk=batch.pk)
    messages.success(
        request,
        f"Imported: {plan.groups['create']} new groups, {plan.groups['update']} updated; "
        f"{plan.meetings['create']} new meetings, {plan.meetings['update']} updated.",
    )
    if wants_json:
        return JsonResponse(
            {"ok": True, "redirect": request.build_absolute_uri(f"/office/imports/{batch.pk}/")}
        )
    return redirect("groups_office:import_preview", pk=batch.pk)


@role_required(Role.LIAISON)
@require_GET
def import_progress(request, pk):
    batch = get_for_user(ImportBatch.objects.only("pk", "agency"), request.user, pk=pk)
    return JsonResponse(cache.get(_progress_key(batch)) or {"done": 0, "total": 0})
