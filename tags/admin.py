from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from taggit.models import Tag as TaggitTag

from .models import Tag

# taggit's own tag model is not used (ours is translated): keep it out of the menu.
admin.site.unregister(TaggitTag)


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    list_display = ["name_uk", "name_ru", "name_en", "slug", "article_count"]
    search_fields = ["name_uk", "name_ru", "name_en", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("article_items"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, tag):
        return tag.article_count

    def get_readonly_fields(self, request, obj=None):
        # A slug in use is part of public addresses: it is set once and then kept.
        return ["slug"] if obj else []
