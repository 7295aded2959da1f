"""Autosave in the article form: the endpoints the form's script keeps its text with, the offer
to restore it when the form opens, the restore itself (the form filled from the autosave, not
saved), and the history's note of the save that follows."""

import reversion
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from .. import autosave
from ..models import LANGUAGE_CODES, Article, Status
from .states import LANGUAGE_LABELS

# GET ?restore_autosave=1 opens the form filled with the person's autosave.
RESTORE = "restore_autosave"
# Posted by a form that was filled from an autosave: when that text was kept.
RESTORED_FIELD = "autosave_restored"

# Never taken from an autosave into the main form: where the publication stood when that form
# was opened is the current form's business (conflict checks), and a restore brings text back,
# not states or times.
_NOT_RESTORED = (
    *(
        f"{name}_{code}"
        for code in LANGUAGE_CODES
        for name in ("state", "publish_at", "unpublish_at")
    ),
    "publication_snapshot",
    "loaded_",
)
# Unticked boxes are absent from a posted form: restored even when absent.
_TICK_BOXES = {"is_important", "is_breaking", "ads_off_in"}


def _hh_mm(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


class AutosaveViews:
    """`<pk>/autosave/` (and `add/autosave/` for an article not saved yet): POST keeps the
    form's fields, GET answers with them; `…/autosave/discard/` (POST) forgets them. Each
    person reaches only their own autosave, and only while they may write in the article."""

    def _autosave_target(self, request, pk):
        """The article whose autosave this is (None: a new one), if `request.user` may keep
        one for it."""
        article = None
        if pk is not None:
            article = Article.objects.filter(pk=pk).first()
            if article is None:
                raise Http404
        if not autosave.may_keep(request.user, article):
            raise PermissionDenied
        return article

    def autosave_view(self, request, pk=None):
        article = self._autosave_target(request, pk)
        if request.method == "POST":
            posted = request.POST.get("loaded_edit_count", "")
            kept = autosave.keep(
                user=request.user,
                article=article,
                data=dict(request.POST.lists()),
                loaded_edit_count=int(posted) if posted.isdigit() else None,
            )
            if kept is None:
                # Typed in a form opened before this person's own later save (see keep).
                return JsonResponse({"stale": True}, status=409)
            return JsonResponse({"kept_at": _hh_mm(kept.saved_at)})
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        kept = autosave.find(user=request.user, article=article)
        if kept is None:
            raise Http404
        return JsonResponse(
            {
                "kept_at": _hh_mm(kept.saved_at),
                "saved_at": kept.saved_at.isoformat(),
                "loaded_edit_count": kept.loaded_edit_count,
                "data": autosave.fields_of(kept),
            }
        )

    def autosave_discard_view(self, request, pk=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = None
        if pk is not None:
            article = Article.objects.filter(pk=pk).first()
            if article is None:
                raise Http404
        # One's own text may be discarded after losing the right to write in the article.
        if autosave.find(user=request.user, article=article) is None:
            self._autosave_target(request, pk)
        autosave.discard(user=request.user, article=article)
        return JsonResponse({"discarded": True})

    def get_urls(self):
        view = self.admin_site.admin_view
        keep = view(never_cache(self.autosave_view))
        discard = view(never_cache(self.autosave_discard_view))
        return [
            path("add/autosave/", keep, name="articles_article_autosave_new"),
            path("add/autosave/discard/", discard, name="articles_article_autosave_new_discard"),
            path("<int:pk>/autosave/", keep, name="articles_article_autosave"),
            path("<int:pk>/autosave/discard/", discard, name="articles_article_autosave_discard"),
            *super().get_urls(),
        ]

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["admin/newsroom/history.css"]}, js=["admin/newsroom/autosave.js"]
        )

    # --- the form: the offer, the restore, and the save that follows -------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = None
        if object_id is not None:
            article = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
            if article is None:
                return super().changeform_view(request, object_id, form_url, extra_context)
        context = {}
        if autosave.may_keep(request.user, article):
            args = [article.pk] if article is not None else []
            suffix = "" if article is not None else "_new"
            context["autosave_urls"] = {
                "keep": reverse(f"admin:articles_article_autosave{suffix}", args=args),
                "discard": reverse(f"admin:articles_article_autosave{suffix}_discard", args=args),
                "restore": f"{request.path}?{RESTORE}=1",
            }
            if request.method == "GET":
                context.update(self._autosave_on_open(request, article))
            else:
                context["autosave_restored"] = request.POST.get(RESTORED_FIELD, "")
        elif (
            request.method == "GET"
            and article is not None
            and self.has_view_permission(request, article)
        ):
            left = autosave.unsaveable(user=request.user, article=article)
            if left is not None:
                context["autosave_unsaveable"] = left
                context["autosave_urls"] = {
                    "discard": reverse("admin:articles_article_autosave_discard", args=[article.pk])
                }
        return super().changeform_view(
            request, object_id, form_url, {**(extra_context or {}), **context}
        )

    def _autosave_on_open(self, request, article):
        if not request.GET.get(RESTORE):
            return {"autosave_offer": autosave.offer(user=request.user, article=article)}
        kept = autosave.find(user=request.user, article=article)
        if kept is None:
            self.message_user(
                request, _("There is no autosaved text to restore any more."), messages.WARNING
            )
            return {}
        # Read by get_form and get_formset_kwargs below: the form opens filled, not saved.
        request.autosave_restore = autosave.restore(autosave=kept, article=article)
        self.message_user(
            request,
            _(
                "The text autosaved at %(time)s is restored in the form below, not saved yet: "
                "review it and save."
            )
            % {"time": _hh_mm(kept.saved_at)},
            messages.WARNING,
        )
        locked = autosave.difference(autosave=kept, article=article, locked=True)
        return {
            "autosave_restored": kept.saved_at.isoformat(),
            "autosave_locked": autosave.Offer(autosave=kept, rows=locked) if locked else None,
        }

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        restore = getattr(request, "autosave_restore", None)
        if restore is None or request.method != "GET":
            return form
        data, parts = restore.data, restore.parts

        class RestoredForm(form):
            """The form as it opens now, its text taken from the autosave: what the person
            may not write any more (disabled fields), or could not when it was kept (read-only
            then, so not posted: absent is not "unticked"), stays as stored."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, field in self.fields.items():
                    part = autosave.part_of(name)
                    if (
                        field.disabled
                        or name.startswith(_NOT_RESTORED)
                        or (part is not None and part not in parts)
                    ):
                        continue
                    key = self.add_prefix(name)
                    # (A split field posts key_0, key_1.)
                    present = any(k == key or k.startswith(f"{key}_") for k in data)
                    if present or name in _TICK_BOXES:
                        self.initial[name] = field.widget.value_from_datadict(data, {}, key)

        RestoredForm.__name__ = form.__name__
        return RestoredForm

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        restore = getattr(request, "autosave_restore", None)
        if (
            restore is not None
            and request.method == "GET"
            # Only the formsets writable when kept and now (see autosave.restore).
            and f"{prefix}-TOTAL_FORMS" in restore.data
            # Read-only rows (the history, a language no longer theirs) stay as stored.
            and (
                inline.has_change_permission(request, obj)
                or inline.has_add_permission(request, obj)
            )
        ):
            # Bound to the autosave: every block comes back, those added before it was kept
            # (no row in the database yet) too, with their type and rich text.
            kwargs.update(data=restore.data, files={})
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved: what was autosaved is in the article now (or deliberately not).
        autosave.discard(user=request.user, article=form.instance)
        if not change:
            autosave.discard(user=request.user, article=None)
        reversion.set_comment(save_comment(request, form, formsets, change))


def save_comment(request, form, formsets, change) -> str:
    """What a save did, for the history: whose text changed in which languages, what every
    language shares, which states, and whether it brought back autosaved text."""
    by_prefix = {formset.prefix: formset for formset in formsets}

    def changed(prefix):
        formset = by_prefix.get(prefix)
        return formset is not None and formset.is_bound and formset.has_changed()

    parts = [] if change else [gettext("Created.")]
    texts = [
        str(LANGUAGE_LABELS[code])
        for code in LANGUAGE_CODES
        if {f"title_{code}", f"lead_{code}"} & set(form.changed_data) or changed(f"blocks-{code}")
    ]
    if texts:
        parts.append(gettext("Text changed in: %(languages)s.") % {"languages": ", ".join(texts)})
    shared = [
        str(label)
        for changed_here, label in [
            (changed("bylines"), _("authors")),
            (changed("tagged_items"), _("tags")),
            (changed("related_links"), _("related news")),
            (
                bool(
                    {"section", "hero_photo", "is_important", "is_breaking"}
                    & set(form.changed_data)
                ),
                _("section, photo or flags"),
            ),
        ]
        if changed_here
    ]
    if shared:
        parts.append(gettext("Changed: %(what)s.") % {"what": ", ".join(shared)})
    for code in LANGUAGE_CODES:
        if form.publication_touched(code):
            parts.append(
                gettext("%(language)s: %(state)s.")
                % {
                    "language": LANGUAGE_LABELS[code],
                    "state": Status(form.cleaned_data[f"state_{code}"]).label,
                }
            )
    restored = parse_datetime(request.POST.get(RESTORED_FIELD, "") or "")
    if restored is not None:
        parts.append(
            gettext("The text autosaved at %(time)s was restored.") % {"time": _hh_mm(restored)}
        )
    return " ".join(parts) or gettext("Saved without changes.")
