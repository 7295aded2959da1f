"""Webhook endpoints of partners and of the newsroom's own channels, and the log of what was
sent to them (README "Webhooks").

A Delivery row is written after the change commits (the outbox), then sent by the queue's
worker: the row, not the queue, is the truth, so a lost job or a Redis outage delays a delivery
but never loses it (`deliver_webhooks` sends again what is due).
"""

import ipaddress
import secrets
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.fields import HttpsURLField
from articles.models import Article, Language, Section

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def internal_address(host: str) -> str | None:
    """The first address `host` resolves to outside the public internet (loopback, a private
    network, link-local — where clouds answer with their machines' credentials —, reserved), or
    None. An endpoint there would make the worker a way into the newsroom's own network, with the
    answer shown in the delivery log."""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return None  # not resolvable: the attempt fails by itself, and is retried
    for *_rest, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if not address.is_global:
            return str(address)
    return None


def validate_endpoint_url(url: str) -> None:
    """https only; plain http just to this machine, and only where WEBHOOK_ALLOW_HTTP is on
    (development and tests). Checked again before every send, should the setting change."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname:
        if settings.WEBHOOK_ALLOW_HTTP and is_loopback(parts.hostname):
            return
        raise ValidationError(
            _("Use an https:// address: deliveries carry a signature, not secrecy."),
            code="https_required",
        )
    raise ValidationError(_("Enter an https:// address."), code="bad_scheme")


class Event(models.TextChoices):
    PUBLISHED = "published", _("Published")
    UPDATED = "updated", _("Updated")
    UNPUBLISHED = "unpublished", _("Unpublished")
    # The "Send test" button's; never sent for content.
    PING = "ping", _("Test (ping)")


CONTENT_EVENTS = [Event.PUBLISHED, Event.UPDATED, Event.UNPUBLISHED]


def all_content_events():
    return [str(event) for event in CONTENT_EVENTS]


class Endpoint(models.Model):
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Who receives it, e.g. “Telegram bot” or “Partner app”: shown in the log."),
    )
    url = HttpsURLField(
        _("address"),
        max_length=500,
        validators=[validate_endpoint_url],
        help_text=_("The https:// address each event is POSTed to, as JSON."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        editable=False,
        help_text=_(
            "The receiver checks each delivery's X-Newsroom-Signature with it. Made by the "
            "site; give it to the receiver's owner, and rotate it if it leaks."
        ),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Only events of these language versions; none ticked means all."),
    )
    sections = models.ManyToManyField(
        Section,
        verbose_name=_("sections"),
        blank=True,
        related_name="+",
        help_text=_("Only articles of these sections; none chosen means all."),
    )
    events = models.JSONField(
        _("events"),
        default=all_content_events,
        help_text=_("Which events are sent."),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to stop sending without losing the settings (tests still go)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        # The name, never the address: it may hold a token (Telegram's do), and the log is
        # shown to editors.
        return self.name

    def get_absolute_url(self):
        return reverse("admin:webhooks_endpoint_change", args=[self.pk])

    def wants(self, *, event: str, language: str, section_id: int, section_ids) -> bool:
        """Whether this endpoint takes `event` of an article of `section_id` in `language`;
        `section_ids` are its sections (prefetched by the caller)."""
        return (
            self.active
            and event in self.events
            and (not self.languages or language in self.languages)
            and (not section_ids or section_id in section_ids)
        )


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        Endpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for a test, or when the article was deleted since."),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    payload = models.JSONField(
        _("article as sent"),
        default=dict,
        blank=True,
        help_text=_("The article's API representation when the event happened."),
    )
    content_digest = models.CharField(
        _("content digest"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Of the article as sent: an edit that changes nothing here sends nothing."),
    )
    occurred_at = models.DateTimeField(_("event time"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        null=True,
        blank=True,
        help_text=_("When a pending delivery is (re)sent."),
    )
    queued_at = models.DateTimeField(
        _("queued"),
        null=True,
        blank=True,
        help_text=_("When it was last handed to the queue; empty while Redis was unreachable."),
    )
    claimed_at = models.DateTimeField(
        _("attempt started"),
        null=True,
        blank=True,
        help_text=_("When the current or last attempt started."),
    )
    response_code = models.PositiveSmallIntegerField(
        _("response code"), null=True, blank=True, help_text=_("Of the last attempt.")
    )
    response_excerpt = models.TextField(
        _("response"), blank=True, help_text=_("The start of the last answer's body.")
    )
    error = models.TextField(_("error"), blank=True, help_text=_("Why the last attempt failed."))
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            # The sweep's question: pending ones that are due.
            models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx"),
            # The last content sent for an article's language (the "updated" comparison).
            models.Index(fields=["article", "language", "-id"], name="webhook_article_idx"),
        ]

    def __str__(self):
        return f"{self.get_event_display()} → {self.endpoint} #{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:webhooks_delivery_change", args=[self.pk])
