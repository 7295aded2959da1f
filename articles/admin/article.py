"""The article admin: the list, and the form whose states are saved through the services."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from corrections import updates
from corrections.admin import CorrectionPanels

from .. import permissions, presence, services
from ..models import (
    LANGUAGE_CODES,
    Article,
    Status,
)
from ..pagination import EstimatingPaginator
from .autosave import AutosaveViews
from .calendar import OVERDUE_AFTER, CalendarViews
from .changelist import ArticleChangeList
from .checklist import PublishChecklist
from .editing import EditingViews, lost_languages
from .filters import LanguageFilter, StateFilter, TrashFilter
from .forms import ArticleAdminForm
from .inlines import (
    ArticleTagInline,
    BylineInline,
    RelatedArticleInline,
    block_inline_for,
)
from .library import PhotoPickers, thumbnail
from .preview import PreviewViews
from .revisions import RevisionViews
from .states import LANGUAGE_LABELS, returned_with_comments, state_of, unnamed_tags
from .translation import TranslationViews


@admin.register(Article)
class ArticleAdmin(
    CorrectionPanels,
    PublishChecklist,
    PhotoPickers,
    AutosaveViews,
    CalendarViews,
    EditingViews,
    RevisionViews,
    PreviewViews,
    TranslationViews,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    # A list of a million articles: no COUNT(*) of the whole table for "N total", and beyond
    # 10,000 rows the paginator takes PostgreSQL's estimate (articles/pagination.py). Titles
    # are searched with trigram indexes (migration 0011).
    show_full_result_count = False
    paginator = EstimatingPaginator
    # 50 rows a page, as Wagtail's listings (WordPress shows 20): Django's 100 made rendering
    # the rows most of the page's time, and an editor looks for a story by search and filters.
    list_per_page = 50
    list_display = ["hero", "headline", "section", "states", "publish_at", "updated_at"]
    list_display_links = ["hero", "headline"]
    list_filter = [
        LanguageFilter,
        StateFilter,
        "section",
        "authors",
        "is_important",
        TrashFilter,
    ]
    actions = ["move_to_trash", "restore_from_trash"]
    list_select_related = ["section", "hero_photo"]
    search_fields = ["title_uk", "title_ru", "title_en"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["section", "hero_photo"]
    inlines = [
        BylineInline,
        ArticleTagInline,
        RelatedArticleInline,
        *(block_inline_for(code) for code in LANGUAGE_CODES),
    ]
    fieldsets = [
        (
            _("Shared by all languages"),
            {
                # After the languages' texts (blocks.js moves it there): what is written
                # comes first, the settings after.
                "classes": ["shared-settings"],
                "fields": [
                    "section",
                    "hero_photo",
                    ("is_important", "is_breaking"),
                    "ads_off_in",
                    "publication_snapshot",
                    "loaded_edit_count",
                    "loaded_languages",
                    "state_comment",
                ],
            },
        ),
    ] + [
        (
            LANGUAGE_LABELS[code],
            {
                "fields": [
                    f"title_{code}",
                    f"lead_{code}",
                    f"seo_title_{code}",
                    f"meta_description_{code}",
                    f"seo_preview_{code}",
                    (f"state_{code}", f"publish_at_{code}"),
                    f"unpublish_at_{code}",
                    f"preview_{code}",
                    f"corrections_{code}",
                ],
                "classes": ["language-pane", f"lang-{code}"],
            },
        )
        for code in LANGUAGE_CODES
    ]

    class Media:
        css = {
            "all": [
                "admin/newsroom/article_form.css",
                "admin/newsroom/blocks.css",
                "admin/newsroom/previews.css",
            ]
        }
        js = [
            "admin/newsroom/article_form.js",
            "admin/newsroom/blocks.js",
            "admin/newsroom/seo_preview.js",
            "admin/newsroom/live_preview.js",
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("versions")

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return permissions.can_view(request.user, obj)

    @admin.action(description=_("Move selected articles to the trash"))
    def move_to_trash(self, request, queryset):
        self._apply(
            request,
            queryset,
            permissions.can_trash,
            services.article_trash,
            _("%(count)d article(s) moved to the trash."),
        )

    @admin.action(description=_("Restore selected articles from the trash"))
    def restore_from_trash(self, request, queryset):
        self._apply(
            request,
            queryset,
            permissions.can_restore,
            services.article_restore,
            _("%(count)d article(s) restored."),
        )

    def _apply(self, request, queryset, allowed, action, done):
        """All or nothing: one article the user may not touch refuses the whole action."""
        articles = list(queryset.prefetch_related("versions"))
        refused = [article for article in articles if not allowed(request.user, article)]
        if refused:
            self.message_user(
                request,
                _("Nothing was changed: you may not do this to “%(title)s”.")
                % {"title": refused[0]},
                messages.ERROR,
            )
            return
        with transaction.atomic():
            for article in articles:
                action(article=article, by=request.user)
        self.message_user(request, done % {"count": len(articles)}, messages.SUCCESS)

    def get_search_results(self, request, queryset, search_term):
        # Lists and pickers show journalists their own articles and live ones, not colleagues'
        # drafts (a colleague's draft page itself answers 403: see has_view_permission).
        queryset = permissions.visible_articles(request.user, queryset)
        # Pickers (related news, "Read also") never offer articles from the trash.
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(deleted_at__isnull=True)
        return super().get_search_results(request, queryset, search_term)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and request.method == "GET":
            # Only those who can change it count as "editing"; readers are not announced.
            if permissions.can_edit(request.user, article):
                presence.touch(article.pk, request.user)
            for other in presence.others(article.pk, request.user):
                self.message_user(
                    request,
                    _("%(name)s is editing this article since %(since)s.")
                    % {
                        "name": other["name"],
                        "since": timezone.localtime(other["since"]).strftime("%H:%M"),
                    },
                    messages.WARNING,
                )
        if article is not None and request.method == "GET":
            for returned in returned_with_comments(article):
                self.message_user(request, returned, messages.WARNING)
        if article is not None and article.deleted_at is not None:
            self.message_user(
                request,
                _(
                    "This article is in the trash since %(when)s: it is off the site and cannot "
                    "be edited. Editors can restore it from the trash list."
                )
                % {"when": timezone.localtime(article.deleted_at).strftime("%d.%m.%Y %H:%M")},
                messages.WARNING,
            )
        extra_context = {
            **(extra_context or {}),
            "editable_languages": ",".join(
                sorted(permissions.editable_languages(request.user, article))
                if article is not None
                else ()
            ),
            # The "Revisions" button only for those the revisions page lets in.
            "can_see_revisions": article is not None and self._may_see_revisions(request, article),
            # "Live desk" / "Start live coverage" (liveblog/admin.py decides who sees which).
            "live_desk": _live_desk_tool(request.user, article),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            article = Article.objects.filter(pk=object_id).first()
            if (
                article is not None
                and permissions.can_view(request.user, article)
                and lost_languages(request.user, article, request.POST.get("loaded_languages"))
            ):
                return self._keep_posted_text(request, article)
        # Every save is a revision of the whole article (see articles/revisions.py).
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Saved in the admin."))
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        # For the server's administrators only (superusers): it asks about a cron job, which
        # journalists and editors can do nothing about. Counted only when there is something to
        # count: nearly always nothing is overdue, and an EXISTS on the partial index of
        # versions still going live costs no plan that PostgreSQL would run in parallel workers
        # for a COUNT (migration 0011).
        overdue = request.user.is_superuser and sum(
            due.count() if due.exists() else 0
            for due in (
                services.due_to_go_live(timezone.now() - OVERDUE_AFTER),
                services.due_to_expire(timezone.now() - OVERDUE_AFTER),
            )
        )
        if overdue:
            messages.warning(
                request,
                ngettext(
                    "%(count)d scheduled change is overdue by more than five minutes: is "
                    "`manage.py publish_scheduled` running every minute?",
                    "%(count)d scheduled changes are overdue by more than five minutes: is "
                    "`manage.py publish_scheduled` running every minute?",
                    overdue,
                )
                % {"count": overdue},
            )
        extra_context = {
            **(extra_context or {}),
            "can_see_calendar": permissions.can_publish(request.user),
        }
        return super().changelist_view(request, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_edit(request.user, obj)

    readonly_fields = [
        *(f"preview_{code}" for code in LANGUAGE_CODES),
        *(f"seo_preview_{code}" for code in LANGUAGE_CODES),
        *(f"corrections_{code}" for code in LANGUAGE_CODES),
    ]

    def action_checkbox(self, obj):
        """Django's checkbox, written directly: rendered by the form widget's template it was
        a sixth of the list's time (100 rows)."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    @admin.display(description=_("photo"))
    def hero(self, article):
        return thumbnail(article.hero_photo, 64)

    @admin.display(description=_("title"), ordering="title_uk")
    def headline(self, article):
        return str(article)

    @admin.display(description=_("languages"))
    def states(self, article):
        versions = {v.language: v for v in article.versions.all()}
        return format_html_join(
            " ",
            '<span class="lang-state state-{}" title="{}">{} {}</span>',
            (
                (state, label, code.upper(), symbol)
                for code in LANGUAGE_CODES
                for state, label, symbol in [state_of(versions.get(code))]
            ),
        )

    def _warn_ofunnamed_tags(self, request, article):
        for code, tags in unnamed_tags(article).items():
            self.message_user(
                request,
                _(
                    "Tags without a name in %(language)s are not shown on the %(language)s page: "
                    "%(tags)s. Give them one under Tags."
                )
                % {
                    "language": LANGUAGE_LABELS[code],
                    "tags": ", ".join(f"«{tag.name_uk or tag.slug}»" for tag in tags),
                },
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        obj.edit_count = (obj.edit_count or 0) + 1
        # What each language read before this save: "Updated" is per language (save_related).
        form.text_before = updates.fingerprints(obj.pk) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        self._warn_ofunnamed_tags(request, article)
        for code in LANGUAGE_CODES:
            version = form.versions.get(code)
            # A language that has text gets its version (a draft, unless chosen otherwise) the
            # first time it is saved, so it has a state and a history from the start.
            starts = version is None and article.has_text_in(code)
            if not form.publication_touched(code) and not starts:
                continue
            state = form.cleaned_data[f"state_{code}"]
            publish_at, unpublish_at = form.publication_times(code)
            if version is None and state == Status.DRAFT and not article.has_text_in(code):
                continue
            if (
                version
                and version.status == state
                and (
                    state != Status.PUBLISHED
                    or (version.publish_at, version.unpublish_at) == (publish_at, unpublish_at)
                )
            ):
                continue
            services.article_set_state(
                article=article,
                language=code,
                status=state,
                by=request.user,
                publish_at=publish_at,
                unpublish_at=unpublish_at,
                comment=form.state_comment_for(code),
                overridden=form.checklist_overrides.get(code, ()),
            )
        updates.note_text_changes(article.pk, getattr(form, "text_before", None))


def _live_desk_tool(user, article):
    if article is None:
        return None
    from liveblog.admin import desk_tool  # liveblog builds on articles, not the other way

    return desk_tool(user, article)
