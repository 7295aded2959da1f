"""Changes to tags that touch many articles at once."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Tag


@transaction.atomic
def tag_merge(*, target: Tag, others, by) -> int:
    """Move every article of `others` to `target` and delete `others`; returns how many article
    links moved. An article that already has `target` keeps one link. Editors only."""
    if by is not None and not (by.has_perm("tags.change_tag") and by.has_perm("tags.delete_tag")):
        raise PermissionDenied(_("Only editors can merge tags."))
    from articles.models import ArticleTag
    from articles.signals import reindex
    from pagecache import keys
    from pagecache.purge import purge

    # The bulk update sends no signals: the pages of both tags are purged here.
    purge([keys.tag(target.pk), *(keys.tag(tag.pk) for tag in others)])
    moved = 0
    for tag in others:
        if tag.pk == target.pk:
            continue
        # The bulk update below sends no signals: the search index is told here.
        reindex(ArticleTag.objects.filter(tag=tag).values_list("content_object_id", flat=True))
        tagged = ArticleTag.objects.filter(content_object__tagged_items__tag=target)
        ArticleTag.objects.filter(
            tag=tag, content_object__in=tagged.values("content_object")
        ).delete()
        moved += ArticleTag.objects.filter(tag=tag).update(tag=target)
        tag.delete()
    return moved
