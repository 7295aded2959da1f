"""Webhooks in the admin: endpoints (admins only: their addresses and secrets are keys to
partners' systems) and the delivery log (admins; editors may read it, articles/roles.py)."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Language

from . import services
from .models import CONTENT_EVENTS, Delivery, Endpoint


class EndpointForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only events of these language versions; none ticked means all."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=[(str(event), event.label) for event in CONTENT_EVENTS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Published: a language version goes live (a scheduled one at its time). Updated: "
            "a live version's text is saved again. Unpublished: it leaves the site."
        ),
    )

    class Meta:
        model = Endpoint
        fields = ["name", "url", "active", "events", "languages", "sections"]
        widgets = {"sections": forms.CheckboxSelectMultiple}


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "active", "event_list", "log_link"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    readonly_fields = ["secret_shown", "created_at", "updated_at"]
    change_form_template = "admin/webhooks/endpoint/change_form.html"

    def get_fieldsets(self, request, obj=None):
        main = (None, {"fields": ["name", "url", "active", "events", "languages", "sections"]})
        if obj is None:
            return [main]
        return [main, (_("Signing"), {"fields": ["secret_shown", "created_at", "updated_at"]})]

    @admin.display(description=_("signing secret"))
    def secret_shown(self, obj):
        return format_html("<code>{}</code>", obj.secret)

    @admin.display(description=_("events"))
    def event_list(self, obj):
        return ", ".join(obj.events)

    @admin.display(description=_("delivery log"))
    def log_link(self, obj):
        url = reverse("admin:webhooks_delivery_changelist") + f"?endpoint__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Deliveries"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/send-test/",
                self.admin_site.admin_view(self.send_test_view),
                name="webhooks_endpoint_send_test",
            ),
            path(
                "<int:pk>/rotate-secret/",
                self.admin_site.admin_view(self.rotate_secret_view),
                name="webhooks_endpoint_rotate_secret",
            ),
            *super().get_urls(),
        ]

    def _endpoint_for_post(self, request, pk):
        if request.method != "POST":
            return None
        endpoint = get_object_or_404(Endpoint, pk=pk)
        if not self.has_change_permission(request, endpoint):
            raise PermissionDenied
        return endpoint

    def send_test_view(self, request, pk):
        endpoint = self._endpoint_for_post(request, pk)
        if endpoint is None:
            return HttpResponseNotAllowed(["POST"])
        delivery = services.send_test(endpoint=endpoint, by=request.user)
        self.message_user(
            request,
            _("A test is on its way to “%(name)s”: its result shows in the delivery log.")
            % {"name": endpoint.name},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:webhooks_delivery_change", args=[delivery.pk]))

    def rotate_secret_view(self, request, pk):
        endpoint = self._endpoint_for_post(request, pk)
        if endpoint is None:
            return HttpResponseNotAllowed(["POST"])
        services.rotate_secret(endpoint=endpoint, by=request.user)
        self.message_user(
            request,
            _(
                "New signing secret for “%(name)s”: give it to the receiver now, the old one no "
                "longer verifies."
            )
            % {"name": endpoint.name},
            messages.WARNING,
        )
        return HttpResponseRedirect(reverse("admin:webhooks_endpoint_change", args=[endpoint.pk]))


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "endpoint_name",
        "event",
        "article_title",
        "language",
        "status",
        "attempts",
        "response_code",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "language", "endpoint"]
    list_select_related = ["endpoint", "article"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    fields = [
        "endpoint_name",
        "event",
        "article_link",
        "language",
        "status",
        "attempts",
        "occurred_at",
        "claimed_at",
        "next_attempt_at",
        "delivered_at",
        "response_code",
        "response_excerpt",
        "error",
        "payload_shown",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The log is read-only; "Retry now" is the one change, for those who may make it.
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_actions(self, request):
        found = super().get_actions(request)
        if not request.user.has_perm("webhooks.change_delivery"):
            found.pop("retry_now", None)
        return found

    @admin.display(description=_("endpoint"), ordering="endpoint__name")
    def endpoint_name(self, obj):
        # Its name only: the address may carry a token, and editors read this log.
        return obj.endpoint.name

    @admin.display(description=_("article"))
    def article_title(self, obj):
        if obj.article is None:
            return "—"
        return obj.article.title_in(obj.language) or str(obj.article)

    @admin.display(description=_("article"))
    def article_link(self, obj):
        if obj.article is None:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, self.article_title(obj))

    @admin.display(description=_("article as sent"))
    def payload_shown(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.payload, ensure_ascii=False, indent=2))

    @admin.action(description=_("Retry now"))
    def retry_now(self, request, queryset):
        count = services.retry_now(deliveries=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d failed delivery is sent again.",
                "%(count)d failed deliveries are sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
