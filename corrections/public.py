"""How notes are handed on outside the page: schema.org structured data, the full-text feed and
the API. Callers pass notes that are public already (those of a live version)."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation

from articles import richtext

from .models import Correction


def notes_prefetch(language) -> Prefetch:
    """The notes of a list of live articles in `language`, as `article.notes`, in one query
    (the feeds, the API)."""
    return Prefetch("corrections", queryset=Correction.objects.as_shown(language), to_attr="notes")


def structured_data(notes) -> list[dict]:
    """schema.org `correction` of a NewsArticle: a CorrectionComment per correction (editor's
    notes and updates are not corrections, and Google reads them as such)."""
    return [
        {
            "@type": "CorrectionComment",
            "text": richtext.plain_text(note.text),
            "datePublished": timezone.localtime(note.dated_at).isoformat(),
        }
        for note in notes
        if note.kind == Correction.Kind.CORRECTION
    ]


def feed_html(notes, body: str) -> str:
    """The full text of a feed item with its notes above and under it, as on the page."""
    above = render_to_string("corrections/_notes.html", {"notes": notes, "placement": "above"})
    below = render_to_string("corrections/_notes.html", {"notes": notes, "placement": "below"})
    return f"{above.strip()}{body}{below.strip()}"


def api_items(notes, language) -> list[dict]:
    """The notes of an article in the API, oldest first, labelled in `language`."""
    with translation.override(language):
        return [
            {
                "kind": note.kind,
                "label": str(note.get_kind_display()),
                "text": note.text,
                "dated_at": note.dated_at,
                "placement": note.placement,
            }
            for note in notes
        ]
