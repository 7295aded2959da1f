"""The admin's home page for each role, above the list of apps: a journalist's drafts, returned
versions (with the editor's comment) and what of theirs went live lately; an editor's review
queue, today's plan and the translation debt. A fixed number of queries whatever the rows."""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from .. import permissions, translating
from ..models import ArticleAuthor, LanguageVersion, StateChange, Status
from .states import LANGUAGE_LABELS

# Rows per panel: the home page is a glance; the lists and the calendar have the rest.
PANEL_ROWS = 10
SCHEDULE_ROWS = 30
RECENT_DAYS = 7


def _rows(versions):
    return [
        {
            "version": version,
            "title": version.article.title_in(version.language) or str(version.article),
            "language": LANGUAGE_LABELS[version.language],
            "url": reverse("admin:articles_article_change", args=[version.article_id])
            + f"#lang-{version.language}",
        }
        for version in versions
    ]


def _versions():
    return LanguageVersion.objects.filter(article__deleted_at__isnull=True).select_related(
        "article"
    )


def journalist_panels(user, now: datetime | None = None) -> dict:
    """The versions of `user`'s own articles: drafts, returned (with who returned them and why)
    and live since a week."""
    now = now or timezone.now()
    mine = _versions().filter(
        Q(article__created_by=user)
        | Q(Exists(ArticleAuthor.objects.filter(article=OuterRef("article_id"), author__user=user)))
    )
    returns = StateChange.objects.filter(
        article=OuterRef("article_id"),
        language=OuterRef("language"),
        to_status=Status.RETURNED,
    ).order_by("-at", "-id")
    returned = (
        mine.filter(status=Status.RETURNED)
        .annotate(
            return_comment=Subquery(returns.values("comment")[:1]),
            returned_by=Subquery(returns.values("by__username")[:1]),
            returned_at=Subquery(returns.values("at")[:1]),
        )
        .order_by("-updated_at", "-id")
    )
    return {
        "drafts": _rows(
            mine.filter(status=Status.DRAFT).order_by("-updated_at", "-id")[:PANEL_ROWS]
        ),
        "returned": _rows(returned[:PANEL_ROWS]),
        "went_live": _rows(
            mine.live(now)
            .filter(publish_at__gte=now - timedelta(days=RECENT_DAYS))
            .order_by("-publish_at", "-id")[:PANEL_ROWS]
        ),
    }


def editor_panels(now: datetime | None = None) -> dict:
    """The review queue (oldest first), what goes live today by time, and this week's
    translation debt (counted up to its cap)."""
    now = now or timezone.now()
    start = timezone.make_aware(datetime.combine(timezone.localdate(now), datetime.min.time()))
    end = start + timedelta(days=1)
    schedule = _rows(
        LanguageVersion.objects.planned(start, end).select_related("article")[:SCHEDULE_ROWS]
    )
    for row in schedule:
        row["live"] = row["version"].is_live
    review = _versions().filter(status=Status.REVIEW).order_by("updated_at", "id")
    # This week's: what can still be translated while it is news, and a bounded range of the
    # index to count on a million articles.
    debt = translating.translation_debt_count(age="week", now=now)
    return {
        "review": _rows(review[:PANEL_ROWS]),
        "review_more": review[PANEL_ROWS:].exists(),
        "schedule": schedule,
        "debt_count": min(debt, translating.DEBT_COUNT_CAP),
        "debt_more": debt > translating.DEBT_COUNT_CAP,
    }


def panels_for(user) -> dict:
    """What the home page shows `user`: editors' panels for editors (and admins), journalists'
    for those who write, nothing for others (ad managers)."""
    if permissions.can_publish(user):
        return {"role": "editor", **editor_panels()}
    if user.has_perm("articles.change_article"):
        return {"role": "journalist", **journalist_panels(user)}
    return {}
