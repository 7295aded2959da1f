"""Who may do what on a live story: the object-level half of the role table (articles/roles.py).

The rules, as a newsroom runs a live page:

- Starting and ending the coverage is an editor's call (it makes a story "live" on every list):
  editors and admins (`articles.publish_article`).
- Once an editor has made a story live, the journalists covering it post to it without waiting
  for a review: a journalist who wrote the article (created it or signs it) adds updates and
  publishes or schedules them at once, and edits, unpublishes and deletes *their own* updates,
  while the coverage is on. That is the point of a live page; the editor answers for the story
  and can correct or take down any update at any moment.
- Editors and admins add, edit, publish, unpublish and delete any update, also after the
  coverage ended (a correction); nobody adds new updates to an ended coverage.
- Pinning decides what every reader sees first: editors only.
- Nothing is changed on an article in the trash.
"""

from articles import permissions as article_permissions


def is_editor(user) -> bool:
    return article_permissions.can_publish(user) and user.has_perm("articles.edit_any_article")


def can_manage_coverage(user, article) -> bool:
    """Start or end the live coverage of `article`."""
    return (
        article.deleted_at is None
        and article_permissions.can_publish(user)
        and user.has_perm("liveblog.change_livecoverage")
    )


def can_view_desk(user, article) -> bool:
    """Open the live desk of `article` (its updates in every state)."""
    if not user.has_perm("liveblog.view_liveupdate"):
        return False
    return is_editor(user) or article.is_owned_by(user)


def can_add_update(user, article, coverage) -> bool:
    """Add an update (and publish it): to a coverage that is on, by editors and the article's
    own journalists."""
    if coverage is None or not coverage.is_on or article.deleted_at is not None:
        return False
    if not user.has_perm("liveblog.add_liveupdate"):
        return False
    return is_editor(user) or article.is_owned_by(user)


def can_change_update(user, update, coverage) -> bool:
    """Edit, publish, unpublish an update: editors any (also after the coverage ended), a
    journalist their own while the coverage is on."""
    article = update.article
    if article.deleted_at is not None or not user.has_perm("liveblog.change_liveupdate"):
        return False
    if is_editor(user):
        return True
    return (
        coverage is not None
        and coverage.is_on
        and update.created_by_id == user.pk
        and article.is_owned_by(user)
    )


def can_delete_update(user, update, coverage) -> bool:
    return user.has_perm("liveblog.delete_liveupdate") and can_change_update(user, update, coverage)


def can_pin(user, update) -> bool:
    return (
        update.article.deleted_at is None
        and is_editor(user)
        and user.has_perm("liveblog.change_liveupdate")
    )
