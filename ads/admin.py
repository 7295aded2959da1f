"""The ad team's admin: slots, bookings with their figures, warnings and a preview on a real page.

Reached only with the ads permissions (the "Ad managers" group of articles/roles.py, and admins).
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import LANGUAGE_CODES, Article, Language
from articles.views import PAGE_SIZE, article_context, listing, recent_news

from . import counters
from .models import Creative, DailyStat, Slot, running_q
from .serving import PageAds
from .views import preview_token

DAILY_ROWS = 60


def _total(field):
    rows = (
        DailyStat.objects.filter(creative=OuterRef("pk"))
        .values("creative")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _ctr(impressions, clicks):
    return f"{clicks / impressions:.2%}" if impressions else "—"


def _size(width, height):
    return f"{width}×{height}" if width else _("hidden")


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "placement", "sizes", "rule", "is_active", "running"]
    list_filter = ["placement", "is_active"]
    search_fields = ["code", "name"]
    fieldsets = [
        (None, {"fields": ["code", "name", "placement", "is_active"]}),
        (
            _("Size (the page reserves exactly this space)"),
            {"fields": [("width", "height"), ("width_wide", "height_wide")]},
        ),
        (_("Placement rule"), {"fields": ["after_block", "every_items"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(running_count=Count("creatives", filter=running_q(prefix="creatives__")))
        )

    @admin.display(description=_("size: phones / wide screens"))
    def sizes(self, slot):
        return f"{_size(slot.width, slot.height)} / {_size(slot.width_wide, slot.height_wide)}"

    @admin.display(description=_("rule"))
    def rule(self, slot):
        if slot.placement == Slot.Placement.ARTICLE_BODY:
            return _("after block %(n)d") % {"n": slot.after_block}
        if slot.placement == Slot.Placement.FEED:
            return _("every %(n)d items") % {"n": slot.every_items}
        return "—"

    @admin.display(description=_("running creatives"), ordering="running_count")
    def running(self, slot):
        return slot.running_count


class CreativeForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=LANGUAGE_CODES,
        help_text=_("Shown only on pages in these languages."),
    )

    class Meta:
        model = Creative
        fields = [
            "name",
            "slots",
            "kind",
            "is_active",
            "is_house",
            "weight",
            "starts_at",
            "ends_at",
            "languages",
            "sections",
            "image",
            "alt_text",
            "link_url",
            "html",
        ]


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Creative.State.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        ended = Q(ends_at__lte=now)
        match self.value():
            case Creative.State.RUNNING:
                return queryset.filter(is_active=True, starts_at__lte=now).exclude(ended)
            case Creative.State.SCHEDULED:
                return queryset.filter(is_active=True, starts_at__gt=now).exclude(ended)
            case Creative.State.ENDED:
                return queryset.filter(ended)
            case Creative.State.INACTIVE:
                return queryset.filter(is_active=False).exclude(ended)
        return queryset


@admin.register(Creative)
class CreativeAdmin(admin.ModelAdmin):
    form = CreativeForm
    list_display = [
        "name",
        "slot_list",
        "kind",
        "starts_at",
        "ends_at",
        "state",
        "weight",
        "is_house",
        "impressions",
        "clicks",
        "ctr",
    ]
    list_filter = [StateFilter, "slots", "kind", "is_house", "sections"]
    search_fields = ["name", "link_url"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["slots", "sections"]
    readonly_fields = ["image_preview", "slot_previews", "daily_figures"]
    fieldsets = [
        (None, {"fields": ["name", "slots", "kind", "is_active", "is_house", "weight"]}),
        (_("When (Kyiv time)"), {"fields": ["starts_at", "ends_at"]}),
        (_("Who sees it"), {"fields": ["languages", "sections"]}),
        (_("Image"), {"fields": ["image", "image_preview", "alt_text", "link_url"]}),
        (_("Third-party tag"), {"fields": ["html"]}),
        (_("Preview and figures"), {"fields": ["slot_previews", "daily_figures"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("slots")
            .annotate(impression_total=_total("impressions"), click_total=_total("clicks"))
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    # --- list columns ----------------------------------------------------------------------

    @admin.display(description=_("slots"))
    def slot_list(self, creative):
        return ", ".join(slot.code for slot in creative.slots.all())

    @admin.display(description=_("state"))
    def state(self, creative):
        return Creative.State(creative.state()).label

    @admin.display(description=_("impressions"), ordering="impression_total")
    def impressions(self, creative):
        return creative.impression_total

    @admin.display(description=_("clicks"), ordering="click_total")
    def clicks(self, creative):
        return creative.click_total

    @admin.display(description=_("CTR"))
    def ctr(self, creative):
        return _ctr(creative.impression_total, creative.click_total)

    # --- change page -----------------------------------------------------------------------

    @admin.display(description=_("image as uploaded"))
    def image_preview(self, creative):
        if not creative.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-width:100%;max-height:300px"><br>{}×{} px',
            creative.image.url,
            creative.image_width,
            creative.image_height,
        )

    @admin.display(description=_("preview on a real page"))
    def slot_previews(self, creative):
        if not creative.pk:
            return _("Save first, then preview it in each of its slots.")
        links = [
            (
                reverse("admin:ads_creative_preview", args=[creative.pk, slot.code, code]),
                f"{slot.code} · {code}",
            )
            for slot in creative.slots.all()
            for code in creative.languages
        ]
        if not links:
            return "—"
        return format_html_join(" · ", '<a href="{}" target="_blank">{}</a>', links)

    @admin.display(description=_("by day (Kyiv)"))
    def daily_figures(self, creative):
        if not creative.pk:
            return "—"
        rows = list(creative.daily_stats.all()[:DAILY_ROWS])
        if not rows:
            return _("No impressions yet.")
        most = max(row.impressions for row in rows) or 1
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            '<td><span class="ad-bar" style="display:inline-block;height:.7em;width:{}px;'
            'background:#417690"></span></td></tr>',
            (
                (
                    row.day.isoformat(),
                    row.impressions,
                    row.clicks,
                    _ctr(row.impressions, row.clicks),
                    round(200 * row.impressions / most),
                )
                for row in rows
            ),
        )
        return format_html(
            '<table class="ad-daily"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col"></th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("day"),
            _("impressions"),
            _("clicks"),
            _("CTR"),
            body,
        )

    # --- figures are fresh, warnings are shown ---------------------------------------------

    def changelist_view(self, request, extra_context=None):
        counters.flush()
        if request.method == "GET":
            for warning in booking_warnings():
                messages.warning(request, warning)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        counters.flush()
        if request.method == "GET":
            creative = self.get_object(request, object_id)
            for warning in booking_warnings(creative):
                messages.warning(request, warning)
        return super().change_view(request, object_id, form_url, extra_context)

    # --- preview ---------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/<slug:code>/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name="ads_creative_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk, code, language):
        """The creative in slot `code` on a real page of the site in `language`, whatever its
        dates and targeting: the newest live article (of a targeted section, if any), or the
        news list for a feed slot. Nothing is counted."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        creative = Creative.objects.filter(pk=pk).prefetch_related("sections").first()
        slot = Slot.objects.filter(code=code, is_active=True).first()
        if creative is None or slot is None or language not in LANGUAGE_CODES:
            raise Http404
        sections = [section.pk for section in creative.sections.all()]
        with translation.override(language):
            request.LANGUAGE_CODE = language
            preview = (slot.code, preview_token(creative.pk))
            if slot.placement == Slot.Placement.FEED:
                articles = listing(language)[:PAGE_SIZE]
                context = {
                    "articles": articles,
                    "heading": _("All news"),
                    "recent_news": recent_news(language),
                    "ads": PageAds(language=language, preview=preview),
                }
                template = "articles/article_list.html"
            else:
                live = Article.objects.live(language)
                article = (
                    (live.filter(section__in=sections) if sections else live)
                    .newest_first()
                    .select_related("section", "hero_photo")
                    .first()
                )
                if article is None:
                    raise Http404(_("Nothing is live in this language to preview on."))
                context = article_context(request, article, language)
                context["ads"] = PageAds(
                    language=language,
                    section_id=article.section_id,
                    body_kinds=[block.kind for block in context["body"]],
                    preview=preview,
                )
                template = "articles/article_detail.html"
            context["preview"] = True
            response = render(request, template, context)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


@admin.register(DailyStat)
class DailyStatAdmin(admin.ModelAdmin):
    """The figures as a report to filter and sort; written only by the counters."""

    list_display = ["day", "creative", "impressions", "clicks", "ctr"]
    list_filter = ["creative__slots", "creative"]
    list_select_related = ["creative"]
    date_hierarchy = "day"

    @admin.display(description=_("CTR"))
    def ctr(self, row):
        return _ctr(row.impressions, row.clicks)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        counters.flush()
        return super().changelist_view(request, extra_context)


def booking_warnings(creative=None, at=None):
    """What an ad manager should fix: creatives that can never show, ended ones still switched
    on, images that do not fit their slots. For one creative, or for all that are not ended."""
    at = at or timezone.now()
    if creative is not None:
        creatives = [creative]
    else:
        recent = at - timedelta(days=30)
        creatives = list(
            Creative.objects.filter(is_active=True)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=recent))
            .prefetch_related("slots")
        )
    warnings = []
    for item in creatives:
        state = item.state(at)
        if item.is_active and state == Creative.State.ENDED:
            warnings.append(
                _("“%(name)s” ended on %(end)s but is still switched on.")
                % {"name": item, "end": timezone.localtime(item.ends_at).strftime("%Y-%m-%d %H:%M")}
            )
            continue
        if item.weight == 0 and state in (Creative.State.RUNNING, Creative.State.SCHEDULED):
            others = _overlapping(item)
            warnings.append(
                ngettext(
                    "“%(name)s” has weight 0: it will never be shown (%(count)d other booking "
                    "overlaps it in its slots).",
                    "“%(name)s” has weight 0: it will never be shown (%(count)d other bookings "
                    "overlap it in its slots).",
                    len(others),
                )
                % {"name": item, "count": len(others)}
            )
        if item.kind == Creative.Kind.IMAGE and item.image_width:
            for slot in item.slots.all():
                if not _fits(item.image_width, item.image_height, slot):
                    sizes = " / ".join(f"{w}×{h}" for w, h in sorted(slot.sizes()) if w)
                    warnings.append(
                        _(
                            "“%(name)s” is %(width)d×%(height)d px, but slot %(slot)s is "
                            "%(sizes)s: it will be scaled and may look wrong."
                        )
                        % {
                            "name": item,
                            "width": item.image_width,
                            "height": item.image_height,
                            "slot": slot.code,
                            "sizes": sizes,
                        }
                    )
    return warnings


def _fits(width, height, slot):
    """An image fits a slot if it has the size of one of the slot's breakpoints, or twice it
    (for sharp screens); elsewhere it is scaled to fit, keeping its proportions."""
    return any((width, height) in {(w, h), (2 * w, 2 * h)} for w, h in slot.sizes() if w)


def _overlapping(creative):
    """Other active bookings in the same slots whose dates overlap this one's."""
    others = Creative.objects.filter(is_active=True, slots__in=creative.slots.all()).exclude(
        pk=creative.pk
    )
    others = others.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=creative.starts_at))
    if creative.ends_at:
        others = others.filter(starts_at__lt=creative.ends_at)
    return list(others.distinct())
