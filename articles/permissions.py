"""Who may do what to an article: the object-level half of the role table (articles/roles.py).

The groups grant model permissions; these rules narrow them to "own" articles and to the
transitions each role may make. The services, the admin and every view ask here, so a crafted
request meets the same rules as a button.
"""

from django.db.models import Exists, OuterRef, Q

from .models import LANGUAGE_CODES, LanguageVersion, Status

# States in which a journalist may still edit their own article.
EDITABLE_BY_AUTHOR = {Status.DRAFT, Status.RETURNED}


def can_publish(user) -> bool:
    """Publish, schedule, unpublish and return with a comment: editors and admins."""
    return user.has_perm("articles.publish_article")


def editable_languages(user, article) -> set[str]:
    """The languages whose title, lead and blocks `user` may change (never while the article is
    in the trash). Languages are independent: a journalist's version in review or published is
    the editors' now, while the author goes on writing the others."""
    if not user.has_perm("articles.change_article"):
        return set()
    if article is not None and article.deleted_at is not None:
        return set()
    if user.has_perm("articles.edit_any_article") or article is None or article.pk is None:
        return set(LANGUAGE_CODES)
    if not article.is_owned_by(user):
        return set()
    states = {version.language: version.status for version in article.versions.all()}
    return {code for code in LANGUAGE_CODES if states.get(code, Status.DRAFT) in EDITABLE_BY_AUTHOR}


def can_edit(user, article) -> bool:
    """Change something of the article: the text of at least one of its languages."""
    return bool(editable_languages(user, article))


def can_edit_shared(user, article) -> bool:
    """Change what every language shows (section, hero photo, flags, authors, tags, related
    news): only while every language is `user`'s to edit, as it would change a version in
    review or on the site too."""
    return editable_languages(user, article) == set(LANGUAGE_CODES)


def can_transition(user, article, from_status: str, to_status: str) -> bool:
    """Whether `user` may move a language version from `from_status` to `to_status`.

    `user` None is the system (scheduled publication, imports, the demo seeder).
    """
    if user is None or from_status == to_status:
        return True
    if can_publish(user):
        return True
    # Authors start versions and send them for review; everything else is an editor's call.
    allowed = {
        ("", Status.DRAFT),
        ("", Status.REVIEW),
        (Status.DRAFT, Status.REVIEW),
        (Status.RETURNED, Status.REVIEW),
        (Status.REVIEW, Status.DRAFT),
    }
    return (from_status, to_status) in allowed and _may_touch(user, article)


def _may_touch(user, article) -> bool:
    if not user.has_perm("articles.change_article"):
        return False
    return (
        article.pk is None
        or article.is_owned_by(user)
        or user.has_perm("articles.edit_any_article")
    )


def can_trash(user, article) -> bool:
    """Move to the trash: editors any article, journalists their own drafts."""
    if article.deleted_at is not None:
        return False
    if can_publish(user) and user.has_perm("articles.edit_any_article"):
        return True
    return can_edit(user, article) and all(
        version.status == Status.DRAFT for version in article.versions.all()
    )


def can_restore(user, article) -> bool:
    """Take out of the trash: editors and admins."""
    return article.deleted_at is not None and can_publish(user)


def sees_everything(user) -> bool:
    return can_publish(user) or user.has_perm("articles.edit_any_article")


def can_view(user, article) -> bool:
    """Open an article in the admin: editors any; journalists their own and anything that is
    live in some language (others' drafts stay private, as their previews do)."""
    if not user.has_perm("articles.view_article") and not user.has_perm("articles.change_article"):
        return False
    if sees_everything(user) or article.is_owned_by(user):
        return True
    return LanguageVersion.objects.live().filter(article=article).exists()


def visible_articles(user, queryset):
    """`queryset` narrowed to what `user` may see in the admin's lists and pickers."""
    from .models import ArticleAuthor

    if sees_everything(user):
        return queryset
    return queryset.filter(
        Q(created_by=user)
        | Q(Exists(ArticleAuthor.objects.filter(article=OuterRef("pk"), author__user=user)))
        | Q(Exists(LanguageVersion.objects.live().filter(article=OuterRef("pk"))))
    )
