"""Who may do what to an article: the object-level half of the role table (articles/roles.py).

The groups grant model permissions; these rules narrow them to "own" articles and to the
transitions each role may make. The services, the admin and every view ask here, so a crafted
request meets the same rules as a button.
"""

from django.db.models import Exists, OuterRef, Q

from .models import LanguageVersion, Status

# States in which a journalist may still edit their own article.
EDITABLE_BY_AUTHOR = {Status.DRAFT, Status.RETURNED}


def can_publish(user) -> bool:
    """Publish, schedule, unpublish and return with a comment: editors and admins."""
    return user.has_perm("articles.publish_article")


def can_edit(user, article) -> bool:
    """Change the article's text, blocks and links (never while it is in the trash)."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is not None and article.deleted_at is not None:
        return False
    if user.has_perm("articles.edit_any_article") or article is None or article.pk is None:
        return True
    if not article.is_owned_by(user):
        return False
    return all(version.status in EDITABLE_BY_AUTHOR for version in article.versions.all())


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
