from django import forms, template
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from groups.languages import translated_language_name

register = template.Library()


def _when(value, day_format):
    if value is None:
        return _("No upcoming date")
    today = timezone.localdate(timezone.now(), value.tzinfo)
    clock = date_format(value, _("g:i a")).replace(":00", "")
    days = (value.date() - today).days
    if days == 0:
        return _("Today at %(clock)s") % {"clock": clock}
    if days == 1:
        return _("Tomorrow at %(clock)s") % {"clock": clock}
    return _("%(day)s at %(clock)s") % {"day": date_format(value, day_format), "clock": clock}


@register.filter
def when(value, now=None):
    """'Today at 7:00 pm', 'Tomorrow at 9:30 am', 'Tue, Dec 1 at 7:00 pm' in the meeting's zone."""
    return _when(value, _("D, M j"))


@register.filter
def when_in_words(value):
    """The same, with the day in full words: 'Tuesday, December 1 at 7 pm' (a group's page
    says it first, to someone deciding whether to go)."""
    return _when(value, _("l, F j"))


@register.filter
def language_name(language):
    """A language's name in the language of the page ("Spanish", "español"), from Django's own
    table of languages; the stored English name where Django does not know the code."""
    return translated_language_name(language)


@register.simple_tag
def query_with(query, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    params = QueryDict(query, mutable=True)
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter
def quick_select(field):
    """A select box, as Django would draw it, written in Python: the directory draws a dozen
    with long lists of options on every search, and drawing each option through a template took
    a third of the page's time. Any other widget is drawn by Django."""
    widget = field.field.widget
    if type(widget) is not forms.Select:
        return field.as_widget()
    attrs = widget.build_attrs(widget.attrs, {"name": field.html_name})
    if field.auto_id:
        attrs["id"] = field.auto_id
    if field.field.required:
        attrs["required"] = True
    chosen = field.value()
    chosen = "" if chosen is None else str(chosen)
    options = []
    # The widget's choices: the field's, or those the directory keeps in the cache.
    for value, label in widget.choices:
        text = "" if value is None else str(value)
        options.append(
            format_html(
                '<option value="{}"{}>{}</option>',
                text,
                mark_safe(" selected") if text == chosen else "",
                label,
            )
        )
    attributes = flatatt({k: v for k, v in attrs.items() if v is not False})
    return format_html("<select{}>\n{}\n</select>", attributes, mark_safe("\n".join(options)))
