"""Webhook state changes: events recorded as deliveries (the outbox), each attempt claimed and
finished, the sweep, and the admins' actions (send a test, rotate a secret, retry now).

Keyword arguments only. `by` is the admin doing it (checked, and written to the admin's log);
the system's own calls (signals, the worker, the sweep) pass none.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, LanguageVersion

from . import payloads, queue
from .models import Delivery, Endpoint, Event, new_secret

logger = logging.getLogger(__name__)

# Answers that will not change by asking again: the receiver refuses this request itself.
RETRYABLE_4XX = {408, 425, 429}


# --- events -----------------------------------------------------------------------------------


def _active():
    """Active endpoints with their sections: one query when there are none (most saves)."""
    return list(Endpoint.objects.filter(active=True).prefetch_related("sections"))


def _matching(found, event, *, language, section_id):
    return [
        endpoint
        for endpoint in found
        if endpoint.wants(
            event=event,
            language=language,
            section_id=section_id,
            section_ids={section.pk for section in endpoint.sections.all()},
        )
    ]


def record_event(*, event: str, version: LanguageVersion) -> list[Delivery]:
    """One delivery per endpoint that wants `event` of this language version, then queued.

    Called after the change committed. "updated" is only sent if the article as the API shows
    it in that language changed since what was last sent for it (an edit of another language
    changes the article's save time only)."""
    found = _active()
    if not found:
        return []
    article = Article.objects.filter(pk=version.article_id).first()
    if article is None:
        return []
    endpoints = _matching(found, event, language=version.language, section_id=article.section_id)
    if not endpoints:
        return []
    if event == Event.UNPUBLISHED:
        payload = payloads.gone_payload(article, version.language)
        content = ""
    else:
        payload = payloads.article_payload(article.pk, version.language)
        if payload is None:
            # Left the site again before this ran: its "unpublished" follows.
            return []
        content = payloads.digest(payload)
        if event == Event.UPDATED and content == _last_content(article.pk, version.language):
            return []
    now = timezone.now()
    rows = Delivery.objects.bulk_create(
        Delivery(
            endpoint=endpoint,
            event=event,
            article=article,
            language=version.language,
            payload=payload,
            content_digest=content,
            occurred_at=now,
            next_attempt_at=now,
        )
        for endpoint in endpoints
    )
    if not all(row.pk for row in rows):
        # Databases that do not return ids from a bulk insert (none of ours, today).
        rows = list(Delivery.objects.filter(article=article, occurred_at=now, event=event))
    _queue(rows)
    return rows


def _last_content(article_id, language) -> str:
    return (
        Delivery.objects.filter(
            article_id=article_id,
            language=language,
            event__in=[Event.PUBLISHED, Event.UPDATED],
        )
        .order_by("-id")
        .values_list("content_digest", flat=True)
        .first()
        or ""
    )


def _queue(rows) -> None:
    queued = [row.pk for row in rows if queue.enqueue(row.pk)]
    if queued:
        Delivery.objects.filter(pk__in=queued).update(queued_at=timezone.now())


def content_changed(*, article_id: int, languages, since) -> list[Delivery]:
    """The article's text or shared parts were saved: "updated" for each of `languages` (None:
    all) whose version was live, and had gone live, before `since` (the change's first save).
    A version that went live in the same save sends "published" instead."""
    if not Endpoint.objects.filter(active=True).exists():
        return []
    versions = LanguageVersion.objects.live().filter(article_id=article_id, went_live_at__lt=since)
    if languages is not None:
        versions = versions.filter(language__in=languages)
    sent = []
    for version in versions:
        sent += record_event(event=Event.UPDATED, version=version)
    return sent


# --- attempts ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    code: int | None = None
    excerpt: str = ""
    error: str = ""
    # Asking again cannot help (the address is not allowed).
    final: bool = False

    @property
    def delivered(self):
        return self.code is not None and 200 <= self.code < 300

    @property
    def retryable(self):
        if self.final:
            return False
        if self.code is None:
            return True  # network error, timeout, refused
        return self.code >= 500 or self.code in RETRYABLE_4XX


def claim(delivery_id: int) -> Delivery | None:
    """Start an attempt, if this caller is the one: a conditional UPDATE, so two workers, a
    job queued twice or a job next to the sweep never send one attempt twice."""
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now
    ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    if not claimed:
        return None
    return Delivery.objects.select_related("endpoint").get(pk=delivery_id)


def outdated(delivery: Delivery) -> str:
    """Why this article delivery must no longer be sent, or "": its story left the site (an
    old "published" would bring a removed text back to partners), or a later state of it was
    delivered already (an older one would overwrite it)."""
    if delivery.event not in (Event.PUBLISHED, Event.UPDATED):
        return ""
    article_id, language = delivery.article_id, delivery.language
    if not LanguageVersion.objects.live().filter(article_id=article_id, language=language).exists():
        return _("Not sent: the story is no longer on the site.")
    newer = Delivery.objects.filter(
        endpoint_id=delivery.endpoint_id,
        article_id=article_id,
        language=language,
        event__in=[Event.PUBLISHED, Event.UPDATED],
        status=Delivery.Status.DELIVERED,
        pk__gt=delivery.pk,
    )
    if newer.exists():
        return _("Not sent: a later state of the story was delivered already.")
    return ""


def retry_delay(attempts: int) -> float:
    delays = settings.WEBHOOK_RETRY_DELAYS or [60]
    return delays[min(attempts, len(delays)) - 1]


def finish(*, delivery: Delivery, outcome: Outcome) -> Delivery:
    """Record the attempt's result: delivered, a retry later (with back-off), or failed."""
    now = timezone.now()
    fields = {
        "response_code": outcome.code,
        "response_excerpt": outcome.excerpt,
        "error": outcome.error,
        "next_attempt_at": None,
    }
    delay = None
    if outcome.delivered:
        fields.update(status=Delivery.Status.DELIVERED, delivered_at=now)
    elif outcome.retryable and delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS:
        delay = retry_delay(delivery.attempts)
        fields.update(
            status=Delivery.Status.PENDING, next_attempt_at=now + timedelta(seconds=delay)
        )
    else:
        fields.update(status=Delivery.Status.FAILED)
    # Only the attempt this caller claimed (the sweep may have given up on it meanwhile).
    Delivery.objects.filter(
        pk=delivery.pk, status=Delivery.Status.SENDING, attempts=delivery.attempts
    ).update(**fields)
    if delay is not None and queue.enqueue(delivery.pk, delay=delay):
        Delivery.objects.filter(pk=delivery.pk).update(queued_at=now)
    delivery.refresh_from_db()
    return delivery


# --- the sweep --------------------------------------------------------------------------------


def sweep(*, budget: float = 20.0) -> dict[str, int]:
    """Every minute (`run_jobs`) and, without a queue, every few seconds (the worker):

    - an attempt whose worker died mid-way is counted and made pending (or failed) again;
    - due deliveries never queued (Redis was down) or queued long ago (the job was lost) are
      queued now; without a queue they are sent here, for at most `budget` seconds.
    """
    from .tasks import attempt

    now = timezone.now()
    stuck_before = now - timedelta(seconds=settings.WEBHOOK_TIMEOUT * 3 + 60)
    stuck = Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=stuck_before)
    failed = stuck.filter(attempts__gte=settings.WEBHOOK_MAX_ATTEMPTS).update(
        status=Delivery.Status.FAILED, error=_("The attempt never finished.")
    )
    revived = stuck.update(
        status=Delivery.Status.PENDING, next_attempt_at=now, error=_("The attempt never finished.")
    )
    due = Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
    result = {"stuck": failed + revived, "queued": 0, "sent": 0, "pending": 0}
    if queue.configured():
        overdue = now - timedelta(seconds=settings.WEBHOOK_REQUEUE_SECONDS)
        ids = list(
            # Queued long ago and still due: the job was lost (a worker behind is not).
            due.filter(
                Q(queued_at__isnull=True) | Q(next_attempt_at__lte=overdue, queued_at__lt=overdue)
            )
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:1000]
        )
        queued = [pk for pk in ids if queue.enqueue(pk)]
        if queued:
            Delivery.objects.filter(pk__in=queued).update(queued_at=now)
        result["queued"] = len(queued)
    else:
        deadline = time.monotonic() + budget
        for pk in due.order_by("next_attempt_at").values_list("pk", flat=True)[:100]:
            if time.monotonic() > deadline:
                break
            result["sent"] += attempt(pk) is not None
    result["pending"] = Delivery.objects.filter(status=Delivery.Status.PENDING).count()
    return result


# --- the admins' actions ----------------------------------------------------------------------


def _require(by, permission):
    if by is not None and not by.has_perm(permission):
        raise PermissionDenied(_("Only admins manage webhooks."))


def _log(by, queryset, message):
    if by is not None:
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=queryset,
            action_flag=CHANGE,
            change_message=message,
            single_object=queryset.count() == 1,
        )


def send_test(*, endpoint: Endpoint, by=None) -> Delivery:
    """A `ping` to the endpoint (active or not), queued like any delivery; its result shows in
    the log."""
    _require(by, "webhooks.change_endpoint")
    now = timezone.now()
    delivery = Delivery.objects.create(
        endpoint=endpoint, event=Event.PING, payload={}, occurred_at=now, next_attempt_at=now
    )
    _log(by, Endpoint.objects.filter(pk=endpoint.pk), "Sent a test delivery")
    transaction.on_commit(lambda: _queue([delivery]), robust=True)
    return delivery


def rotate_secret(*, endpoint: Endpoint, by=None) -> str:
    """A new signing secret; deliveries from now on are signed with it."""
    _require(by, "webhooks.change_endpoint")
    endpoint.secret = new_secret()
    Endpoint.objects.filter(pk=endpoint.pk).update(secret=endpoint.secret)
    _log(by, Endpoint.objects.filter(pk=endpoint.pk), "Rotated the signing secret")
    return endpoint.secret


def retry_now(*, deliveries, by=None) -> int:
    """Failed deliveries are sent once more, now (their back-off is over: one attempt)."""
    _require(by, "webhooks.change_delivery")
    now = timezone.now()
    ids = list(deliveries.filter(status=Delivery.Status.FAILED).values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=ids, status=Delivery.Status.FAILED).update(
        status=Delivery.Status.PENDING, next_attempt_at=now, queued_at=None
    )
    _log(by, Delivery.objects.filter(pk__in=ids), "Retry now")
    rows = list(Delivery.objects.filter(pk__in=ids))
    transaction.on_commit(lambda: _queue(rows), robust=True)
    return len(ids)
