"""The article form's rows: bylines, tags, related news, each language's body, the history."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import (
    Article,
    ArticleAuthor,
    ArticleTag,
    Block,
    RelatedArticle,
)
from .forms import ARTICLE_LINK_FIELDS, BlockForm, BlockFormSet, PreloadedFormSet
from .library import PhotoPickers
from .states import LANGUAGE_LABELS
from .widgets import PreloadedAutocompleteSelect


class ArticleRowMixin:
    """Rows of an article may be changed exactly when that part of the article may be: bylines,
    tags and links are shared by every language (`can_edit_shared`), a language's blocks are its
    own (`may_edit_rows`, overridden by BlockInline). A journalist's model permissions on rows
    never reach other people's articles."""

    def may_edit_rows(self, request, obj):
        return permissions.can_edit_shared(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.may_edit_rows(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_edit_rows(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_edit_rows(request, obj)


class PreloadedAutocompleteMixin(ArticleRowMixin):
    """Inline rows cost no query each: a page with 40 blocks and tags costs what one with 2 does."""

    formset = PreloadedFormSet

    def get_queryset(self, request):
        fields = self.get_autocomplete_fields(request)
        return super().get_queryset(request).select_related(*fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        if db_field.name in ARTICLE_LINK_FIELDS and "queryset" not in kwargs:
            # What the picker offers is what a posted id may be: a crafted id of a colleague's
            # draft is refused, not stored (and then named back with its title).
            kwargs["queryset"] = linkable_articles(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.linkable_articles = linkable_articles(request.user)
        return formset


def linkable_articles(user):
    """The articles `user` may link to: those they may see, outside the trash (as the picker)."""
    return permissions.visible_articles(user, Article.objects.filter(deleted_at__isnull=True))


class BylineInline(PreloadedAutocompleteMixin, admin.TabularInline):
    # Rows are edited here; a link to the public page on every row is noise.
    view_on_site = False
    model = ArticleAuthor
    extra = 0
    min_num = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("authors (in the order they are signed)")


class ArticleTagInline(PreloadedAutocompleteMixin, admin.TabularInline):
    view_on_site = False
    model = ArticleTag
    extra = 0
    autocomplete_fields = ["tag"]
    fields = ["tag", "position"]
    verbose_name_plural = _("tags (the first one leads “More on …”)")


class RelatedArticleInline(PreloadedAutocompleteMixin, admin.TabularInline):
    view_on_site = False
    model = RelatedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    verbose_name_plural = _("related news, in this order")


class BlockInline(PhotoPickers, PreloadedAutocompleteMixin, admin.StackedInline):
    view_on_site = False
    model = Block
    form = BlockForm
    extra = 0
    fk_name = "article"
    autocomplete_fields = ["photo", "link_article"]
    language = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(language=self.language)

    def may_edit_rows(self, request, obj):
        return self.language in permissions.editable_languages(request.user, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(f"BlockFormSet_{self.language}", (formset,), {"language": self.language})


def block_inline_for(code):
    return type(
        f"BlockInline_{code}",
        (BlockInline,),
        {
            "language": code,
            "formset": BlockFormSet,
            "verbose_name": _("body block"),
            "verbose_name_plural": format_html("{} — {}", _("body"), LANGUAGE_LABELS[code]),
            "classes": ["language-pane", f"lang-{code}"],
            "__module__": __name__,
        },
    )
