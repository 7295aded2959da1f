"""The public list of corrections and editor's notes of a language: the newsroom's record of
what it got wrong and put right. Only notes of versions live in the language (the no-leak
promise: a note on a draft or scheduled version is nowhere public)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles import seo
from articles.models import detail_path_maker
from articles.pagination import paginate
from pagecache import keys

from .models import Correction
from .signals import list_key

PAGE_SIZE = 20


def corrections_list(request):
    language = get_language()
    # Notes added, changed or removed, and versions with notes going live or leaving.
    keys.add(list_key(language))
    notes = (
        Correction.objects.live(language)
        .select_related("article")
        .only(
            "kind",
            "text",
            "dated_at",
            "language",
            "placement",
            "article__id",
            "article__publish_at",
            "article__created_at",
            f"article__title_{language}",
        )
        .order_by("-dated_at", "-id")
    )
    page = paginate(request, notes, PAGE_SIZE)
    path_of = detail_path_maker(language)
    for note in page.object_list:
        note.article_title = getattr(note.article, f"title_{language}")
        note.url = f"{path_of(note.article_id, note.article.url_date)}#{note.anchor}"
    # A renamed or removed article changes its line here.
    keys.add(*(keys.article(note.article_id) for note in page.object_list))
    return render(
        request,
        "corrections/list.html",
        {
            "page": page,
            "notes": page.object_list,
            "heading": _("Corrections"),
            "alternates": seo.same_page_alternates(request),
            "meta_description": _(
                "Every correction and editor's note of %(site)s, newest first: what we got "
                "wrong, and what is right."
            )
            % {"site": settings.SITE_NAME},
        },
    )
