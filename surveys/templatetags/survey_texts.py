"""Texts staff wrote for respondents, on the respondents' pages."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def in_its_language(wording):
    """A survey's text (a Wording) inside a sentence of the page, marked with the language it is
    written in: the sentence may be Spanish and the title English."""
    lang = getattr(wording, "lang", "")
    return format_html('<span lang="{}">{}</span>', lang, wording) if lang else wording
