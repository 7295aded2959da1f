"""The publish checklist in the article form (articles/checklist.py holds the checks).

`PublishChecklistForm` runs the checks on what is posted whenever a save would publish or
schedule a language, and refuses the save while a failure has not been overridden with a reason;
`PublishChecklist` shows each language's checklist in its tab and, after a refusal, the
"Publish anyway — why?" box at the top of the form.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import blocks as block_types
from .. import checklist
from ..models import LANGUAGE_CODES, Article, ArticleTag, Block, Status
from .states import LANGUAGE_LABELS

REASON = "publish_override_reason"
SHOWN = "publish_checks_shown"
BLOCK_FIELDS = ("kind", *block_types.CONTENT_FIELDS)


class PublishChecklistForm:
    """Mixed into ArticleAdminForm. After `clean()`:

    - `checklist_failures`: {language: [Check]} that refused this save;
    - `checklist_overrides`: {language: [code]} failures overridden with a reason, for the
      StateChange of each language (see `state_comment_for`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[REASON] = forms.CharField(
            label=_("Publish anyway — why?"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_(
                "Kept in the history with the checks you override. Only the problems listed "
                "above are overridden."
            ),
        )
        # The failures the editor was shown ("en:hero_credit uk:tag"): a reason covers these.
        self.fields[SHOWN] = forms.CharField(
            label=_("checks shown"), widget=forms.HiddenInput, required=False
        )
        self.checklist_failures = {}
        self.checklist_overrides = {}

    def state_comment_for(self, code) -> str:
        """The comment of this save's step for `code`: the editor's, and the reason for any
        check overridden."""
        comment = (self.cleaned_data.get("state_comment") or "").strip()
        if not self.checklist_overrides.get(code):
            return comment
        reason = (self.cleaned_data.get(REASON) or "").strip()
        published_anyway = _("Published despite the checklist: %(reason)s") % {"reason": reason}
        return f"{comment}\n{published_anyway}" if comment else str(published_anyway)

    def goes_public(self, code, cleaned) -> bool:
        """Does this save publish or schedule the `code` version: put it in "Published" from
        another state, or move a published one's time (to the future, or a scheduled or expired
        one to now)?"""
        if cleaned.get(f"state_{code}") != Status.PUBLISHED or not self.publication_touched(code):
            return False
        version = self.versions.get(code)
        if version is None or version.status != Status.PUBLISHED:
            return True
        if not {f"publish_at_{code}", f"unpublish_at_{code}"} & set(self.changed_data):
            return False
        publish_at, _unpublish_at = self.publication_times(code)
        return not version.is_live or (publish_at is not None and publish_at > timezone.now())

    def _check_publish_lists(self, cleaned):
        languages = [code for code in LANGUAGE_CODES if self.goes_public(code, cleaned)]
        if not languages:
            return
        posted = _PostedArticle(self, cleaned)
        results = {}
        for code in languages:
            publish_at, _unpublish_at = self.publication_times(code)
            results[code] = checklist.check_language(
                language=code,
                title=cleaned.get(f"title_{code}") or "",
                lead=cleaned.get(f"lead_{code}") or "",
                hero_photo=posted.hero_photo(),
                tag_ids=posted.tag_ids(),
                blocks=posted.blocks(code),
                at=publish_at if publish_at and publish_at > timezone.now() else None,
            )
        # The tabs show what was judged in this save, not the stored article.
        self.instance.__dict__["_posted_checklist"] = results
        failures = {
            code: found for code, checks in results.items() if (found := checklist.failing(checks))
        }
        if not failures:
            return
        now = {f"{code}:{check.code}" for code, checks in failures.items() for check in checks}
        shown = set((cleaned.get(SHOWN) or "").split())
        reason = (cleaned.get(REASON) or "").strip()
        if reason and now <= shown:
            self.checklist_overrides = {
                code: [check.code for check in checks] for code, checks in failures.items()
            }
            return
        self.checklist_failures = failures
        self._refuse_for_checklist(failures, new=now - shown if reason and shown else set())
        # The box shown now lists these failures: a reason given with it overrides them.
        self.data = self.data.copy()
        self.data[self.add_prefix(SHOWN)] = " ".join(sorted(now))

    def _refuse_for_checklist(self, failures, new):
        for code, checks in failures.items():
            problems = "; ".join(str(check.detail) for check in checks)
            self.add_error(
                None,
                forms.ValidationError(
                    _("%(language)s: %(problems)s."),
                    code="checklist",
                    params={"language": LANGUAGE_LABELS[code], "problems": problems},
                ),
            )
            # On the language's own tab too, which is marked ⚠ and opened.
            self.add_error(
                f"state_{code}",
                forms.ValidationError(
                    _("Not published yet: %(problems)s."),
                    code="checklist",
                    params={"problems": problems},
                ),
            )
        if new:
            message = _(
                "Since you were asked, more checks have failed: the reason you gave covers only "
                "the problems you were shown. Nothing has been saved and your text is kept "
                "below. Check the list, then save again."
            )
        else:
            message = _(
                "Nothing has been saved and your text is kept below. Fix these problems, or "
                "write under “Publish anyway — why?” why it should go out as it is, and save "
                "again."
            )
        self.add_error(None, forms.ValidationError(message, code="checklist"))


class _PostedArticle:
    """What the form posts for the body, tags and hero photo, read as a save would keep it
    (deleted rows and empty new rows left out). Rows the page did not post (a read-only part)
    are taken as stored."""

    def __init__(self, form, cleaned):
        self.form, self.cleaned = form, cleaned
        self._stored_blocks = None

    def hero_photo(self):
        if "hero_photo" in self.cleaned:
            return self.cleaned["hero_photo"]
        article = self.form.instance
        return article.hero_photo if article.hero_photo_id else None

    def tag_ids(self):
        rows = self._rows("tagged_items", ("tag",), self._stored_tags)
        return [int(row["tag"]) for row in rows if str(row.get("tag") or "").isdigit()]

    def blocks(self, code):
        rows = self._rows(f"blocks-{code}", BLOCK_FIELDS, lambda: self._stored(code))
        for row in rows:
            for name in ("photo", "link_article"):
                value = str(row.get(name) or "")
                row[name] = int(value) if value.isdigit() else None
        return rows

    def _rows(self, prefix, fields, stored):
        data = self.form.data
        total = str(data.get(f"{prefix}-TOTAL_FORMS", ""))
        if not total.isdigit():
            return list(stored().values())
        initial = str(data.get(f"{prefix}-INITIAL_FORMS", "0"))
        initial = int(initial) if initial.isdigit() else 0
        delete = forms.CheckboxInput()
        rows = []
        for index in range(min(int(total), 1000)):
            key = f"{prefix}-{index}-"
            if delete.value_from_datadict(data, {}, f"{key}DELETE"):
                continue
            if f"{key}{fields[0]}" in data:
                row = {name: data.get(f"{key}{name}", "") for name in fields}
                if index >= initial and not any(row.values()):
                    continue  # an untouched new row is not saved
                position = str(data.get(f"{key}position", ""))
                position = int(position) if position.isdigit() else None
            else:
                row = stored().get(str(data.get(f"{key}id", "")))
                if row is None:
                    continue
                position = row["position"]
            rows.append((position, index, row))
        # In the order the page will show them (positions typed or moved, new rows last).
        rows.sort(key=lambda entry: (entry[0] is None, entry[0] or 0, entry[1]))
        return [dict(row) for _position, _index, row in rows]

    def _stored(self, code):
        if self._stored_blocks is None:
            self._stored_blocks = {}
            if self.form.instance.pk:
                rows = Block.objects.filter(article=self.form.instance).order_by("position", "id")
                for row in rows.values("id", "language", "position", *BLOCK_FIELDS):
                    self._stored_blocks.setdefault(row["language"], {})[str(row["id"])] = row
        return self._stored_blocks.get(code, {})

    def _stored_tags(self):
        if not self.form.instance.pk:
            return {}
        items = ArticleTag.objects.filter(content_object=self.form.instance)
        return {str(row["id"]): row for row in items.values("id", "tag", "position")}


class PublishChecklist:
    """ArticleAdmin's mixin: each language tab lists its checks (✓ / ⚠); a refused save shows
    the failures and the reason box first."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            classes = options.get("classes", [])
            code = next((c for c in LANGUAGE_CODES if f"lang-{c}" in classes), None)
            if code and "language-pane" in classes:
                fields = list(options.get("fields", []))
                if f"checklist_{code}" not in fields:
                    options = {**options, "fields": [*fields, f"checklist_{code}"]}
            fieldsets.append((name, options))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        mine = [f"checklist_{code}" for code in LANGUAGE_CODES]
        return fields + [name for name in mine if name not in fields]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        form = getattr(adminform, "form", None)
        if getattr(form, "checklist_failures", None):
            box = (
                _("Publish anyway?"),
                {"fields": [REASON, SHOWN], "classes": ["publish-override"]},
            )
            adminform.fieldsets = [box, *adminform.fieldsets]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _checklist(self, article, code):
        posted = article.__dict__.get("_posted_checklist", {})
        if code in posted:
            checks = posted[code]
        else:
            checks = checklist.checks_for_article(article, code) if article.pk else None
        url = (
            reverse("admin:articles_article_checklist", args=[article.pk])
            if article.pk
            else reverse("admin:articles_article_checklist_new")
        )
        return render_to_string(
            "admin/articles/article/_checklist.html",
            {"language": code, "url": url, **_items_context(checks, as_posted=code in posted)},
        )

    def checklist_view(self, request, pk=None):
        """Each language's checklist of what the form holds now, unsaved (JSON of HTML per
        language), for the tabs to follow the typing. Nothing is written."""
        if request.method != "POST":
            return JsonResponse({"error": "POST"}, status=405)
        article = None
        if pk is not None:
            article = Article.objects.prefetch_related("versions").filter(pk=pk).first()
            if article is None:
                raise Http404
            if not self.has_view_permission(request, article):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        form_class = self.get_form(request, article, change=article is not None)
        form = form_class(request.POST, instance=article or Article())
        with transaction.atomic():
            # A preview of the checks: no stale-form checks, no row lock (it runs as one types).
            form.is_preview = True
            form.is_valid()
            transaction.set_rollback(True)
        cleaned = form.cleaned_data
        posted = _PostedArticle(form, cleaned)
        hero, tag_ids = posted.hero_photo(), posted.tag_ids()
        found = {
            code: checklist.check_language(
                language=code,
                title=cleaned.get(f"title_{code}") or "",
                lead=cleaned.get(f"lead_{code}") or "",
                hero_photo=hero,
                tag_ids=tag_ids,
                blocks=posted.blocks(code),
            )
            for code in LANGUAGE_CODES
        }
        return JsonResponse(
            {
                code: render_to_string(
                    "admin/articles/article/_checklist_items.html",
                    _items_context(checks, as_posted=True),
                )
                for code, checks in found.items()
            }
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/checklist/",
                view(self.checklist_view),
                name="articles_article_checklist",
            ),
            path("checklist/", view(self.checklist_view), name="articles_article_checklist_new"),
            *super().get_urls(),
        ]

    @admin.display(description=_("publish checklist"))
    def checklist_uk(self, article):
        return self._checklist(article, "uk")

    @admin.display(description=_("publish checklist"))
    def checklist_ru(self, article):
        return self._checklist(article, "ru")

    @admin.display(description=_("publish checklist"))
    def checklist_en(self, article):
        return self._checklist(article, "en")

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["admin/newsroom/checklist.css"]}, js=["admin/newsroom/checklist.js"]
        )


def _items_context(checks, *, as_posted):
    failed = [check for check in checks or () if not check.passed]
    return {"checks": checks, "as_posted": as_posted, "failed": failed}
