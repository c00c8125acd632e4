"""The Meeting Guide meeting type codes, read from the official `types.json` in the standards folder
(`groups/standards/`, `settings.STANDARDS_DIR`)."""

import json
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language

# Codes the directory derives from its own fields rather than letting anyone type them.
DERIVED = {"O", "C", "TC"}


@cache
def all_types() -> dict[str, dict[str, str]]:
    path = settings.STANDARDS_DIR / "meeting-guide" / "types.json"
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"The Meeting Guide type codes are missing: no {path}."
        ) from None


def label(code: str, language: str | None = None) -> str:
    """The official label of a code in `language` (by default the active one), else English."""
    labels = all_types().get(code, {})
    language = (language or get_language() or "en").split("-")[0]
    return labels.get(language) or labels.get("en") or code


@cache
def codes_by_english_label() -> dict[str, str]:
    """{official English label: code}, exactly as our own HSDS output writes the labels."""
    return {labels["en"]: code for code, labels in all_types().items()}


def choices(language: str | None = None) -> list[tuple[str, str]]:
    return sorted(
        ((code, label(code, language)) for code in all_types() if code not in DERIVED),
        key=lambda pair: pair[1].lower(),
    )


def unknown(codes) -> list[str]:
    known = all_types()
    return [code for code in codes if code not in known]
