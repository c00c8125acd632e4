"""Large exports of the audit trail, written in the background."""

import io

from django.http import QueryDict
from django.utils import timezone

from audit.models import AuditExport
from audit.search import COLUMNS, csv_row, search
from jobs.queue import background
from liaison import csvio
from liaison.db_router import replica_reads
from liaison.models import Agency


@background(retries=1, retry_after=60)
def audit_export_write(export_id: int) -> dict:
    export = AuditExport.objects.get(pk=export_id)
    rows = AuditExport.objects.filter(pk=export.pk)
    rows.update(state=AuditExport.State.RUNNING)
    params = QueryDict(mutable=True)
    for key, values in export.params.items():
        params.setlist(key, values)
    try:
        _form, events = search(params, Agency.objects.get(pk=export.agency_id))
        out = io.StringIO()
        writer = csvio.Writer(out)
        writer.writerow(COLUMNS)
        count = 0
        # The trail's rows may come from the read replica; the export's own row never does.
        with replica_reads():
            for event in events.iterator(chunk_size=2000):
                writer.writerow(csv_row(event))
                count += 1
    except Exception as error:
        rows.update(state=AuditExport.State.FAILED, error=f"{type(error).__name__}"[:500])
        raise
    rows.update(
        state=AuditExport.State.DONE,
        content=out.getvalue().encode(),
        rows=count,
        finished_at=timezone.now(),
    )
    return {"rows": count}
