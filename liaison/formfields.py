"""Form fields that keep odd input from reaching the database or the calendar: choices of rows
posted as numbers too large for the database's integer columns (a tampered form) are invalid
choices, answered beside the field like any other, not a database error; a search date far in the
past or the future is brought into range."""

import copy
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import models as model_forms
from django.utils.translation import gettext_lazy as _

from liaison import limits

BIGINT = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def as_id(raw) -> int | None:
    """A row id typed or posted by someone: plain digits that fit the column, else None."""
    text = str(raw if raw is not None else "").strip()
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= BIGINT else None


def capped_password(field: forms.CharField) -> forms.CharField:
    """One of Django's password fields (sign-in, account creation) with a length cap: passwords
    are hashed slowly on purpose, and a megabyte of password must not reach the hasher."""
    return forms.CharField(
        label=field.label,
        help_text=field.help_text,
        required=field.required,
        strip=False,
        max_length=limits.PASSWORD,
        widget=copy.deepcopy(field.widget),
    )


class SearchDateField(forms.DateField):
    """A date to search or filter from or to: one far in the past or the future (0001-01-01,
    9999-12-31) means "from the start" or "until the end", and is brought into the range the
    application counts in, where a day more or less stays in the calendar."""

    def to_python(self, value):
        day = super().to_python(value)
        return limits.clamp_date(day) if day else day


def _too_large(field, value) -> bool:
    model_field = (
        field.queryset.model._meta.get_field(field.to_field_name)
        if field.to_field_name
        else field.queryset.model._meta.pk
    )
    if not isinstance(model_field, models.IntegerField):
        return False
    try:
        return abs(int(str(value).strip())) > BIGINT
    except (TypeError, ValueError):
        return False


class RowChoiceField(model_forms.ModelChoiceField):
    """A choice of one row: a posted id too large for the column is an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and _too_large(self, value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class RowsChoiceField(model_forms.ModelMultipleChoiceField):
    """A choice of several rows: a posted id too large for the column is an invalid choice."""

    def _check_values(self, value):
        try:
            values = list(value)
        except TypeError:
            values = []
        for pk in values:
            if isinstance(pk, str | int) and _too_large(self, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


GUARDED = {
    model_forms.ModelChoiceField: RowChoiceField,
    model_forms.ModelMultipleChoiceField: RowsChoiceField,
}


def guard_row_choices(form) -> None:
    """Make each plain choice of rows of `form` one of the guarded fields above (they add
    methods only, so the field keeps its queryset, widget and labels)."""
    for field in form.fields.values():
        guarded = GUARDED.get(type(field))
        if guarded is not None:
            field.__class__ = guarded


class Form(forms.Form):
    """The project's forms: choices of rows refuse ids that no column could hold."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_row_choices(self)


class ModelForm(forms.ModelForm):
    """The project's model forms: choices of rows refuse ids that no column could hold."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_row_choices(self)


class ChecklistWidget(forms.CheckboxSelectMultiple):
    """Checkboxes for a long list, which `static/js/checklist.js` gives a box to narrow the list
    as one types and a line saying what is chosen (no Ctrl-click, no mouse needed)."""

    def __init__(self, attrs=None, choices=()):
        attrs = {
            "data-checklist": "",
            "data-checklist-filter": _("Type to narrow the list"),
            "data-checklist-chosen": _("Chosen:"),
            "data-checklist-none": _("Nothing chosen yet."),
            **(attrs or {}),
        }
        super().__init__(attrs, choices)
