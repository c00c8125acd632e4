"""Sources kept fresh: a published meeting list fetched again and again, each change planned like
an upload. A trusted source's plan is applied at once when it touches nothing edited here and
ends no meeting; any other plan waits as a batch for review on the import pages. Every fetch is a
run with its counts."""

import urllib.parse

from django.utils import timezone

from groups.imports import fetch
from groups.imports import importer as importers
from groups.models import ImportBatch, ImportRun, ImportSource

Outcome = ImportRun.Outcome


def _counts(plan) -> dict:
    return {
        "groups": plan["groups"],
        "meetings": plan["meetings"],
        "kept": plan["kept_total"],
        "notes": plan.get("notes_total", 0),
        "problems": plan["problems_total"],
    }


def _changes_anything(plan) -> bool:
    return any(
        plan[kind].get(action, 0)
        for kind in ("groups", "meetings")
        for action in ("create", "update", "end")
    )


def _filename(source) -> str:
    name = urllib.parse.urlsplit(source.url).path.rsplit("/", 1)[-1]
    return (name or source.name)[:255]


def source_refresh(source: ImportSource, *, by=None) -> ImportRun:
    """Fetch a source once and do what its plan allows."""
    now = timezone.now()

    def run(outcome, **fields):
        ImportSource.objects.filter(pk=source.pk).update(
            checked_at=now, etag=source.etag, last_modified=source.last_modified
        )
        return ImportRun.objects.create(source=source, outcome=outcome, **fields)

    try:
        fetched = fetch.get(source.url, etag=source.etag, last_modified=source.last_modified)
    except fetch.FetchFailed as failure:
        return run(Outcome.FAILED, message=str(failure)[:500])
    if fetched.status == 304:
        return run(Outcome.NOT_MODIFIED)
    source.etag, source.last_modified = fetched.etag[:300], fetched.last_modified[:100]
    batch = ImportBatch.objects.create(
        agency=source.agency,
        source=source.name,
        format=source.format,
        filename=_filename(source),
        content=fetched.body,
        uploaded_by=by,
    )
    plan = importers.batch_plan(batch)
    counts = _counts(plan)
    if not plan["ok"]:
        return run(Outcome.PROBLEMS, counts=counts, batch=batch)
    if not _changes_anything(plan) and not plan["kept_total"]:
        batch.delete()  # nothing to review or keep
        return run(Outcome.UNCHANGED, counts=counts)
    if source.trusted and not plan["kept_total"] and not plan["meetings"].get("end"):
        try:
            importers.batch_apply(batch, by=by)
        except importers.ImportFailed as failure:
            message = "; ".join(str(p) for p in failure.problems[:5])
            return run(Outcome.PROBLEMS, counts=counts, batch=batch, message=message[:500])
        ImportBatch.objects.filter(pk=batch.pk).update(apply_state=ImportBatch.ApplyState.DONE)
        # What was done, as the batch's page says it, not what the plan expected.
        return run(Outcome.APPLIED, counts=_counts(batch.plan), batch=batch)
    return run(Outcome.REVIEW, counts=counts, batch=batch)


def sources_refresh() -> dict:
    """Every active source, once (the scheduled task)."""
    outcomes = {}
    for source in ImportSource.objects.filter(active=True).select_related("agency"):
        outcome = source_refresh(source).outcome
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes
