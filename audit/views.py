"""The agency admin's view of the audit trail: search it, export it."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from audit.models import AuditExport
from audit.search import COLUMNS, csv_row, search
from audit.tasks import audit_export_write
from audit.trail import Action, record
from jobs.queue import later
from liaison import csvio
from liaison.paging import query_without_page
from liaison.permissions import Can, private_or_404, requires


@requires(Can.MANAGE_STAFF)
def audit_list(request):
    form, events = search(request.GET, request.user.agency)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/audit_list.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


# Up to this many entries the file is written at once; a larger one is written by a background
# task, and the admin downloads it when it is ready.
EXPORT_AT_ONCE = 10_000


@requires(Can.MANAGE_STAFF)
def audit_csv(request):
    form, events = search(request.GET, request.user.agency)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            "The search is not valid: "
            + " ".join(message for messages in form.errors.values() for message in messages),
            content_type="text/plain; charset=utf-8",
        )
    record(Action.AUDIT_EXPORTED, request=request, detail=request.GET.urlencode()[:300])
    if events[: EXPORT_AT_ONCE + 1].count() > EXPORT_AT_ONCE:
        with transaction.atomic():
            export = AuditExport.objects.create(
                agency_id=request.user.agency.pk,
                requested_by=request.user,
                params={key: request.GET.getlist(key) for key in request.GET},
            )
            later(audit_export_write, export.pk)
        return redirect("audit:export_status", pk=export.pk)

    def rows():
        yield COLUMNS
        for event in events.iterator(chunk_size=2000):
            yield csv_row(event)

    return csvio.streaming_response("audit-trail.csv", rows())


def _own_export(request, pk):
    """An export is its requester's alone: anyone else, the agency's other admins included,
    gets 404."""
    return private_or_404(
        AuditExport.objects.defer("content").filter(
            requested_by=request.user, agency_id=request.user.agency.pk
        ),
        pk=pk,
    )


@requires(Can.MANAGE_STAFF)
def audit_export_status(request, pk):
    export = _own_export(request, pk)
    return render(request, "audit/export_status.html", {"export": export})


@requires(Can.MANAGE_STAFF)
def audit_export_download(request, pk):
    export = _own_export(request, pk)
    if export.state != AuditExport.State.DONE:
        return redirect("audit:export_status", pk=export.pk)
    content = AuditExport.objects.values_list("content", flat=True).get(pk=export.pk)
    response = HttpResponse(bytes(content), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "audit-trail.csv")
    add_never_cache_headers(response)
    return response
