"""Every free-text field has a length cap (liaison/limits.py): an anonymous note of megabytes is
answered with an error beside the field, keeping what was typed, and never stored."""

import inspect
import json

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from groups.imports import importer as importers
from groups.models import SelfHelpGroup, Suggestion
from liaison import limits

PROJECT_APPS = [
    config
    for config in apps.get_app_configs()
    if str(config.path).startswith(str(settings.BASE_DIR)) and ".venv" not in str(config.path)
]


def test_the_project_apps_are_walked():
    assert {config.label for config in PROJECT_APPS} >= {
        "liaison",
        "groups",
        "referrals",
        "events",
        "surveys",
        "audit",
    }


def test_every_text_field_of_every_model_has_a_max_length():
    missing = [
        f"{model._meta.label}.{field.name}"
        for config in PROJECT_APPS
        for model in config.get_models()
        for field in model._meta.get_fields()
        # A column the application computes (the search text) is not typed by anyone.
        if isinstance(field, models.TextField) and field.editable and not field.max_length
    ]
    assert missing == []


def _project_form_classes():
    import importlib
    import pkgutil

    for config in PROJECT_APPS:
        package = importlib.import_module(config.name)
        for found in pkgutil.walk_packages(package.__path__, config.name + "."):
            if ".migrations" in found.name or ".management" in found.name:
                continue
            module = importlib.import_module(found.name)
            for value in vars(module).values():
                if (
                    inspect.isclass(value)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__
                ):
                    yield value


def test_every_text_field_of_every_form_has_a_max_length():
    missing = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _project_form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert missing == []


def test_an_over_long_suggestion_note_gets_an_error_beside_the_field_and_keeps_the_text(
    client, group
):
    typed = "Please fix the address. " + "x" * (limits.SHORT_TEXT + 1)
    response = client.post(reverse("groups:suggest", args=[group.slug]), {"note": typed})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["note"] == [
        f"Ensure this value has at most {limits.SHORT_TEXT} characters (it has {len(typed)})."
    ]
    body = response.content.decode()
    assert f"{typed}</textarea>" in body
    textarea = body[body.index('<textarea name="note"') :]
    assert "is-invalid" in textarea[: textarea.index(">")]
    assert f"Ensure this value has at most {limits.SHORT_TEXT} characters" in body
    assert not Suggestion.objects.exists()


def test_a_megabyte_note_is_never_stored(client, group):
    response = client.post(
        reverse("groups:suggest", args=[group.slug]), {"note": "x" * (2 * 1024 * 1024)}
    )
    assert response.status_code == 200
    assert not Suggestion.objects.exists()


def test_the_note_box_says_its_length_to_the_browser(client, group):
    body = client.get(reverse("groups:suggest", args=[group.slug])).content.decode()
    assert f'maxlength="{limits.SHORT_TEXT}"' in body


def test_a_megabyte_password_is_refused_before_it_is_hashed(client, practitioner):
    response = client.post(
        reverse("login"), {"username": practitioner.email, "password": "p" * (1024 * 1024)}
    )
    assert response.status_code == 200
    assert "password" in response.context["form"].errors


@pytest.mark.parametrize("fmt", ["mg-json", "hsds"])
def test_imported_free_text_too_long_for_its_field_is_refused_never_cut(db, fmt):
    long = "word " * limits.LONG_TEXT
    if fmt == "mg-json":
        record = {
            "slug": "m",
            "name": "Monday",
            "day": 1,
            "time": "19:00",
            "location": "Library",
            "city": "Riverside",
            "group_notes": long,
            "notes": long,
        }
        data = json.dumps([record]).encode()
    else:
        service = {
            "id": "s1",
            "name": "Grief Circle",
            "description": long,
            "schedules": [
                {"id": "x", "freq": "WEEKLY", "byday": "MO", "opens_at": "19:00", "notes": long}
            ],
            "service_at_locations": [{"location": {"id": "l", "name": "Library"}}],
        }
        data = json.dumps([service]).encode()
    with pytest.raises(importers.ImportFailed) as refused:
        importers.apply(data, fmt, "Long")
    said = [str(problem) for problem in refused.value.problems]
    assert any(f"it may be {limits.LONG_TEXT:,} at most" in line for line in said), said
    assert any(f"it may be {limits.SHORT_TEXT:,} at most" in line for line in said), said
    assert not SelfHelpGroup.objects.filter(import_source="Long").exists()
