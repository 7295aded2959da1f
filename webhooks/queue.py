"""The RQ queue on the site's Redis, used so that nothing waits for it.

Enqueuing happens after a save commits, in the editor's request: a Redis that is down answers
"no" within REDIS_TIMEOUT, and is then left alone for REDIS_RETRY_SECONDS (as the cache is,
newsroom/cache.py). The delivery row stays pending and `deliver_webhooks` queues it later.
"""

import logging
import math
import time
from datetime import UTC, datetime

from django.conf import settings
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

logger = logging.getLogger(__name__)

JOB = "webhooks.tasks.deliver"
# Per queue address: when Redis may be tried again after it failed.
_down_until: dict[str, float] = {}


def configured() -> bool:
    return bool(settings.WEBHOOK_QUEUE_URL)


def connection(url: str | None = None, *, for_worker: bool = False) -> Redis:
    if for_worker:
        # A worker blocks on the queue for minutes: no read timeout, a health check instead.
        return Redis.from_url(
            url or settings.WEBHOOK_QUEUE_URL, socket_connect_timeout=5, health_check_interval=30
        )
    return Redis.from_url(
        url or settings.WEBHOOK_QUEUE_URL,
        socket_connect_timeout=settings.REDIS_TIMEOUT,
        socket_timeout=settings.REDIS_TIMEOUT,
    )


def get_queue(conn: Redis | None = None) -> Queue:
    return Queue(settings.WEBHOOK_QUEUE_NAME, connection=conn or connection())


def enqueue(delivery_id: int, *, delay: float = 0) -> bool:
    """Hand one delivery to the queue (in `delay` seconds); False if there is no queue or Redis
    is unreachable, which the caller treats as "the sweep will do it"."""
    url = settings.WEBHOOK_QUEUE_URL
    if not url or _down_until.get(url, 0) > time.monotonic():
        return False
    options = {
        # The job only claims the row and makes one HTTP request.
        "job_timeout": int(settings.WEBHOOK_TIMEOUT * 3 + 30),
        "result_ttl": 3600,
        "failure_ttl": 7 * 86400,
    }
    try:
        queue = get_queue()
        if delay > 0:
            # RQ's scheduler counts whole seconds, rounding down: rounded up here, the job
            # never runs before its row is due (it would find nothing to claim).
            at = datetime.fromtimestamp(math.ceil(time.time() + delay), tz=UTC)
            queue.enqueue_at(at, JOB, delivery_id, **options)
        else:
            queue.enqueue(JOB, delivery_id, **options)
    except RedisError as error:
        _down_until[url] = time.monotonic() + settings.REDIS_RETRY_SECONDS
        logger.warning("Webhook queue unreachable (%s): delivery %s waits", error, delivery_id)
        return False
    _down_until.pop(url, None)
    return True
