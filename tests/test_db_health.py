"""After a bulk load, the planner's statistics are refreshed (ANALYZE) once the load commits."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups.imports import importer as importers
from groups.models import Meeting
from liaison import db_health
from liaison.db_health import BULK_ROWS, refresh_statistics
from tests.groups.test_importers import json_file, mg


def _analyzed(ctx):
    return [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("ANALYZE")]


def test_a_bulk_import_analyzes_the_tables_it_wrote(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    # Three rows stand for a bulk load here: the rule, not the number, is under test.
    monkeypatch.setattr(db_health, "BULK_ROWS", 3)
    records = [mg(slug=f"m{n}", name=f"Meeting {n}") for n in range(3)]
    with (
        CaptureQueriesContext(connection) as ctx,
        django_capture_on_commit_callbacks(execute=True),
    ):
        importers.apply(json_file(*records), "mg-json", "Bulk")
    analyzed = _analyzed(ctx)
    assert any(Meeting._meta.db_table in sql for sql in analyzed), analyzed


def test_a_small_load_leaves_the_statistics_alone(db, django_capture_on_commit_callbacks):
    with (
        CaptureQueriesContext(connection) as ctx,
        django_capture_on_commit_callbacks(execute=True),
    ):
        refresh_statistics(Meeting, rows=BULK_ROWS - 1)
        importers.apply(json_file(mg()), "mg-json", "Small")
    assert _analyzed(ctx) == []
