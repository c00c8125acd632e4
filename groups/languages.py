"""Names of languages in the language of the page."""

from django.utils.translation import get_language_info


def translated_language_name(language) -> str:
    try:
        return str(get_language_info(language.code)["name_translated"])
    except KeyError:
        return language.name
