"""The photo library, authors and sections: what articles are made of."""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ..models import (
    Author,
    Photo,
    Section,
)
from .focal_point import MEDIA as FOCAL_POINT_MEDIA
from .focal_point import PhotoAdminForm, read_only_html
from .uploads import StorageErrorsInForm
from .widgets import PhotoAutocompleteSelect


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
class AuthorAdmin(StorageErrorsInForm, TranslationAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name_uk", "name_ru", "name_en", "slug"]
    autocomplete_fields = ["user"]


class PhotoAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete answer (same checks: the asking field, view permission,
    PhotoAdmin's search) with each photo's thumbnail, for the photo pickers' pictures."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        # Only photo pickers ask here; other pickers keep the admin's own view.
        if source_field.remote_field.model is not Photo:
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name

    def serialize_result(self, obj, to_field_name):
        return {
            **super().serialize_result(obj, to_field_name),
            "thumbnail": obj.thumbnail.url if obj.thumbnail else "",
        }


class PhotoPickers:
    """A ModelAdmin or inline mixin: its autocompletes of photos show thumbnails."""

    photo_picker_widget = PhotoAutocompleteSelect

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Photo and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = self.photo_picker_widget(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Photo)
class PhotoAdmin(StorageErrorsInForm, TranslationAdmin):
    form = PhotoAdminForm
    # The form's `focal_point` stands for them (the translation admin ignores the form's own
    # exclude once there are read-only fields).
    exclude = ["focal_x", "focal_y"]
    list_display = ["preview", "caption", "credit", "dimensions", "created_at"]
    search_fields = ["caption_uk", "caption_ru", "caption_en", "alt_text_uk", "credit_uk"]
    readonly_fields = ["preview", "dimensions"]

    def get_urls(self):
        view = PhotoAutocompleteJsonView.as_view(admin_site=self.admin_site)
        return [
            path(
                "autocomplete/",
                self.admin_site.admin_view(view),
                name="articles_photo_autocomplete",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description=_("size"))
    def dimensions(self, photo):
        return f"{photo.width}×{photo.height}" if photo.width else "—"

    @admin.display(description=_("Focal point"))
    def focal_point(self, photo):
        # Shown instead of the form's field to those who may not change the photo.
        return read_only_html(photo)

    @property
    def media(self):
        # The read-only form places its marker with the same script.
        return super().media + FOCAL_POINT_MEDIA
