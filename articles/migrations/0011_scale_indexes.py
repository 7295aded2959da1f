"""Indexes for an archive of a million articles (bench/scale.py; README "A million articles").

PostgreSQL only, and built CONCURRENTLY (the migration is not atomic), so that adding them to a
live site does not block saving articles; on SQLite this migration does nothing. They are not
declared on the models: they exist for PostgreSQL's planner only (trigram GIN indexes and
partial indexes over expressions Django writes), like the search indexes of 0009.

- The admin's title search: Django's `icontains` is `UPPER(title_xx::text) LIKE UPPER('%…%')`,
  which a trigram GIN index over that very expression answers without reading every title.
- "Scheduled changes overdue" on the article list counts published versions whose going-live
  steps are not done: a partial index holds only those (a handful), not every published one.
- The home page's main stories, read as breaking ones then important ones, newest first (the
  change to `articles/views.home` described in bench/README-scale.md): when few articles are
  breaking (or important), the planner starts from these small partial indexes instead of
  reading every live version backwards to find five.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    **{
        f"article_title_{code}_trgm": (
            f"articles_article USING gin ((UPPER(title_{code}::text)) gin_trgm_ops)"
        )
        for code in ("uk", "ru", "en")
    },
    "version_going_live_idx": (
        "articles_languageversion (publish_at) "
        "WHERE status = 'published' AND went_live_at IS NULL"
    ),
    "article_breaking_idx": "articles_article (id) WHERE is_breaking",
    "article_important_idx": "articles_article (id) WHERE is_important",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0010_schedule_indexes"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
