"""Cache purges for notes, through pagecache (its purges wait for the commit).

A note shows on its article's pages and in everything that carries the article's key (the
feeds and the API answer with its text), and on the corrections list of its language (the
`corrections-<language>` key). A note going up or changing is a soft purge; a note removed is a
hard one: it may have been removed for a legal reason, and must not be served again.
"""

from pagecache import keys
from pagecache.purge import purge


def list_key(language: str) -> str:
    return f"corrections-{language}"


def _keys_of(correction):
    return [keys.article(correction.article_id), list_key(correction.language)]


def correction_saved(sender, instance, **kwargs):
    purge(_keys_of(instance))


def correction_deleted(sender, instance, **kwargs):
    purge(_keys_of(instance), hard=True)


def _has_notes(version):
    from .models import Correction

    return Correction.objects.filter(
        article_id=version.article_id, language=version.language
    ).exists()


def version_went_live(sender, version, **kwargs):
    """Its notes join the list of the language (its own page is purged by pagecache)."""
    if _has_notes(version):
        purge([list_key(version.language)])


def version_went_offline(sender, version, **kwargs):
    """Its notes leave the list at once, as the article leaves the site."""
    if _has_notes(version):
        purge([list_key(version.language)], hard=True)
