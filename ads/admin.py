"""The ad team's admin: slots, bookings with their figures, warnings and a preview on a real page.

Reached only with the ads permissions (the "Ad managers" group of articles/roles.py, and admins).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from redis.exceptions import RedisError

from articles.admin.uploads import StorageErrorsInForm
from articles.models import LANGUAGE_CODES, Article, Language
from articles.previews import render_preview
from articles.selectors import PAGE_SIZE, listing, recent_news
from articles.views import article_context

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
    return f"{width}×{height}"


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
            "image_wide",
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
class CreativeAdmin(StorageErrorsInForm, admin.ModelAdmin):
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

    def view_on_site(self, creative):
        # The advertiser's page itself: the creative's own address is the counted click
        # redirect, and opening it from the admin would count a click each time. (How the
        # creative looks in its slots: "slot previews" on the form.)
        return creative.link_url or None

    fieldsets = [
        (None, {"fields": ["name", "slots", "kind", "is_active", "is_house", "weight"]}),
        (_("When (Kyiv time)"), {"fields": ["starts_at", "ends_at"]}),
        (_("Who sees it"), {"fields": ["languages", "sections"]}),
        (
            _("Image"),
            {"fields": ["image", "image_wide", "image_preview", "alt_text", "link_url"]},
        ),
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

    @admin.display(description=_("images as uploaded"))
    def image_preview(self, creative):
        images = [
            (image.url, width, height)
            for image, width, height in (
                (creative.image, creative.image_width, creative.image_height),
                (creative.image_wide, creative.image_wide_width, creative.image_wide_height),
            )
            if image
        ]
        if not images:
            return "—"
        return format_html_join(
            " ",
            '<figure class="creative-image">'
            '<img src="{}" alt="">'
            "<figcaption>{}×{} px</figcaption></figure>",
            images,
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
            # An SVG's width attribute, not a style attribute: the admin allows none (CSP).
            '<td><svg class="ad-bar" width="{}" height="10" aria-hidden="true">'
            '<rect width="100%" height="100%"></rect></svg></td></tr>',
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
        # Only for those allowed in: a refused visitor must not get the figures written, nor
        # the warnings (campaign names) queued for their next page.
        if self.has_view_or_change_permission(request) and request.method == "GET":
            flush_for(request)
            for warning in booking_warnings():
                messages.warning(request, warning)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        creative = self.get_object(request, object_id)
        allowed = creative is not None and self.has_view_or_change_permission(request, creative)
        if allowed and request.method == "GET":
            flush_for(request)
            for warning in booking_warnings(creative):
                messages.warning(request, warning)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        # change_view asks twice (here and in Django's view): one query per request.
        cache = request.__dict__.setdefault("_creative_objects", {})
        if object_id not in cache:
            cache[object_id] = super().get_object(request, object_id, from_field)
        return cache[object_id]

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
            preview = (slot.code, preview_token(creative.pk, slot.code))
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
            # The same headers as every preview: private, no-store, noindex.
            return render_preview(request, template, context)


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
        if self.has_view_permission(request):
            flush_for(request)
        return super().changelist_view(request, extra_context)


def flush_for(request):
    """Bring the figures up to date before showing them; if Redis is down, say so and show
    what the database has."""
    try:
        counters.flush()
    except RedisError:
        messages.error(
            request,
            _("The counter store is unreachable: figures may miss the last minutes of views."),
        )


def booking_warnings(creative=None, at=None):
    """What an ad manager should fix: creatives that can never show, ended ones still switched
    on, images that do not fit their slots. For one creative, or for every active one; the
    active creatives are read once (two queries), whatever their number."""
    at = at or timezone.now()
    active = list(Creative.objects.filter(is_active=True).prefetch_related("slots"))
    creatives = active if creative is None else [creative]
    warnings = []
    for item in creatives:
        state = item.state(at)
        if item.is_active and state == Creative.State.ENDED:
            end = timezone.localtime(item.ends_at).strftime("%Y-%m-%d %H:%M")
            warnings.append(
                _("“%(name)s” ended on %(end)s but is still switched on.")
                % {"name": item, "end": end}
            )
            continue
        if item.weight == 0 and state in (Creative.State.RUNNING, Creative.State.SCHEDULED):
            others = [other for other in active if _overlap(item, other)]
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
        if item.kind == Creative.Kind.IMAGE:
            warnings += _size_warnings(item)
    return warnings


def _size_warnings(creative):
    """The phone image should have each slot's phone size, the wide image (or, without one,
    the phone image) the wide size — or twice the size, for sharp screens."""
    found = []
    phone = (creative.image_width, creative.image_height)
    wide = (creative.image_wide_width, creative.image_wide_height) if creative.image_wide else phone
    for slot in creative.slots.all():
        for image, size, where in (
            (phone, (slot.width, slot.height), _("on phones")),
            (wide, (slot.width_wide, slot.height_wide), _("on wide screens")),
        ):
            if image[0] and image not in {size, (2 * size[0], 2 * size[1])}:
                found.append(
                    _(
                        "“%(name)s”: the image is %(image)s px, but slot %(slot)s is %(size)s "
                        "px %(where)s: it will be scaled and may look wrong."
                    )
                    % {
                        "name": creative,
                        "image": "×".join(map(str, image)),
                        "slot": slot.code,
                        "size": "×".join(map(str, size)),
                        "where": where,
                    }
                )
    return found


def _overlap(creative, other):
    """Whether `other` is another booking sharing a slot with `creative` at some moment."""
    return (
        other.pk != creative.pk
        and {slot.pk for slot in other.slots.all()} & {slot.pk for slot in creative.slots.all()}
        and (other.ends_at is None or other.ends_at > creative.starts_at)
        and (creative.ends_at is None or other.starts_at < creative.ends_at)
    )
