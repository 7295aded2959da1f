from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from taggit.models import Tag as TaggitTag

from . import services
from .models import Tag

# taggit's own tag model is not used (ours is translated): keep it out of the menu.
admin.site.unregister(TaggitTag)


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    list_display = ["name_uk", "name_ru", "name_en", "slug", "article_count"]
    search_fields = ["name_uk", "name_ru", "name_en", "slug"]
    actions = ["merge_tags"]

    @admin.action(
        description=_("Merge selected tags into the most used of them"),
        permissions=["change", "delete"],
    )
    def merge_tags(self, request, queryset):
        tags = sorted(queryset, key=lambda tag: (-tag.article_count, tag.pk))
        if len(tags) < 2:
            self.message_user(request, _("Select at least two tags to merge."), messages.WARNING)
            return
        target, others = tags[0], tags[1:]
        moved = services.tag_merge(target=target, others=others, by=request.user)
        self.message_user(
            request,
            _("%(count)d tag(s) merged into “%(target)s”; %(moved)d article link(s) moved.")
            % {"count": len(others), "target": target, "moved": moved},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("article_items"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, tag):
        return tag.article_count

    def get_readonly_fields(self, request, obj=None):
        # A slug in use is part of public addresses: it is set once and then kept.
        return ["slug"] if obj else []
