"""The directory's background tasks."""

from django.db import transaction
from django.utils import timezone

from groups.imports import importer as importers
from groups.imports.sources import source_refresh
from groups.models import ImportBatch, ImportSource
from jobs.queue import background
from liaison.models import User

State = ImportBatch.ApplyState


@background(retries=1, retry_after=120)
def import_batch_apply(
    batch_id: int, user_id: int | None, organization_id: int | None = None, focus_area_ids=()
) -> dict:
    """Apply an uploaded file, all or nothing, recording the progress on the batch for the page
    that watches it; its new groups get the organization and focus areas chosen in the preview.
    A file with problems fails without retrying: it will not get better."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.applied_at is not None:
        return {"already": True}
    rows = ImportBatch.objects.filter(pk=batch.pk)
    rows.update(apply_state=State.RUNNING, apply_progress={"done": 0, "total": 0})

    def progress(done, total):
        if done == total or done % 100 == 0:
            rows.update(apply_progress={"done": done, "total": total})

    try:
        with transaction.atomic():
            result = importers.batch_apply(
                batch,
                by=User.objects.filter(pk=user_id).first(),
                progress=progress,
                organization_id=organization_id,
                focus_area_ids=focus_area_ids or (),
            )
    except importers.ImportFailed as failure:
        rows.update(
            apply_state=State.FAILED,
            apply_error=("; ".join(str(p) for p in failure.problems[:20]))[:2000],
        )
        return {"problems": len(failure.problems)}
    except Exception as error:
        rows.update(apply_state=State.FAILED, apply_error=f"{type(error).__name__}: {error}"[:2000])
        raise
    rows.update(apply_state=State.DONE, apply_error="", applied_by=user_id)
    return {**importers.summary_of(result.stored(0)), "finished": timezone.now().isoformat()}


@background(retries=0)
def import_source_refresh(source_id: int, user_id: int | None) -> dict:
    """Fetch one source now (its page's "Check now")."""
    source = ImportSource.objects.select_related("agency").get(pk=source_id)
    run = source_refresh(source, by=User.objects.filter(pk=user_id).first())
    return {"outcome": run.outcome}
