"""The webhooks admin: endpoints (admins only) with their secret, "Send test" and "Rotate
secret"; the delivery log (admins, read by editors) with "Retry now"."""

import hashlib
import hmac

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone

from articles import roles
from tests.factories import SectionFactory, member
from tests.forms import form_data
from webhooks.models import Delivery, Endpoint, Event

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/webhooks/endpoint/add/"
LOG_URL = "/admin/webhooks/delivery/"


def change_url(endpoint):
    return f"/admin/webhooks/endpoint/{endpoint.pk}/change/"


def test_an_admin_registers_an_endpoint_and_sees_its_secret(admin_client):
    """Name, address, events, languages and sections in one form; the site makes the
    secret, shown on the endpoint's page."""
    section = SectionFactory()
    response = admin_client.post(
        ADD_URL,
        {
            "name": "Telegram bot",
            "url": "https://bot.example.org/hook",
            "active": "on",
            "events": ["published", "unpublished"],
            "languages": ["uk", "en"],
            "sections": [section.pk],
        },
    )
    assert response.status_code == 302
    endpoint = Endpoint.objects.get()
    assert endpoint.events == ["published", "unpublished"]
    assert endpoint.languages == ["uk", "en"]
    assert list(endpoint.sections.all()) == [section]
    assert endpoint.secret.startswith("whsec_") and len(endpoint.secret) > 40
    page = admin_client.get(change_url(endpoint)).content.decode()
    assert endpoint.secret in page
    assert f"/admin/webhooks/endpoint/{endpoint.pk}/send-test/" in page


@pytest.mark.parametrize(
    ("url", "allow_http", "ok"),
    [
        ("https://partner.example.org/hook", False, True),
        ("http://partner.example.org/hook", True, False),
        ("http://127.0.0.1:9000/hook", True, True),
        ("http://127.0.0.1:9000/hook", False, False),
        ("ftp://partner.example.org/hook", True, False),
    ],
)
def test_only_https_addresses_or_loopback_http_where_allowed(
    admin_client, settings, url, allow_http, ok
):
    """Production requires https; WEBHOOK_ALLOW_HTTP admits http to this machine only."""
    settings.WEBHOOK_ALLOW_HTTP = allow_http
    response = admin_client.post(ADD_URL, {"name": "P", "url": url, "events": ["published"]})
    assert Endpoint.objects.exists() is ok
    if not ok:
        assert response.status_code == 200 and response.context["errors"]


def test_send_test_queues_a_ping_whose_result_shows_in_the_log(
    admin_client, receiver, rq_queue, committed
):
    """The button posts, a signed `ping` is queued and sent, and the log shows the answer."""
    endpoint = Endpoint.objects.create(name="Partner", url=receiver.url, active=False)
    assert admin_client.get(f"/admin/webhooks/endpoint/{endpoint.pk}/send-test/").status_code == 405
    response = committed(
        lambda: admin_client.post(f"/admin/webhooks/endpoint/{endpoint.pk}/send-test/")
    )
    delivery = Delivery.objects.get()
    assert response.status_code == 302 and response.url == f"{LOG_URL}{delivery.pk}/change/"
    assert delivery.event == Event.PING
    rq_queue.work()
    [request] = receiver.requests
    timestamp = request["headers"]["x-newsroom-timestamp"]
    expected = hmac.new(
        endpoint.secret.encode(), f"{timestamp}.".encode() + request["body"], hashlib.sha256
    ).hexdigest()
    assert request["headers"]["x-newsroom-signature"] == f"sha256={expected}"
    assert receiver.bodies()[0]["event"] == "ping"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_code) == (Delivery.Status.DELIVERED, 200)
    page = admin_client.get(f"{LOG_URL}{delivery.pk}/change/").content.decode()
    assert str(Delivery.Status.DELIVERED.label) in page and "200" in page
    assert LogEntry.objects.filter(object_id=str(endpoint.pk)).exists()


def test_rotating_the_secret_signs_with_a_new_one(admin_client):
    """The old secret no longer appears; the change is in the admin's log."""
    endpoint = Endpoint.objects.create(name="Partner", url="https://p.example.org/")
    old = endpoint.secret
    response = admin_client.post(f"/admin/webhooks/endpoint/{endpoint.pk}/rotate-secret/")
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")
    assert old not in admin_client.get(change_url(endpoint)).content.decode()


def failed_delivery(endpoint):
    now = timezone.now()
    return Delivery.objects.create(
        endpoint=endpoint,
        event=Event.PING,
        occurred_at=now,
        status=Delivery.Status.FAILED,
        attempts=4,
        response_code=500,
        error="HTTP 500",
    )


def test_retry_now_sends_failed_deliveries_again(admin_client, receiver, rq_queue, committed):
    """The log's action makes failed deliveries pending and queues them; one attempt more."""
    endpoint = Endpoint.objects.create(name="Partner", url=receiver.url)
    delivery = failed_delivery(endpoint)
    log = admin_client.get(LOG_URL)
    assert log.status_code == 200 and "Partner" in log.content.decode()
    response = committed(
        lambda: admin_client.post(
            LOG_URL, {"action": "retry_now", "_selected_action": [delivery.pk]}
        )
    )
    assert response.status_code == 302
    rq_queue.work()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 5, 200)


@pytest.fixture
def staff():
    def login(role):
        client = Client()
        client.force_login(member(role, f"user-{role}".replace(" ", "-")))
        return client

    return login


def test_editors_read_the_log_but_not_the_endpoints(staff):
    """Editors see which partner got which story, by the endpoint's name (its address may
    hold a token); endpoints, tests, secrets and retries are the admins'."""
    endpoint = Endpoint.objects.create(
        name="Telegram bot", url="https://api.example.org/bot123456:SECRET-TOKEN/hook"
    )
    delivery = failed_delivery(endpoint)
    editor = staff(roles.EDITORS)
    log = editor.get(LOG_URL)
    assert log.status_code == 200
    assert "Telegram bot" in log.content.decode()
    assert "retry_now" not in log.content.decode()
    detail = editor.get(f"{LOG_URL}{delivery.pk}/change/").content.decode()
    assert "Telegram bot" in detail and "SECRET-TOKEN" not in detail
    assert endpoint.secret not in detail
    assert editor.get("/admin/webhooks/endpoint/").status_code == 403
    assert editor.get(change_url(endpoint)).status_code == 403
    assert editor.post(f"/admin/webhooks/endpoint/{endpoint.pk}/send-test/").status_code == 403
    assert editor.post(f"/admin/webhooks/endpoint/{endpoint.pk}/rotate-secret/").status_code == 403
    editor.post(LOG_URL, {"action": "retry_now", "_selected_action": [delivery.pk]})
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert not Delivery.objects.filter(event=Event.PING).exclude(pk=delivery.pk).exists()


@pytest.mark.parametrize("role", [roles.JOURNALISTS, roles.AD_MANAGERS])
def test_journalists_and_ad_managers_see_no_webhooks(staff, role):
    """Neither the log nor the endpoints."""
    endpoint = Endpoint.objects.create(name="Partner", url="https://p.example.org/")
    failed_delivery(endpoint)
    client = staff(role)
    assert client.get(LOG_URL).status_code == 403
    assert client.get("/admin/webhooks/endpoint/").status_code == 403
    assert client.post(f"/admin/webhooks/endpoint/{endpoint.pk}/send-test/").status_code == 403


def test_the_endpoint_form_keeps_what_was_typed_on_an_error(admin_client):
    """A refused address comes back with the name and choices as typed."""
    response = admin_client.post(
        ADD_URL, {"name": "Partner app", "url": "gopher://x", "events": ["updated"]}
    )
    fields = form_data(response)
    assert fields["name"] == "Partner app" and fields["url"] == "gopher://x"
    assert fields["events"] == "updated"
