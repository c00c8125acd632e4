"""On PostgreSQL, each group's search vector is kept in its row, uncompressed, rather than
compressed or moved to the TOAST table. A search for a word in thousands of listings reads the
vector of every group (the planner scans the table); fetching and decompressing each one from
TOAST took most of that time (`docs/performance.md`, "Search"). Rows up to 4 KB are now left
whole (`toast_tuple_target`), and when a row is larger its other long texts are moved out
before its vector (`STORAGE MAIN`). The vectors are rewritten once so that the rows already
there follow the rule. Other databases skip this migration's work."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE groups_selfhelpgroup SET (toast_tuple_target = 4080)",
    "ALTER TABLE groups_selfhelpgroup ALTER COLUMN search_vector SET STORAGE MAIN",
    "UPDATE groups_selfhelpgroup SET search_vector = search_vector || ''::tsvector "
    "WHERE search_vector IS NOT NULL",
]
BACKWARD = [
    "ALTER TABLE groups_selfhelpgroup ALTER COLUMN search_vector SET STORAGE EXTENDED",
    "ALTER TABLE groups_selfhelpgroup RESET (toast_tuple_target)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("groups", "0020_search_words")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
