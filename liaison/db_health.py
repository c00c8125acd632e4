"""Keeping the planner's picture of the tables true after a bulk load.

PostgreSQL plans each query from statistics about each table. After thousands of rows arrive at
once (an import, `seed_scale`), the statistics still describe the small table that was there,
and until autovacuum catches up (if it runs at all) the planner may choose a scan of every row
over an index. `refresh_statistics` runs ANALYZE on the tables a bulk load wrote, once the load
is committed. SQLite keeps statistics the same way and takes the same statement."""

from django.db import connection, transaction

# Below this many rows, a load leaves the statistics about right.
BULK_ROWS = 500


def refresh_statistics(*models, rows: int = BULK_ROWS) -> None:
    """ANALYZE the tables of `models` after the current transaction commits (at once outside
    one), when `rows` rows or more were written."""
    if rows < BULK_ROWS:
        return

    def analyze():
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    transaction.on_commit(analyze)
