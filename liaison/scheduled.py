import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import connection

from jobs.schedule import scheduled
from liaison.backups import backup, default_target


@scheduled(
    "backup",
    at="02:00",
    description="Back up the database to BACKUP_DIR; keep BACKUP_KEEP_DAYS days of backups.",
)
def nightly_backup():
    path = backup(default_target(connection.vendor))
    cutoff = dt.datetime.now().timestamp() - settings.BACKUP_KEEP_DAYS * 86400
    removed = 0
    for old in Path(settings.BACKUP_DIR).glob("liaison-*"):
        if old != path and old.stat().st_mtime < cutoff:
            old.unlink()
            removed += 1
    return {"bytes": path.stat().st_size, "removed_old": removed}
