"""Previews: one renderer for every preview (articles, the live preview, preview links, ads), the
expiring preview links sent to people without an account, and the article built from a form's
unsaved data for the live preview beside the form."""

import logging
from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from ads.serving import PageAds

from . import permissions
from .models import LANGUAGE_CODES, Article, ArticleAuthor, ArticleTag, Block, PreviewLink

# Every preview carries these, so no shared cache (Varnish, the page cache, a CDN) keeps it and
# no search engine indexes it.
PREVIEW_CACHE_CONTROL = "private, no-store, no-cache, max-age=0, must-revalidate"
PREVIEW_ROBOTS = "noindex, nofollow"
LINK_SALT = "articles.preview-link"
# A preview link hands unpublished text to someone without an account: who did it is kept.
log = logging.getLogger("newsroom.security")
MIN_HOURS, MAX_HOURS = 1, 168


def render_preview(request, template, context, *, status=200, frame=False):
    """A preview page: never stored by any cache, never indexed (also `<meta name="robots">`,
    which the templates write when `preview` is in the context). `frame`: may be shown in a
    frame of the admin (the live preview beside the form)."""
    response = render(request, template, {**context, "preview": True}, status=status)
    add_never_cache_headers(response)
    response["Cache-Control"] = PREVIEW_CACHE_CONTROL
    response["X-Robots-Tag"] = PREVIEW_ROBOTS
    if frame:
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response


def render_article_preview(request, article, language, *, status=200, frame=False, **extra):
    """The article's `language` version in the public template, whatever its state."""
    from .views import article_context

    with translation.override(language):
        request.LANGUAGE_CODE = language
        context = article_context(request, article, language, preview=True)
        context.update(extra)
        return render_preview(
            request, "articles/article_detail.html", context, status=status, frame=frame
        )


# --- preview links -------------------------------------------------------------------------


def can_share_preview(user, article) -> bool:
    """Create or revoke preview links: editors, and the article's own journalist."""
    if article.deleted_at is not None or not user.has_perm("articles.change_article"):
        return False
    return permissions.can_publish(user) or article.is_owned_by(user)


@transaction.atomic
def preview_link_create(*, article: Article, language: str, by, hours: int, note: str = ""):
    """A link to the `language` version of `article` as it is now, valid for `hours` (1–168)."""
    if not can_share_preview(by, article):
        raise PermissionDenied(_("You may not share a preview of this article."))
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language: %(language)s.") % {"language": language})
    if not isinstance(hours, int) or not MIN_HOURS <= hours <= MAX_HOURS:
        raise ValidationError(
            _("A preview link is valid for %(min)d to %(max)d hours.")
            % {"min": MIN_HOURS, "max": MAX_HOURS},
            code="hours",
        )
    now = timezone.now()
    link = PreviewLink.objects.create(
        article=article,
        language=language,
        note=(note or "").strip()[:200],
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    log.info(
        "preview link created id=%s article=%s language=%s hours=%s user=%s id=%s",
        link.pk,
        article.pk,
        language,
        hours,
        by.get_username(),
        by.pk,
    )
    return link


@transaction.atomic
def preview_link_revoke(*, link: PreviewLink, by) -> PreviewLink:
    """End a link now; revoking it again changes nothing (the first time is kept)."""
    if not can_share_preview(by, link.article):
        raise PermissionDenied(_("You may not revoke this preview link."))
    revoked = PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        log.info(
            "preview link revoked id=%s article=%s user=%s id=%s",
            link.pk,
            link.article_id,
            by.get_username(),
            by.pk,
        )
    link.refresh_from_db(fields=["revoked_at"])
    return link


def link_token(link: PreviewLink) -> str:
    # The signature only proves the address was made here; the row decides whether it works
    # (expiry, revocation). No timestamp: one link has one address, however often it is shown.
    return signing.Signer(salt=LINK_SALT).sign_object(link.pk)


def link_from_token(token: str):
    """The link a token names, or None for a token not signed here (tampered, made up)."""
    try:
        link_id = signing.Signer(salt=LINK_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(link_id, int):
        return None
    return (
        PreviewLink.objects.select_related("article__section", "article__hero_photo")
        .filter(pk=link_id)
        .first()
    )


def link_is_valid(link: PreviewLink, now=None) -> bool:
    now = now or timezone.now()
    return link.revoked_at is None and link.expires_at > now and link.article.deleted_at is None


def preview_link_view(request, token):
    """The version a preview link names, as it is now, for anyone holding the link; an ended
    link (expired, revoked, article in the trash) is a 410 that shows nothing of it."""
    link = link_from_token(token)
    if link is None:
        raise Http404
    if not link_is_valid(link):
        with translation.override(link.language):
            request.LANGUAGE_CODE = link.language
            return render_preview(
                request,
                "articles/preview_gone.html",
                {
                    "heading": _("This preview link has ended"),
                    "ads": PageAds(language=link.language, off=True),
                    "revoked": link.revoked_at is not None,
                },
                status=410,
            )
    article = link.article
    is_live = article.versions.live().filter(language=link.language).exists()
    return render_article_preview(
        request,
        article,
        link.language,
        preview_link=link,
        preview_until=link.expires_at,
        preview_is_live=is_live,
    )


# --- the live preview: the article as the form holds it, unsaved ---------------------------


def unsaved_article(form, formsets, language, *, shared_editable, language_editable):
    """The article with what `form` and `formsets` hold for `language`, in memory only.

    Validation ran (in a transaction rolled back by the caller), so texts are cleaned and body
    blocks sanitised as a save would; invalid fields keep their saved value. Returns (article,
    bylines or None, tags or None, body or None): None means "as saved".
    """
    article = form.instance
    bylines = tags = body = None
    for formset in formsets:
        rows = [
            row
            for row in formset.forms
            if getattr(row, "cleaned_data", None) and not row.cleaned_data.get("DELETE")
        ]
        if formset.model is ArticleAuthor and shared_editable:
            found = [row.cleaned_data for row in rows if row.cleaned_data.get("author")]
            found.sort(key=lambda data: data.get("position") or 0)
            bylines = [
                ArticleAuthor(author=data["author"], position=data.get("position") or 0)
                for data in found
            ]
        elif formset.model is ArticleTag and shared_editable:
            found = [row.cleaned_data for row in rows if row.cleaned_data.get("tag")]
            found.sort(key=lambda data: data.get("position") or 0)
            tags = [data["tag"] for data in found if getattr(data["tag"], f"name_{language}", None)]
        elif (
            formset.model is Block
            and getattr(formset, "language", None) == language
            and language_editable
        ):
            body = [row.instance for row in rows if row.instance.kind in Block.Kind.values]
            for block in body:
                block.sanitize()
            body.sort(key=lambda block: block.position if block.position is not None else 10**9)
            _mark_live_targets(body, language)
    return article, bylines, tags, body


def _mark_live_targets(body, language):
    """ "Read also" blocks show only articles live in this language, as on the page."""
    targets = {block.link_article_id for block in body if block.link_article_id}
    live = set(
        Article.objects.live(language).filter(pk__in=targets).values_list("pk", flat=True)
        if targets
        else ()
    )
    body[:] = [
        block
        for block in body
        if block.kind != Block.Kind.READ_ALSO or block.link_article_id in live
    ]


def render_unsaved_preview(request, article, language, *, bylines, tags, body):
    """The public template around an article that is not saved as shown (no database write)."""
    from . import seo
    from .views import add_share_image, article_context

    new = article.pk is None
    if new:
        # Reads by id (bylines, tags, body) find nothing for a stand-in id; ours replace them.
        article.pk = 0
        article.published_at = article.updated_at = timezone.now()
    try:
        with translation.override(language):
            request.LANGUAGE_CODE = language
            context = article_context(request, article, language, preview=True)
            if bylines is not None:
                context["bylines"] = bylines
            if tags is not None:
                context["tags"] = tags
            if body is not None:
                context["body"] = body
            context["ads"] = PageAds(language=language, off=True)
            context.pop("og_image", None)
            add_share_image(request, context, article.hero_photo)
            context["structured_data"] = seo.article_structured_data(request, context)
            context["preview_unsaved"] = True
            return render_preview(request, "articles/article_detail.html", context, frame=True)
    finally:
        if new:
            article.pk = None
