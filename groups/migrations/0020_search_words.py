"""The words a directory search may correct a typo to (`groups.directory.spelling`). On
PostgreSQL: a trigram index on them, and the words of the directory as it is (a copy of
`spelling.directory_words` as it was when this was written)."""

import re
from collections import Counter

from django.db import migrations, models
from django.db.models import Count

DAYS = [
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
]  # fmt: skip
LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
STOP_WORDS = """
SELECT word FROM unnest(%s::text[]) AS word WHERE numnode(plainto_tsquery('english', word)) = 0
"""


def text_words(text):
    found = set()
    for word in LETTERS.findall((text or "").lower()):
        found.add(word)
        if "-" in word:
            found.update(word.split("-"))
    return {word for word in found if 3 <= len(word) <= 100}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS groups_searchword_trgm "
        "ON groups_searchword USING gin (word gin_trgm_ops)"
    )
    get = apps.get_model
    counts = Counter()
    names = (
        get("groups", "SelfHelpGroup")
        .objects.filter(status="active")
        .order_by()
        .values_list("name")
        .annotate(groups=Count("pk"))
    )
    for name, groups in names:
        for word in text_words(name):
            counts[word] += groups
    texts = list(DAYS)
    for name, short_name in get("groups", "Organization").objects.values_list("name", "short_name"):
        texts += [name, short_name]
    texts += get("groups", "FocusArea").objects.values_list("name", flat=True)
    texts += get("groups", "AudienceTag").objects.values_list("name", flat=True)
    for name, native in get("groups", "Language").objects.values_list("name", "native_name"):
        texts += [name, native]
    texts += get("groups", "Location").objects.order_by().values_list("city", flat=True).distinct()
    for text in texts:
        for word in text_words(text):
            counts.setdefault(word, 0)
    if counts:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(STOP_WORDS, [list(counts)])
            for (word,) in cursor.fetchall():
                del counts[word]
    get("groups", "SearchWord").objects.bulk_create(
        [get("groups", "SearchWord")(word=w, group_count=n) for w, n in counts.items()],
        batch_size=1000,
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS groups_searchword_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0019_published_feed"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("group_count", models.PositiveIntegerField(default=0)),
            ],
            options={
                "ordering": ["word"],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
