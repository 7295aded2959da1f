"""What a delivery carries: the article as the API shows it (articles/api.py, the one
serialiser), wrapped with the event, and signed."""

import hashlib
import hmac
import json
from urllib.parse import urljoin

from django.conf import settings
from django.http import Http404

from articles.models import Article


class _SiteRequest:
    """What the API's serialiser asks of a request, for use outside one: absolute URLs on the
    site's public address."""

    def build_absolute_uri(self, location):
        return urljoin(settings.WEBHOOK_SITE_URL, location)


def article_payload(article_id: int, language: str) -> dict | None:
    """The article's `GET /api/v1/articles/<id>?language=` body, or None unless it is live in
    `language` (the API's own filter decides)."""
    from articles import api

    try:
        found = api.get_article(_SiteRequest(), article_id, language)
    except Http404:
        return None
    return api.ArticleDetail.model_validate(found).model_dump(mode="json")


def gone_payload(article: Article, language: str) -> dict:
    """An unpublished article is no longer in the API: its id, language and former address."""
    return {
        "id": article.pk,
        "language": language,
        "url": urljoin(settings.WEBHOOK_SITE_URL, article.get_absolute_url(language)),
    }


def digest(payload: dict) -> str:
    """Of what readers would see: the save time alone changes on every save, in every language
    of the article, and is left out."""
    content = {key: value for key, value in payload.items() if key != "updated_at"}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def body(delivery, timestamp: int) -> bytes:
    data = {
        "event": delivery.event,
        "delivery": delivery.pk,
        "timestamp": timestamp,
        "occurred_at": delivery.occurred_at.isoformat(),
        "language": delivery.language or None,
        "article": delivery.payload or None,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, timestamp: int, raw: bytes) -> str:
    """`sha256=` + hex HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's secret."""
    signed = str(timestamp).encode() + b"." + raw
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def headers(delivery, timestamp: int, raw: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"{settings.SITE_NAME} webhooks",
        "X-Newsroom-Event": delivery.event,
        "X-Newsroom-Delivery": str(delivery.pk),
        "X-Newsroom-Timestamp": str(timestamp),
        "X-Newsroom-Signature": signature(delivery.endpoint.secret, timestamp, raw),
    }
