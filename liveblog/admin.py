"""Live coverage in the admin: the list of live stories, starting and ending coverage (editors),
and each story's *live desk*: a compact form that adds or edits one update in one language, and
the language's updates in every state with their actions (publish, unpublish, pin, delete).

The desk's script (static/liveblog/desk.js) posts the form and the actions with fetch and gets
JSON back, so the page is never reloaded and a refused save keeps the text where it was typed;
it also refreshes the list every few seconds, as colleagues add updates. Without scripts the same
addresses take ordinary form posts and answer with the desk page again.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import permissions as article_permissions
from articles.models import LANGUAGE_CODES, Article, Block, Language

from . import permissions, services
from .forms import UpdateForm, block_formset, block_initial, posted_initial
from .models import LiveCoverage, LiveEvent, LiveUpdate, LiveUpdateBlock

DESK_UPDATES = 100
ACTIONS = {"publish", "unpublish", "pin", "unpin", "delete"}


class StartCoverageForm(forms.ModelForm):
    class Meta:
        model = LiveCoverage
        fields = ["article"]


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _errors(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {name: [str(m) for m in found] for name, found in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


@admin.register(LiveCoverage)
class LiveCoverageAdmin(admin.ModelAdmin):
    form = StartCoverageForm
    list_display = ["article", "is_on_display", "started_at", "ended_at", "desk_link"]
    list_filter = [("ended_at", admin.EmptyFieldListFilter)]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    actions = ["end_coverage"]

    @admin.display(description=_("live now"), boolean=True)
    def is_on_display(self, obj):
        return obj.is_on

    @admin.display(description=_("live desk"))
    def desk_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:liveblog_livecoverage_desk", args=[obj.pk]),
            gettext("Open the live desk"),
        )

    # --- permissions ----------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        visible = article_permissions.visible_articles(request.user, Article.objects.all())
        return queryset.filter(article__in=visible.values("pk"))

    def has_add_permission(self, request):
        return super().has_add_permission(request) and article_permissions.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        # The change page is the desk; "change" here is starting and ending.
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_manage_coverage(request.user, obj.article)

    def has_delete_permission(self, request, obj=None):
        # Ending the coverage keeps the updates; deleting it is not offered.
        return False

    # --- start and end --------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        coverage = services.coverage_start(article=obj.article, by=request.user)
        obj.pk, obj.started_at = coverage.pk, coverage.started_at

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(request, gettext("The story is live: add its first update."))
        return HttpResponseRedirect(reverse("admin:liveblog_livecoverage_desk", args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:liveblog_livecoverage_desk", args=[object_id]))

    @admin.action(description=_("End the live coverage of the selected stories"))
    def end_coverage(self, request, queryset):
        ended = 0
        for coverage in queryset.select_related("article"):
            try:
                services.coverage_end(article=coverage.article, by=request.user)
                ended += 1
            except PermissionDenied as refused:
                messages.error(request, f"{coverage.article}: {refused}")
        if ended:
            messages.success(request, gettext("Coverage ended: %(n)d.") % {"n": ended})

    # --- the desk -------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/desk/", view(self.desk_view), name="liveblog_livecoverage_desk"),
            path(
                "<int:pk>/desk/updates/",
                view(self.desk_list_view),
                name="liveblog_livecoverage_desk_list",
            ),
            path(
                "<int:pk>/desk/<int:update_id>/<str:action>/",
                view(self.desk_action_view),
                name="liveblog_livecoverage_desk_action",
            ),
            path(
                "<int:pk>/coverage/<str:step>/", view(self.coverage_view), name="liveblog_coverage"
            ),
            path(
                "start/<int:article_id>/",
                view(self.start_view),
                name="liveblog_livecoverage_start",
            ),
            *super().get_urls(),
        ]

    def _desk_target(self, request, pk):
        coverage = get_object_or_404(LiveCoverage.objects.select_related("article"), pk=pk)
        if not permissions.can_view_desk(request.user, coverage.article):
            raise PermissionDenied
        language = request.GET.get("language") or request.POST.get("language") or "uk"
        if language not in LANGUAGE_CODES:
            raise Http404
        return coverage, language

    def _desk_updates(self, request, coverage, language):
        updates = list(
            LiveUpdate.objects.filter(article_id=coverage.article_id, language=language)
            .select_related("author", "created_by")
            .prefetch_related(
                Prefetch(
                    "blocks",
                    queryset=LiveUpdateBlock.objects.select_related("photo", "link_article"),
                )
            )
            .order_by("-pinned", "status", "-publish_at", "-id")[:DESK_UPDATES]
        )
        user = request.user
        for update in updates:
            update.article = coverage.article
            update.may_change = permissions.can_change_update(user, update, coverage)
            update.may_delete = permissions.can_delete_update(user, update, coverage)
            update.may_pin = permissions.can_pin(user, update)
        return updates

    def _list_html(self, request, coverage, language):
        return render_to_string(
            "admin/liveblog/_desk_updates.html",
            {
                "coverage": coverage,
                "language": language,
                "updates": self._desk_updates(request, coverage, language),
            },
            request=request,
        )

    def desk_view(self, request, pk):
        coverage, language = self._desk_target(request, pk)
        article = coverage.article
        may_add = permissions.can_add_update(request.user, article, coverage)
        editing = None
        block_form = {"article": article, "user": request.user}
        if request.method == "POST" and "add_block" in request.POST:
            # "Add block" without scripts: the form again, as typed, with one more block.
            form = UpdateForm(initial=request.POST.dict())
            update_id = request.POST.get("update", "")
            if update_id.isdigit():
                editing = LiveUpdate.objects.filter(
                    pk=int(update_id), article=article, language=language
                ).first()
            blocks = block_formset(
                **block_form,
                initial=posted_initial(request.POST, add_kind=request.POST.get("add_kind", "")),
            )
        elif request.method == "POST":
            form = UpdateForm(request.POST)
            blocks = block_formset(**block_form, data=request.POST)
            result = self._save(request, coverage, language, form, blocks)
            if result is None:
                if _wants_json(request):
                    return JsonResponse(
                        {"ok": True, "list_html": self._list_html(request, coverage, language)}
                    )
                messages.success(request, gettext("The update is saved."))
                url = reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk])
                return HttpResponseRedirect(f"{url}?language={language}")
            status, errors = result
            if _wants_json(request):
                return JsonResponse({"ok": False, "errors": errors}, status=status)
            if status == 403:
                raise PermissionDenied
            by_prefix = {block.prefix: block for block in blocks.forms}
            for name, found in errors.items():
                block, _dash, field_name = name.rpartition("-")
                if block in by_prefix:
                    if field_name not in by_prefix[block].errors:
                        by_prefix[block].add_error(field_name, found)
                elif name in form.fields and name not in form.errors:
                    form.add_error(name, found)
                elif name not in form.fields and name not in by_prefix:
                    form.add_error(None, found)
        else:
            initial = {"author": getattr(request.user, "author", None)}
            edit_id = request.GET.get("edit", "")
            if edit_id.isdigit():
                editing = LiveUpdate.objects.filter(
                    pk=int(edit_id), article=article, language=language
                ).first()
            if editing is not None:
                initial = {
                    "update": editing.pk,
                    "edit_count": editing.edit_count,
                    "headline": editing.headline,
                    "text": editing.text,
                    "author": editing.author_id,
                    "intent": "save",
                }
            form = UpdateForm(initial=initial)
            blocks = block_formset(
                **block_form,
                initial=[block_initial(block) for block in editing.blocks.all()] if editing else [],
            )
            if editing is not None and _wants_json(request):
                # The script's "Edit": the update's blocks as the form's part, in place.
                blocks_html = render_to_string(
                    "admin/liveblog/_desk_blocks.html",
                    {"blocks": blocks, "block_kinds": Block.Kind.choices, "language": language},
                    request=request,
                )
                return JsonResponse({"blocks_html": blocks_html})
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Live desk: %(article)s") % {"article": article},
            "opts": self.opts,
            "coverage": coverage,
            "article": article,
            "language": language,
            "languages": Language.choices,
            "form": form,
            "blocks": blocks,
            "block_kinds": Block.Kind.choices,
            "media": self.media + form.media + blocks.media,
            "editing": editing,
            "may_add": may_add,
            "may_manage": permissions.can_manage_coverage(request.user, article),
            "updates": self._desk_updates(request, coverage, language),
            "events": LiveEvent.objects.filter(article=article)
            .select_related("by")
            .order_by("-at", "-id")[:20],
            "public_url": article.get_absolute_url(language),
        }
        return TemplateResponse(request, "admin/liveblog/desk.html", context)

    def _save(self, request, coverage, language, form, blocks):
        """None when saved, else (HTTP status, {field: [messages]}); a block's fields are named
        as in the form (`blocks-<n>-<field>`), so that each error shows next to its block."""
        form_ok, blocks_ok = form.is_valid(), blocks.is_valid()
        if not (form_ok and blocks_ok):
            errors = {name: [str(m) for m in e] for name, e in form.errors.items()}
            for block in blocks.forms:
                for name, found in block.errors.items():
                    key = block.prefix if name == "__all__" else f"{block.prefix}-{name}"
                    errors[key] = [str(m) for m in found]
            if blocks.non_form_errors():
                errors["__all__"] = [str(m) for m in blocks.non_form_errors()]
            return 400, errors
        data = form.cleaned_data
        content = {
            "headline": data["headline"],
            "text": data["text"],
            "blocks": [{"key": block.prefix, **block.content()} for block in blocks.kept()],
            "author": data["author"],
        }
        # The time field counts only for "Schedule": "Publish now" with a time left in the field
        # would back-date the update (open pages offer only updates newer than what they show).
        at = data["at"] if data["intent"] == "schedule" else None
        try:
            if data["update"]:
                update = LiveUpdate.objects.filter(
                    pk=data["update"], article_id=coverage.article_id, language=language
                ).first()
                if update is None:
                    return 404, {"__all__": [gettext("This update was deleted in the meantime.")]}
                # One save: the text is not kept if publishing it is refused ("Not saved").
                with transaction.atomic():
                    updated = services.update_edit(
                        update=update, by=request.user, edit_count=data["edit_count"], **content
                    )
                    if data["intent"] in ("publish", "schedule") and not updated.is_live:
                        services.update_publish(update=updated, by=request.user, at=at)
            else:
                services.update_create(
                    article=coverage.article,
                    language=language,
                    by=request.user,
                    publish=data["intent"] != "draft",
                    at=at,
                    **content,
                )
        except PermissionDenied as refused:
            return 403, {"__all__": [str(refused)]}
        except ValidationError as problem:
            status = 409 if getattr(problem, "code", None) == "conflict" else 400
            return status, _errors(problem)
        return None

    def desk_list_view(self, request, pk):
        coverage, language = self._desk_target(request, pk)
        return JsonResponse(
            {"on": coverage.is_on, "list_html": self._list_html(request, coverage, language)}
        )

    @staticmethod
    def _act(update, action, user):
        if action == "publish":
            services.update_publish(update=update, by=user)
        elif action == "unpublish":
            services.update_unpublish(update=update, by=user)
        elif action in ("pin", "unpin"):
            services.update_pin(update=update, by=user, pinned=action == "pin")
        else:
            services.update_delete(update=update, by=user)

    def desk_action_view(self, request, pk, update_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        coverage, language = self._desk_target(request, pk)
        if action not in ACTIONS:
            raise Http404
        update = get_object_or_404(LiveUpdate, pk=update_id, article_id=coverage.article_id)
        language = update.language
        try:
            self._act(update, action, request.user)
        except PermissionDenied as refused:
            if _wants_json(request):
                return JsonResponse(
                    {"ok": False, "errors": {"__all__": [str(refused)]}}, status=403
                )
            raise
        except ValidationError as problem:
            if _wants_json(request):
                return JsonResponse({"ok": False, "errors": _errors(problem)}, status=400)
            for message in problem.messages:
                messages.error(request, message)
        if _wants_json(request):
            return JsonResponse(
                {"ok": True, "list_html": self._list_html(request, coverage, language)}
            )
        url = reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk])
        return HttpResponseRedirect(f"{url}?language={language}")

    def coverage_view(self, request, pk, step):
        """POST `end` or `start`: end the coverage, or make the story live again."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        coverage = get_object_or_404(LiveCoverage.objects.select_related("article"), pk=pk)
        if step not in ("end", "start"):
            raise Http404
        service = services.coverage_end if step == "end" else services.coverage_start
        service(article=coverage.article, by=request.user)
        messages.success(
            request,
            gettext("The live coverage has ended.")
            if step == "end"
            else gettext("The story is live again."),
        )
        url = reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk])
        language = request.POST.get("language")
        return HttpResponseRedirect(
            f"{url}?language={language if language in LANGUAGE_CODES else 'uk'}"
        )

    def start_view(self, request, article_id):
        """POST from the article's form ("Start live coverage"): the story goes live and its
        desk opens."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=article_id)
        coverage = services.coverage_start(article=article, by=request.user)
        messages.success(request, gettext("The story is live: add its first update."))
        return HttpResponseRedirect(reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk]))


def desk_tool(user, article) -> dict | None:
    """The article form's link to the live desk: "Live desk" for a story with coverage (to
    whom may open it), "Start live coverage" for one without (to editors), else None."""
    coverage = LiveCoverage.objects.filter(article=article).first()
    if coverage is not None:
        if not permissions.can_view_desk(user, article):
            return None
        return {"url": reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk])}
    if not permissions.can_manage_coverage(user, article):
        return None
    return {"start_url": reverse("admin:liveblog_livecoverage_start", args=[article.pk])}
