"""The queue's job: one attempt at one delivery, an HTTP POST with a timeout."""

import logging
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils.translation import gettext as _

from . import payloads, services
from .models import Delivery, internal_address, validate_endpoint_url

logger = logging.getLogger(__name__)

EXCERPT_CHARS = 1000
READ_BYTES = 16 * 1024


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as itself (a failure): the admin registered this address, not
    wherever it points to."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def deliver(delivery_id: int) -> str:
    """The RQ job. Safe to run twice, or next to the sweep: only the one that claims the row
    sends."""
    fresh = not connection.in_atomic_block
    if fresh:
        # A worker lives for days: a connection broken by a database restart is replaced.
        close_old_connections()
    try:
        delivery = attempt(delivery_id)
    finally:
        if fresh:
            close_old_connections()
    return "skipped" if delivery is None else delivery.status


def attempt(delivery_id: int) -> Delivery | None:
    """Claim, send, record. None if another worker has it or it is not due."""
    delivery = services.claim(delivery_id)
    if delivery is None:
        return None
    outcome = send(delivery)
    delivery = services.finish(delivery=delivery, outcome=outcome)
    logger.info(
        "webhook delivery=%s endpoint=%s event=%s attempt=%s status=%s code=%s %s",
        delivery.pk,
        delivery.endpoint_id,
        delivery.event,
        delivery.attempts,
        delivery.status,
        outcome.code,
        outcome.error,
    )
    return delivery


def send(delivery: Delivery) -> services.Outcome:
    endpoint = delivery.endpoint
    try:
        validate_endpoint_url(endpoint.url)
    except ValidationError as error:
        return services.Outcome(error=" ".join(error.messages), final=True)
    host = urllib.parse.urlsplit(endpoint.url).hostname
    internal = None if settings.WEBHOOK_ALLOW_INTERNAL else internal_address(host)
    if internal:
        return services.Outcome(
            error=_("Not sent: %(host)s is on an internal network (%(address)s).")
            % {"host": host, "address": internal},
            final=True,
        )
    reason = services.outdated(delivery)
    if reason:
        return services.Outcome(error=reason, final=True)
    timestamp = int(time.time())
    raw = payloads.body(delivery, timestamp)
    request = urllib.request.Request(
        endpoint.url, data=raw, method="POST", headers=payloads.headers(delivery, timestamp, raw)
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            return services.Outcome(code=response.status, excerpt=_excerpt(response))
    except urllib.error.HTTPError as error:
        # 3xx, 4xx and 5xx answers: a response all the same, with its body.
        with error:
            return services.Outcome(
                code=error.code, excerpt=_excerpt(error), error=f"HTTP {error.code}"
            )
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return services.Outcome(code=None, error=f"{type(reason).__name__}: {reason}"[:1000])


def _excerpt(response) -> str:
    try:
        data = response.read(READ_BYTES)
    except OSError:
        return ""
    return data.decode("utf-8", "replace")[:EXCERPT_CHARS]
