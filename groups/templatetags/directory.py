from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groups.languages import translated_language_name

register = template.Library()


@register.filter
def when(value, now=None):
    """'Today at 7:00 pm', 'Tomorrow at 9:30 am', 'Tue, Dec 1 at 7:00 pm' in the meeting's zone."""
    if value is None:
        return _("No upcoming date")
    today = timezone.localdate(timezone.now(), value.tzinfo)
    clock = date_format(value, _("g:i a")).replace(":00", "")
    days = (value.date() - today).days
    if days == 0:
        return _("Today at %(clock)s") % {"clock": clock}
    if days == 1:
        return _("Tomorrow at %(clock)s") % {"clock": clock}
    day = date_format(value, _("D, M j"))
    return _("%(day)s at %(clock)s") % {"day": day, "clock": clock}


@register.filter
def language_name(language):
    """A language's name in the language of the page ("Spanish", "español"), from Django's own
    table of languages; the stored English name where Django does not know the code."""
    return translated_language_name(language)


@register.simple_tag
def query_with(query, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    from django.http import QueryDict

    params = QueryDict(query, mutable=True)
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()
