"""Directory search. On PostgreSQL: full-text search over a weighted tsvector (the group's name
weighs most, then its organization, focus and audience, then who attends and common issues, then
description, format and philosophy) through a GIN index. When the words match nothing, each word
the listings do not know is corrected to the nearest known word (`spelling`), and the page says
what was searched for. Groups of the organization the whole search names come first, then the
full-text rank. Elsewhere (SQLite, for development): every word must appear in the group's search
text; the organization named, then name matches, rank first; typos are not corrected."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.utils import translation

from groups import schedule
from groups.directory import spelling
from groups.directory.page_cache import forget_pages
from groups.languages import translated_language_name
from groups.models import Organization, SelfHelpGroup
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
    spelling.refresh_words()
    # Listings changed, perhaps in bulk (an import): the kept public pages are out of date.
    forget_pages()


@dataclass
class Found:
    """What a search found: the groups (annotated with `rank`, best first), the search as run
    when a typo was corrected ("" when not), and how many groups, when the search counted them
    (the page then counts them once)."""

    groups: QuerySet
    corrected: str = ""
    count: int | None = None


def search(queryset, q: str):
    """Filter `queryset` to groups matching `q`, annotated with `rank` and ordered by it."""
    return run(queryset, q).groups


def run(queryset, q: str) -> Found:
    """The search of `q` among `queryset`. A long `q` is cut to the caps of liaison.limits: each
    word is a condition of the query, and a thousand of them overflow SQLite's expression tree."""
    q = limits.shorten_search(q)[0]
    terms = words(q)
    if not terms:
        return Found(queryset)
    if is_postgresql():
        return _full_text(queryset, q, terms)
    return Found(_plain_text(queryset, terms))


def _query(terms):
    return SearchQuery(" ".join(terms), search_type="websearch", config=CONFIG)


def _full_text(queryset, q, terms) -> Found:
    query = _query(terms)
    matches = queryset.filter(search_vector=query)
    count = matches.count()
    corrected = ""
    if not count:
        # Nothing matches the words as written: correct the words the listings do not know.
        checked = spelling.check(terms)
        if checked.fixes:
            terms = [checked.fixes.get(term, term) for term in terms]
            corrected = spelling.corrected_text(q, checked.fixes, _WORD)
            query = _query(terms)
            matches = queryset.filter(search_vector=query)
            count = matches.count()
        elif set(terms) <= checked.stop_words:
            # Only words the full text leaves out ("here", "now"): the names with those words.
            matches = queryset
            for term in terms:
                matches = matches.filter(name__iregex=rf"\m{re.escape(term)}\M")
            return Found(matches.annotate(rank=Value(0.0)).order_by("name"), "", matches.count())
    # Groups of an organization whose name or short name is the whole search ("alcoholics
    # anonymous", "AA") come first: a fellowship's name says which groups are meant.
    organization = Case(
        When(organization__in=_organizations_named(query), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    # Then by weight, a name match first; the rank is normalized (rank / (rank + 1)) to stay
    # below 1. Ranking is not what a common word costs: ordering 5,700 groups by rank takes
    # about as long as by any other expression, and reading their rows takes most of it
    # (docs/performance.md, "Search").
    rank = SearchRank(F("search_vector"), query, normalization=Value(32)) + organization
    return Found(matches.annotate(rank=rank).order_by("-rank", "name"), corrected, count)


def _organizations_named(query):
    return (
        Organization.objects.annotate(document=SearchVector("name", "short_name", config=CONFIG))
        .filter(document=query)
        .values("pk")
    )


def _plain_text(queryset, terms):
    stems = [_stem(term) for term in terms]
    for stem in stems:
        queryset = queryset.filter(search_text__contains=stem)
    name_hit = Q()
    for stem in stems:
        name_hit |= Q(name__icontains=stem)
    # The organization named by the whole search: each word in its name, or its short name.
    organization = Q()
    for term, stem in zip(terms, stems, strict=True):
        organization &= Q(organization__name__icontains=stem) | Q(
            organization__short_name__iexact=term
        )
    return queryset.annotate(
        rank=Case(When(organization, then=Value(3)), default=Value(0), output_field=IntegerField())
        + Case(
            When(name__icontains=" ".join(terms), then=Value(2)),
            When(name_hit, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-rank", "name")
