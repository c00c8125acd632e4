"""Directory search. On PostgreSQL: full-text search over a weighted tsvector (the group's name
weighs most, then its organization, focus and audience, then who attends and common issues, then
description, format and philosophy), both through GIN indexes; when the words match nothing,
trigram matching of names finds the groups a typo missed. Elsewhere
(SQLite): every word must appear in the group's search text, and name matches rank first."""

import re

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import translation

from groups import schedule
from groups.directory.page_cache import forget_pages
from groups.languages import translated_language_name
from groups.models import SelfHelpGroup
from liaison import limits

CONFIG = "english"
# Words that say "I am looking for a group" rather than which one.
FILLER = {"group", "groups", "meeting", "meetings", "near", "me", "a", "an", "the", "for", "of"}
_WORD = re.compile(r"[\w]+(?:'[\w]+)?", re.UNICODE)


def is_postgresql():
    return connection.vendor == "postgresql"


def words(q: str) -> list[str]:
    found = [w.lower() for w in _WORD.findall(q or "")]
    return [w for w in found if w not in FILLER]


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def document_parts(group, meetings) -> dict[str, str]:
    """The text of a group's listing by weight, A (most) to D."""
    organization = group.organization
    meeting_words = set()
    for meeting in meetings:
        if meeting.status != "active":
            continue
        # The meeting facts in every language of the site, whatever language the save was
        # made in: "online" and "en línea", "Tuesday" and "martes" both find the meeting.
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                meeting_words.add(str(meeting.get_mode_display()))
                meeting_words.add(str(meeting.get_access_display()))
                meeting_words.update(str(schedule.DAY_LABELS[d]) for d in meeting.days)
                meeting_words.update(
                    translated_language_name(language) for language in meeting.languages.all()
                )
                meeting_words.update(meeting.type_labels)
        meeting_words.add(schedule.time_of_day(meeting.start_time))
        meeting_words.update(schedule.DAY_NAMES[d] for d in meeting.days)
        meeting_words.update(language.name for language in meeting.languages.all())
        if meeting.location:
            meeting_words.add(meeting.location.city)
    return {
        "A": group.name,
        "B": " ".join(
            ([organization.name, organization.short_name] if organization else [])
            + [area.name for area in group.focus_areas.all()]
            + [tag.name for tag in group.audience.all()]
        ),
        "C": " ".join(
            [
                group.who_attends,
                group.second_who_attends,
                group.common_issues,
                " ".join(sorted(meeting_words)),
            ]
        ),
        "D": " ".join(
            [
                group.description,
                group.second_description,
                group.typical_format,
                group.second_typical_format,
                group.philosophy,
            ]
        ),
    }


def refresh_search(groups):
    """Recompute the search columns of `groups` (prefetched as in `search_prefetch`)."""
    for group in groups:
        parts = document_parts(group, group.meetings.all())
        text = " ".join(parts.values()).lower()
        update = {"search_text": text}
        if is_postgresql():
            vector = None
            for weight, value in parts.items():
                piece = SearchVector(Value(value), weight=weight, config=CONFIG)
                vector = piece if vector is None else vector + piece
            update["search_vector"] = vector
        SelfHelpGroup.objects.filter(pk=group.pk).update(**update)


SEARCH_PREFETCH = [
    "focus_areas",
    "audience",
    "meetings__languages",
    "meetings__location",
]


def refresh_search_for(queryset):
    refresh_search(queryset.select_related("organization").prefetch_related(*SEARCH_PREFETCH))
    # Listings changed, perhaps in bulk (an import): the kept public pages are out of date.
    forget_pages()


def search(queryset, q: str):
    """Filter `queryset` to groups matching `q`, annotated with `rank` and ordered by it. A long
    `q` is cut to the caps of liaison.limits: each word is a condition of the query, and a
    thousand of them overflow SQLite's expression tree."""
    terms = words(limits.shorten_search(q)[0])
    if not terms:
        return queryset
    if is_postgresql():
        phrase = " ".join(terms)
        query = SearchQuery(phrase, search_type="websearch", config=CONFIG)
        matches = queryset.filter(search_vector=query)
        if matches.exists():
            # The full-text index answers; ranked by weight, a name match first.
            return matches.annotate(rank=SearchRank(F("search_vector"), query)).order_by(
                "-rank", "name"
            )
        # Nothing matches the words as written: look for names that are close (typos).
        return (
            queryset.filter(name__trigram_similar=phrase)
            .annotate(rank=TrigramSimilarity("name", phrase))
            .order_by("-rank", "name")
        )
    stems = [_stem(term) for term in terms]
    for stem in stems:
        queryset = queryset.filter(search_text__contains=stem)
    name_hit = Q()
    for stem in stems:
        name_hit |= Q(name__icontains=stem)
    return queryset.annotate(
        rank=Case(
            When(name__icontains=" ".join(terms), then=Value(3)),
            When(name_hit, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("-rank", "name")
