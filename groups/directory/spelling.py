"""Typos in a directory search, corrected word by word (PostgreSQL only).

The words a search may be corrected to are kept in `SearchWord`: the distinct words of the listed
groups' names, of the organizations' names and short names ("AA", "Al-Anon"), of the focus
areas, audiences and languages, of the towns of the meeting places, and the names of the
days; rebuilt whenever the search columns are refreshed (only the rows that change are written),
and looked up through a trigram index.

A search is corrected only when it finds nothing. Then each word that the full text of the
listings does not know is replaced by the nearest known word: one that shares enough trigrams
with it (pg_trgm's `%`, similarity 0.3 or more) or is the same word with two letters swapped, and
is at most a few edits away (one for a word of up to five letters, two up to nine, three beyond).
A word with no such neighbour is left as typed, so that the search honestly finds nothing rather
than something unrelated. Elsewhere (SQLite, for development) nothing is corrected."""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import translation

from groups import schedule
from groups.models import (
    AudienceTag,
    FocusArea,
    Language,
    Location,
    Organization,
    SearchWord,
    SelfHelpGroup,
)

# The words the full text knows, each with whether it is a stop word ("and", "here"): those count
# as known, since the search leaves them out anyway.
KNOWN = """
SELECT term, numnode(plainto_tsquery('english', term)) = 0 FROM unnest(%s::text[]) AS term
WHERE numnode(plainto_tsquery('english', term)) = 0
    OR EXISTS (
        SELECT 1 FROM groups_selfhelpgroup
        WHERE status = 'active' AND search_vector @@ plainto_tsquery('english', term)
    )
"""

# The near neighbours of one word: by trigrams (through the index), or with two letters swapped.
NEIGHBOURS = """
SELECT %s, word, group_count, similarity(word, %s) FROM groups_searchword
WHERE word %% %s OR word = ANY(%s)
"""

STOP_WORDS = """
SELECT word FROM unnest(%s::text[]) AS word WHERE numnode(plainto_tsquery('english', word)) = 0
"""

SHORTEST = 3
LONGEST = 100
# Words of letters, hyphenated or not: "al-anon", "recuperación"; no digits.
_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def day_names() -> list[str]:
    names = set(schedule.DAY_NAMES)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.update(str(label) for label in schedule.DAY_LABELS)
    return sorted(names)


def text_words(text: str) -> set[str]:
    """The words of `text` a typo may be corrected to, in lower case: letters only, three or
    more; a hyphenated word whole and in parts ("al-anon", "anon"), as the full text has them."""
    found = set()
    for word in _LETTERS.findall((text or "").lower()):
        found.add(word)
        if "-" in word:
            found.update(word.split("-"))
    return {word for word in found if SHORTEST <= len(word) <= LONGEST}


def directory_words() -> dict[str, int]:
    """{word: how many listed groups have it in their name} for every word of the directory."""
    counts = Counter()
    names = (
        SelfHelpGroup.objects.active().order_by().values_list("name").annotate(groups=Count("pk"))
    )
    for name, groups in names:
        for word in text_words(name):
            counts[word] += groups
    texts = [*day_names()]
    for name, short_name in Organization.objects.values_list("name", "short_name"):
        texts += [name, short_name]
    texts += FocusArea.objects.values_list("name", flat=True)
    texts += AudienceTag.objects.values_list("name", flat=True)
    for name, native_name in Language.objects.values_list("name", "native_name"):
        texts += [name, native_name]
    texts += Location.objects.order_by().values_list("city", flat=True).distinct()
    for text in texts:
        for word in text_words(text):
            counts.setdefault(word, 0)
    return counts


def refresh_words() -> None:
    """Rebuild the words a typo may be corrected to (PostgreSQL; nothing elsewhere)."""
    if connection.vendor == "postgresql":
        _rebuild()


@transaction.atomic
def _rebuild():
    """Only the rows that change are written; a lock makes two rebuilds at once take turns,
    while searches read on."""
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {SearchWord._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        counts = directory_words()
        kept = dict(SearchWord.objects.values_list("word", "group_count"))
        new = [word for word in counts if word not in kept]
        if new:
            # Stop words ("and", "the") are left out: the search leaves them out anyway.
            cursor.execute(STOP_WORDS, [new])
            for (word,) in cursor.fetchall():
                del counts[word]
    SearchWord.objects.filter(word__in=kept.keys() - counts.keys()).delete()
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, group_count=n) for w, n in counts.items() if kept.get(w) != n],
        update_conflicts=True,
        unique_fields=["word"],
        update_fields=["group_count"],
        batch_size=1000,
    )


def allowed_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3


def edit_distance(a: str, b: str) -> int:
    """Letters inserted, deleted, changed or swapped with the next to make `a` into `b`
    (optimal string alignment)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def swaps(word: str) -> list[str]:
    """`word` with each pair of neighbouring letters swapped: trigrams miss these typos."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


def correctable(term: str) -> bool:
    return len(term) >= SHORTEST and not any(c.isdigit() for c in term)


@dataclass
class Checked:
    """What the listings make of a search's words: {typed word: the word to search for instead}
    for those the full text does not know but has a near neighbour of, and the stop words."""

    fixes: dict[str, str] = field(default_factory=dict)
    stop_words: set[str] = field(default_factory=set)


def check(terms: list[str]) -> Checked:
    """The corrections and stop words of `terms` (nothing elsewhere than on PostgreSQL)."""
    if connection.vendor != "postgresql":
        return Checked()
    with connection.cursor() as cursor:
        cursor.execute(KNOWN, [terms])
        known = dict(cursor.fetchall())
        stop_words = {term for term, stop in known.items() if stop}
        unknown = sorted({term for term in terms if term not in known and correctable(term)})
        if not unknown:
            return Checked(stop_words=stop_words)
        sql = " UNION ALL ".join(f"({NEIGHBOURS})" for _ in unknown)
        params = []
        for term in unknown:
            params += [term, term, term, swaps(term)]
        cursor.execute(sql, params)
        candidates = cursor.fetchall()
    best = {}
    for term, word, group_count, similarity in candidates:
        distance = edit_distance(term, word)
        if word == term or distance > allowed_edits(term):
            continue
        key = (distance, -similarity, -group_count, word)
        if term not in best or key < best[term][0]:
            best[term] = (key, word)
    fixes = {term: word for term, (_key, word) in best.items()}
    return Checked(fixes=fixes, stop_words=stop_words)


def corrected_text(q: str, fixes: dict[str, str], pattern) -> str:
    """`q` as typed with each corrected word replaced (capitalized as typed)."""

    def replace(match):
        typed = match.group(0)
        word = fixes.get(typed.lower())
        if word is None:
            return typed
        return word[:1].upper() + word[1:] if typed[:1].isupper() else word

    return pattern.sub(replace, q)
