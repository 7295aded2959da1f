"""Deliveries through a real RQ queue to a receiver on loopback: signed JSON of the API's
article, retried with back-off when the receiver fails or is slow, never twice, and never lost
when Redis is down."""

import hashlib
import hmac
import socket
import time

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from articles import services as article_services
from articles.api import ArticleDetail
from tests.factories import ArticleFactory, BlockFactory
from webhooks import queue, services, tasks
from webhooks.models import Delivery, Endpoint, Event

from .conftest import HANG

pytestmark = pytest.mark.django_db


def verify(secret: str, headers: dict, body: bytes, tolerance: int = 300) -> bool:
    """What a receiver does (the README's snippet): HMAC-SHA256 of "<timestamp>.<body>"."""
    timestamp = headers["x-newsroom-timestamp"]
    expected = (
        "sha256="
        + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    )
    fresh = abs(time.time() - int(timestamp)) <= tolerance
    return fresh and hmac.compare_digest(expected, headers["x-newsroom-signature"])


def publish(committed, **kwargs):
    article = ArticleFactory(**kwargs)
    BlockFactory(article=article, language="uk", text="<p>Перший абзац.</p>")
    committed(lambda: article_services.article_publish(article=article, language="uk"))
    return article


def test_a_publication_is_posted_as_signed_json_of_the_api_article(
    committed, receiver, rq_queue, client
):
    """The body carries the event, language, delivery id, a timestamp and the article exactly
    as the API returns it; the signature verifies with the endpoint's secret."""
    endpoint = Endpoint.objects.create(name="Partner", url=receiver.url)
    article = publish(committed)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.queued_at is not None
    rq_queue.work()

    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    assert verify(endpoint.secret, headers, body)
    assert not verify("whsec_another", headers, body)
    assert headers["content-type"].startswith("application/json")
    assert headers["x-newsroom-event"] == "published"
    assert headers["x-newsroom-delivery"] == str(delivery.pk)
    [sent] = receiver.bodies()
    assert sent["event"] == "published" and sent["language"] == "uk"
    assert sent["delivery"] == delivery.pk
    assert sent["timestamp"] == int(headers["x-newsroom-timestamp"])
    # The API's own representation, absolute URLs on the site's address.
    api = client.get(f"/api/v1/articles/{article.pk}", {"language": "uk"}).json()
    ArticleDetail.model_validate(sent["article"])
    assert sent["article"]["blocks"] == api["blocks"]
    assert sent["article"]["title"] == api["title"]
    assert sent["article"]["url"] == "https://news.example.org" + article.get_absolute_url("uk")
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert (delivery.attempts, delivery.response_code) == (1, 200)
    assert '"ok": true' in delivery.response_excerpt


def test_a_failing_then_slow_receiver_is_retried_until_it_recovers(committed, receiver, rq_queue):
    """500, then an answer slower than the timeout, then 200: three attempts with the back-off
    between them, each logged, and one delivery in the end."""
    Endpoint.objects.create(name="Flaky", url=receiver.url)
    receiver.script = [(500, False), (200, HANG)]
    publish(committed)
    delivery = Delivery.objects.get()

    rq_queue.work()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("pending", 1, 500)
    assert delivery.next_attempt_at > delivery.claimed_at

    rq_queue.wait_and_work()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("pending", 2, None)
    assert "timed out" in delivery.error
    receiver.release()

    rq_queue.wait_and_work()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 3, 200)
    assert [request["status"] for request in receiver.requests] == [500, 200, 200]
    # The same delivery each time, signed anew.
    assert {body["delivery"] for body in receiver.bodies()} == {delivery.pk}


def test_a_receiver_that_never_recovers_fails_after_the_last_attempt(
    committed, receiver, rq_queue, settings
):
    """At WEBHOOK_MAX_ATTEMPTS the delivery is failed, with no retry left queued."""
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    Endpoint.objects.create(name="Down", url=receiver.url)
    receiver.script = [(503, False)] * 5
    publish(committed)
    rq_queue.work()
    rq_queue.wait_and_work()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 2, 503)
    assert len(receiver.requests) == 2 and len(rq_queue) == 0


@pytest.mark.parametrize(("status", "final"), [(404, "failed"), (410, "failed"), (429, "pending")])
def test_a_refusal_is_final_but_too_many_requests_is_retried(
    committed, receiver, rq_queue, status, final
):
    """4xx means the receiver refuses this request: failed for good; 408 and 429 are retried."""
    Endpoint.objects.create(name="Strict", url=receiver.url)
    receiver.script = [(status, False)]
    publish(committed)
    rq_queue.work()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == (final, 1, status)


def test_a_job_run_twice_sends_once(committed, receiver, rq_queue):
    """Two workers (or a job queued twice) race for one attempt: the row is claimed by a
    conditional update, and only the claimer sends."""
    Endpoint.objects.create(name="Partner", url=receiver.url)
    publish(committed)
    delivery = Delivery.objects.get()
    queue.enqueue(delivery.pk)  # a second job for the same attempt
    rq_queue.work()
    assert tasks.deliver(delivery.pk) == "skipped"
    assert len(receiver.requests) == 1
    assert Delivery.objects.get().attempts == 1


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_redis_down_the_save_succeeds_and_the_sweep_sends_later(
    committed, receiver, rq_queue, settings
):
    """Redis unreachable at the save: the publication commits at once, the delivery waits in
    the database, and the every-minute sweep queues it when Redis is back."""
    Endpoint.objects.create(name="Partner", url=receiver.url)
    working = settings.WEBHOOK_QUEUE_URL
    settings.WEBHOOK_QUEUE_URL = f"redis://127.0.0.1:{closed_port()}/0"
    article = publish(committed)
    assert article.versions.get().is_live
    # Redis is left alone for REDIS_RETRY_SECONDS: the next saves do not wait on it at all.
    assert not queue.enqueue(Delivery.objects.get().pk)
    assert settings.WEBHOOK_QUEUE_URL in queue._down_until
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.queued_at is None
    # Still down: the sweep leaves it pending.
    assert services.sweep()["queued"] == 0

    settings.WEBHOOK_QUEUE_URL = working
    assert services.sweep()["queued"] == 1
    rq_queue.work()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED and len(receiver.requests) == 1


def test_without_a_queue_the_sweep_sends_due_deliveries_itself(committed, receiver):
    """No WEBHOOK_QUEUE_URL (the zero-setup `make run`): the worker's poll and run_jobs send
    from the database."""
    Endpoint.objects.create(name="Partner", url=receiver.url)
    publish(committed)
    assert Delivery.objects.get().queued_at is None
    assert services.sweep()["sent"] == 1
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED
    assert receiver.bodies()[0]["event"] == "published"


def test_an_attempt_whose_worker_died_is_made_pending_again(receiver, settings):
    """A row left "sending" by a killed worker is counted as an attempt and sent again."""
    endpoint = Endpoint.objects.create(name="Partner", url=receiver.url)
    long_ago = timezone.now() - timezone.timedelta(hours=1)
    delivery = Delivery.objects.create(
        endpoint=endpoint,
        event=Event.PING,
        occurred_at=long_ago,
        status=Delivery.Status.SENDING,
        attempts=1,
        claimed_at=long_ago,
        next_attempt_at=long_ago,
    )
    result = services.sweep()
    assert result["stuck"] == 1 and result["sent"] == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/hook", "http://partner.example.org/hook", "file:///etc/passwd"],
)
def test_only_https_or_loopback_http_is_ever_sent_to(url, receiver):
    """An address that slipped in (or http once allowed) is refused at sending time too."""
    endpoint = Endpoint.objects.create(name="Odd", url=url)
    now = timezone.now()
    delivery = Delivery.objects.create(
        endpoint=endpoint, event=Event.PING, occurred_at=now, next_attempt_at=now
    )
    delivery = tasks.attempt(delivery.pk)
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 1
    assert delivery.error and receiver.requests == []


def test_a_publication_waiting_for_a_retry_is_not_sent_once_the_story_left(
    committed, receiver, rq_queue, settings
):
    """Receiver down, then the story is trashed: the old "published" is never sent after the
    "unpublished" (a removed text would reach partners again), and says why in the log."""
    settings.WEBHOOK_RETRY_DELAYS = [600]  # the retry is made due by the test, not the clock
    Endpoint.objects.create(name="Partner", url=receiver.url)
    receiver.script = [(503, False)]
    article = publish(committed)
    rq_queue.work()
    committed(lambda: article_services.article_trash(article=article, by=None))
    rq_queue.work()
    Delivery.objects.filter(event="published").update(next_attempt_at=timezone.now())
    assert tasks.deliver(Delivery.objects.get(event="published").pk) == "failed"
    assert [body["event"] for body in receiver.bodies()] == ["published", "unpublished"]
    published = Delivery.objects.get(event="published")
    assert published.error == gettext("Not sent: the story is no longer on the site.")
    assert published.attempts == 2 and receiver.requests[0]["status"] == 503


def test_an_older_state_is_not_sent_after_a_newer_one_was_delivered(
    committed, receiver, rq_queue, settings
):
    """An "updated" delivered before a retried "published": the older one is not sent."""
    settings.WEBHOOK_RETRY_DELAYS = [600]  # the retry is made due by the test, not the clock
    endpoint = Endpoint.objects.create(name="Partner", url=receiver.url)
    receiver.script = [(503, False)]
    article = publish(committed)
    rq_queue.work()
    published = Delivery.objects.get()
    newer = Delivery.objects.create(
        endpoint=endpoint,
        event=Event.UPDATED,
        article=article,
        language="uk",
        payload={"id": article.pk},
        occurred_at=timezone.now(),
        next_attempt_at=timezone.now(),
    )
    assert tasks.deliver(newer.pk) == "delivered"
    Delivery.objects.filter(pk=published.pk).update(next_attempt_at=timezone.now())
    assert tasks.deliver(published.pk) == "failed"
    published.refresh_from_db()
    assert published.error == gettext("Not sent: a later state of the story was delivered already.")
    assert [request["status"] for request in receiver.requests] == [503, 200]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_an_endpoint_on_an_internal_network_is_refused_at_sending_time(receiver, settings, host):
    """Loopback, private and link-local addresses (a cloud's metadata service) are not sent
    to in production: the log says why, and the receiver gets nothing."""
    settings.WEBHOOK_ALLOW_INTERNAL = False
    endpoint = Endpoint.objects.create(name="Inside", url=receiver.url.replace("127.0.0.1", host))
    now = timezone.now()
    delivery = Delivery.objects.create(
        endpoint=endpoint, event=Event.PING, occurred_at=now, next_attempt_at=now
    )
    delivery = tasks.attempt(delivery.pk)
    assert delivery.status == Delivery.Status.FAILED and receiver.requests == []
    assert delivery.error == gettext(
        "Not sent: %(host)s is on an internal network (%(address)s)."
    ) % {"host": host, "address": delivery.error.rsplit("(", 1)[1].rstrip(").")}
    assert delivery.error.rsplit("(", 1)[1].rstrip(").") in ("127.0.0.1", "::1")


@pytest.mark.parametrize(
    ("address", "internal"),
    [("169.254.169.254", True), ("10.1.2.3", True), ("::1", True), ("8.8.8.8", False)],
)
def test_internal_addresses_are_told_from_public_ones(address, internal):
    """What counts as internal: link-local, private, loopback; a public address does not."""
    from webhooks.models import internal_address

    assert (internal_address(address) is not None) is internal
