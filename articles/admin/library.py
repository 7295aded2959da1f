"""The photo library, authors and sections: what articles are made of."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ..models import (
    Author,
    Photo,
    Section,
)


def thumbnail(photo, size=80):
    if not photo or not photo.thumbnail:
        return "—"
    return format_html(
        '<img src="{}" width="{}" alt="" class="admin-thumbnail">',
        photo.thumbnail.url,
        size,
    )


@admin.register(Section)
class SectionAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_uk", "name_ru", "name_en", "slug"]


@admin.register(Author)
class AuthorAdmin(TranslationAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name_uk", "name_ru", "name_en", "slug"]
    autocomplete_fields = ["user"]


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin):
    list_display = ["preview", "caption", "credit", "dimensions", "created_at"]
    search_fields = ["caption_uk", "caption_ru", "caption_en", "alt_text_uk", "credit_uk"]
    readonly_fields = ["preview", "dimensions"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description=_("size"))
    def dimensions(self, photo):
        return f"{photo.width}×{photo.height}" if photo.width else "—"
