"""What the form-error partial shows above a form: the form's own errors and those of its hidden
fields, which have no place beside them on the page."""

from django import template

register = template.Library()


@register.filter
def top_errors(form):
    errors = list(form.non_field_errors())
    for field in form.hidden_fields():
        errors.extend(field.errors)
    return errors
