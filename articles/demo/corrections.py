"""Demo corrections and editor's notes: the Lviv library story carries a correction and an
editor's note in Ukrainian and English (a correction in Russian), so the article page, the
corrections list, the feeds and the API show them at once. Idempotent: a note of that article,
language and kind is written once."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, LanguageVersion, Status

from . import stories_a

STORY = next(story for story in stories_a.STORIES if story["key"] == "a-lviv-library-reopens")

# language: [(kind, minutes after that language's publication, text)]
NOTES = {
    "uk": [
        (
            "editors_note",
            20,
            "Авторка цього матеріалу раніше працювала в бібліотеці волонтеркою. "
            "Редакція перевірила всі факти незалежно.",
        ),
        (
            "correction",
            50,
            "У першій версії статті йшлося, що фонд бібліотеки налічує 6 тисяч видань. "
            "Насправді їх <strong>понад 60 тисяч</strong>. Ми виправили помилку.",
        ),
    ],
    "ru": [
        (
            "correction",
            45,
            "В первой версии статьи говорилось, что фонд библиотеки насчитывает 6 тысяч "
            "изданий. На самом деле их <strong>более 60 тысяч</strong>. Мы исправили ошибку.",
        ),
    ],
    "en": [
        (
            "editors_note",
            15,
            "The author of this story once volunteered at the library. The newsroom checked "
            "every fact independently.",
        ),
        (
            "correction",
            40,
            "An earlier version of this story said the library holds 6,000 volumes. It holds "
            "<strong>more than 60,000</strong>. We have corrected the error.",
        ),
    ],
}


def seed() -> int:
    """Add the demo notes that are missing; returns how many were added."""
    from corrections import services
    from corrections.models import Correction

    article = Article.objects.filter(title_uk=STORY["title"]["uk"]).first()
    if article is None:
        return 0
    versions = {
        version.language: version
        for version in LanguageVersion.objects.filter(article=article, status=Status.PUBLISHED)
    }
    added = 0
    now = timezone.now()
    for language, notes in NOTES.items():
        version = versions.get(language)
        if version is None or version.publish_at is None:
            continue
        for kind, minutes, text in notes:
            if Correction.objects.filter(article=article, language=language, kind=kind).exists():
                continue
            services.correction_add(
                article=article,
                language=language,
                kind=kind,
                text=text,
                dated_at=min(now, version.publish_at + timedelta(minutes=minutes)),
                by=None,
            )
            added += 1
    return added
