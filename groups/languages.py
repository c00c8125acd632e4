"""Names of languages in the language of the page."""

import functools

from django.utils import translation
from django.utils.translation import get_language_info


def translated_language_name(language) -> str:
    try:
        return str(get_language_info(language.code)["name_translated"])
    except KeyError:
        return language.name


def in_english(view):
    """Feeds and the API are data for other programs: they speak English whatever language the
    caller's browser asks for, as the standards they follow expect."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        with translation.override("en"):
            return view(*args, **kwargs)

    return wrapped
