"""A database from before the exchanges had an app of their own keeps every exchange, and the
moved models keep their content types (their permissions and the admin's history of changes)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from exchanges.models import Visit
from tests.factory import make_agency, make_group, make_user

BEFORE = [("liaison", "0006_text_length_caps"), ("exchanges", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_visit_recorded_before_the_move_is_an_exchange_after_it():
    agency, group, staff = make_agency(), make_group(), make_user()
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="liaison", model="visit"
        )[0]
        old.get_model("liaison", "Visit").objects.create(
            agency_id=agency.pk,
            group_id=group.pk,
            staff_id=staff.pk,
            planned_on=dt.date(2026, 3, 2),
        )
    finally:
        migrate(leaves)

    visit = Visit.objects.get()
    assert (visit.agency, visit.group, visit.staff) == (agency, group, staff)
    assert visit.planned_on == dt.date(2026, 3, 2)
    moved = type(content_type).objects.get(pk=content_type.pk)
    assert (moved.app_label, moved.model) == ("exchanges", "visit")
