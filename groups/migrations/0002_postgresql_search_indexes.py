"""Indexes for the directory search that only PostgreSQL has: a GIN index on the weighted tsvector
and a trigram index on group names (pg_trgm). Other databases skip this migration's work."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS groups_group_search_vector_gin "
    "ON groups_selfhelpgroup USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS groups_group_name_trgm "
    "ON groups_selfhelpgroup USING gin (name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS groups_group_name_trgm",
    "DROP INDEX IF EXISTS groups_group_search_vector_gin",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
