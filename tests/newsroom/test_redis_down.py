"""Redis is optional at read time: with it stopped, pages, ads and the admin still answer, fast,
and the outage is logged once; when it is back, it is used again.

These tests run their own redis-server on a free port, which they stop and start; the shared one
(CI's, or the machine's on 6379) is never touched.
"""

import gc
import logging
import shutil
import socket
import subprocess
import threading
import time

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from ads import counters
from ads.serving import new_plan_version
from articles.context_processors import MENU_FRAGMENT
from newsroom import cache as resilient
from tests.factories import TagFactory, UserFactory, book, live_article, tag_article
from tests.forms import form_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]

# One cache call against a dead or silent Redis waits at most REDIS_TIMEOUT (0.25 s): generous
# for a loaded machine.
MAX_SECONDS = 1.5
# A whole page (the admin's change form is the heaviest) on a loaded CI machine can take seconds
# by itself; what this bound catches is a request waiting on Redis call after call (the breaker
# and the single short timeout are measured exactly by the tests further down).
PAGE_SECONDS = 6
RETRY_SECONDS = 0.3
DOWN = "Redis unreachable"
BACK = "reachable again"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throwaway redis-server without persistence, stopped and started on the same port."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url(), socket_connect_timeout=0.5)
        deadline = time.monotonic() + 15
        while True:
            try:
                client.ping()
                return
            except (redis.ConnectionError, redis.TimeoutError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)
            finally:
                client.close()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=15)


@pytest.fixture
def redis_server(settings):
    """Our own Redis as the cache and the ad counter store, with a short retry interval."""
    for attempt in range(3):  # the free port may be taken before redis-server binds it
        server = RedisServer()
        try:
            server.start()
            break
        except RuntimeError:
            if attempt == 2:
                raise
    # A breaker left over from an earlier server on a reused port would start out open.
    resilient._breakers.pop(f"127.0.0.1:{server.port}", None)
    settings.REDIS_RETRY_SECONDS = RETRY_SECONDS
    # Changing CACHES makes Django drop its cache connections (the setting_changed receiver
    # clear_cache_handlers), so `cache` is this backend from now on, and the default again after.
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": server.url(0),
            "KEY_PREFIX": "test-redis-down",
        }
    }
    settings.ADS_COUNTS_REDIS_URL = server.url(1)
    cache.clear()
    yield server
    if server.process.poll() is None:
        server.stop()
    resilient._breakers.pop(f"127.0.0.1:{server.port}", None)


def logged(caplog, text):
    return [r for r in caplog.records if r.name == "newsroom.cache" and text in r.getMessage()]


@pytest.fixture
def no_gc_pauses():
    """No garbage collection while requests are timed: a full collection of the test process's
    heap takes a tenth of a second, ten times that on a loaded machine, and is not what the
    timing is about."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < PAGE_SECONDS, f"{args[0]} took {elapsed:.2f} s"
    return response


@pytest.fixture
def site():
    """A live article with a section and a tag, and an image ad booked in the sidebar."""
    article = live_article(title_uk="Новина про мости")
    tag = TagFactory()
    tag_article(article, tag)
    creative = book("sidebar_top")
    return article, tag, creative


def public_urls(article, tag, creative):
    return [
        "/",
        "/news/",
        article.get_absolute_url("uk"),
        article.section.get_absolute_url(),
        tag.get_absolute_url(),
        "/rss/",
        "/sitemap.xml",
        "/search/?q=мости",
        "/ads/slot/sidebar_top/?l=uk",
        creative.get_absolute_url(),
    ]


def test_pages_ads_and_the_admin_answer_while_redis_is_down(
    redis_server, site, admin_client, caplog, django_capture_on_commit_callbacks, request
):
    """With Redis stopped, every public page, the ad frame and the ad click answer as before,
    each fast, the admin form opens and saves, and the outage is logged once, not per request."""
    caplog.set_level(logging.INFO)
    client = Client()  # an anonymous reader (admin_client is the `client` fixture, logged in)
    article, tag, creative = site
    urls = public_urls(article, tag, creative)
    change = f"/admin/articles/article/{article.pk}/change/"
    editing = f"/admin/articles/article/{article.pk}/editing/"
    for url in urls:  # Redis up: the caches fill
        assert client.get(url).status_code in {200, 302}, url
    colleague = Client()
    colleague.force_login(UserFactory(username="oksana", is_staff=True, is_superuser=True))
    assert colleague.get(change).status_code == 200
    assert admin_client.get(change).status_code == 200
    assert [o["name"] for o in admin_client.get(editing).json()["others"]] == ["oksana"]
    assert cache.get("pc:f:" + MENU_FRAGMENT.format(language="uk")) is not None
    assert counters.pending()  # the impression and the click were counted in Redis

    redis_server.stop()
    request.getfixturevalue("no_gc_pauses")
    deadline = time.monotonic() + 3 * RETRY_SECONDS
    rounds = 0
    # Several rounds, over more than one retry interval: tries that fail again log nothing.
    while rounds < 2 or time.monotonic() < deadline:
        rounds += 1
        for url in urls:
            response = timed(client.get, url)
            assert response.status_code == (302 if "/ads/click/" in url else 200), url
        frame = timed(client.get, "/ads/slot/sidebar_top/?l=uk").content.decode()
        assert creative.get_absolute_url() in frame  # the ad itself, not an empty frame
        assert timed(admin_client.get, change).status_code == 200
        heartbeat = timed(admin_client.get, editing)
        assert heartbeat.status_code == 200 and heartbeat.json()["others"] == []  # unknown now

    # A save, with its after-commit cache purges, and a booking that moves the ad plan on.
    data = form_data(admin_client.get(change)) | {"title_uk": "Заголовок без Redis"}
    with django_capture_on_commit_callbacks(execute=True):
        assert timed(admin_client.post, change, data).status_code == 302
        book("header")
    article.refresh_from_db()
    assert article.title_uk == "Заголовок без Redis"
    assert "Заголовок без Redis" in client.get(article.get_absolute_url("uk")).content.decode()

    assert len(logged(caplog, DOWN)) == 1
    assert logged(caplog, DOWN)[0].levelno == logging.WARNING
    assert not logged(caplog, BACK)
    assert not [r for r in caplog.records if "Could not count" in r.getMessage()]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_cache_and_the_counters_use_redis_again_once_it_is_back(
    redis_server, site, client, caplog
):
    """After Redis restarts, the next try after the retry interval finds it: values are stored
    in Redis again, ad views are counted there again, and the recovery is logged once."""
    caplog.set_level(logging.INFO)
    article, tag, creative = site
    redis_server.stop()
    assert client.get("/").status_code == 200
    assert not counters.count(counters.IMPRESSION, creative.pk)
    assert len(logged(caplog, DOWN)) == 1

    redis_server.start()
    deadline = time.monotonic() + 10
    cache.set("probe", "back")
    while cache.get("probe") != "back":
        assert time.monotonic() < deadline, "the cache never used Redis again"
        time.sleep(RETRY_SECONDS / 3)
        cache.set("probe", "back")
    raw = redis.Redis.from_url(redis_server.url(0))
    assert raw.exists(cache.make_key("probe"))  # really in Redis, not remembered elsewhere
    raw.close()

    assert client.get("/").status_code == 200
    assert cache.get("pc:f:" + MENU_FRAGMENT.format(language="uk")) is not None
    assert counters.count(counters.IMPRESSION, creative.pk)
    assert counters.pending() == {(creative.pk, counters.IMPRESSION): 1}
    assert len(logged(caplog, DOWN)) == 1
    assert len(logged(caplog, BACK)) == 1


def test_a_dead_redis_is_not_called_again_until_the_retry_interval_has_passed(
    redis_server, monkeypatch
):
    """After a failure, cache calls skip the network entirely for REDIS_RETRY_SECONDS; then a
    single call tries Redis again."""
    redis_server.stop()
    attempts = []
    real_get_connection = redis.ConnectionPool.get_connection

    def counting(pool, *args, **kwargs):
        attempts.append(pool)
        return real_get_connection(pool, *args, **kwargs)

    monkeypatch.setattr(redis.ConnectionPool, "get_connection", counting)
    assert cache.get("anything", "default") == "default"
    assert len(attempts) == 1
    for _ in range(50):
        cache.get("anything")
        cache.set("anything", 1)
    assert len(attempts) == 1  # within the interval: no network call at all
    time.sleep(RETRY_SECONDS * 1.5)
    for _ in range(5):
        cache.get("anything")
    assert len(attempts) == 2  # one try after the interval, failing again: skipped again


def test_every_cache_operation_behaves_like_an_empty_cache_while_redis_is_down(redis_server):
    """Reads miss, writes report failure, incr raises ValueError as for a missing key (so the
    ad plan's version still moves on), and nothing raises a Redis error."""
    cache.set("kept", 1)
    redis_server.stop()
    assert cache.get("kept") is None
    assert cache.get("kept", "default") == "default"
    assert cache.get_many(["kept", "other"]) == {}
    assert cache.has_key("kept") is False
    assert cache.add("new", 1) is False
    assert cache.set("new", 1) is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.touch("kept") is False
    assert cache.delete("kept") is False
    assert cache.delete_many(["a", "b"]) is None
    assert cache.clear() is False
    assert cache.get_or_set("version", 7) == 7
    with pytest.raises(ValueError):
        cache.incr("kept")
    with pytest.raises(ValueError):
        cache.decr("kept")
    new_plan_version()  # falls back on set(), which fails quietly


def test_threads_hitting_a_dead_redis_at_once_all_miss_and_log_one_warning(redis_server, caplog):
    """Eight threads reading from a stopped Redis together all get misses, and the outage is
    logged once: the breaker is one per server and process, not per thread's cache."""
    caplog.set_level(logging.INFO)
    redis_server.stop()
    results = []

    def reader():
        for _ in range(50):
            results.append(cache.get("key", "miss"))

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == ["miss"] * 400
    assert len(logged(caplog, DOWN)) == 1


def test_a_call_under_way_before_the_failure_does_not_close_the_breaker(caplog):
    """A call that started while Redis was up and succeeds after another call found it down says
    nothing about now: Redis stays skipped and no recovery is logged."""
    caplog.set_level(logging.INFO)
    breaker = resilient.Breaker("test:1")
    entered, finish = threading.Event(), threading.Event()

    def slow_success():
        entered.set()
        finish.wait(timeout=10)
        return "ok"

    def refused():
        raise redis.ConnectionError("refused")

    earlier = threading.Thread(target=breaker.call, args=[slow_success])
    earlier.start()
    assert entered.wait(timeout=10)
    with pytest.raises(redis.ConnectionError):
        breaker.call(refused)
    finish.set()
    earlier.join(timeout=10)
    with pytest.raises(resilient.Skipped):
        breaker.call(lambda: "not called")
    assert len(logged(caplog, DOWN)) == 1
    assert not logged(caplog, BACK)


def test_a_redis_that_accepts_but_never_answers_costs_one_short_timeout(settings, caplog):
    """A server that hangs (rather than refusing) holds a cache read and an ad count only for the
    short REDIS_TIMEOUT, once; then both skip it."""
    caplog.set_level(logging.INFO)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # connections are accepted by the kernel, and nothing is ever answered
    port = silent.getsockname()[1]
    url = f"redis://127.0.0.1:{port}"
    settings.CACHES = {
        "default": {"BACKEND": "newsroom.cache.ResilientRedisCache", "LOCATION": url}
    }
    settings.ADS_COUNTS_REDIS_URL = url
    outcome = {}

    def read_then_count():
        started = time.monotonic()
        outcome["read"] = cache.get("key", "miss")
        outcome["read_seconds"] = time.monotonic() - started
        started = time.monotonic()
        outcome["counted"] = counters.count(counters.IMPRESSION, 1)
        outcome["count_seconds"] = time.monotonic() - started

    try:
        # In a thread, so that a missing timeout fails the test instead of hanging it.
        worker = threading.Thread(target=read_then_count, daemon=True)
        worker.start()
        worker.join(timeout=10)
        assert not worker.is_alive(), "a call waited for the silent server"
    finally:
        silent.close()
        resilient._breakers.pop(f"127.0.0.1:{port}", None)
    assert outcome["read"] == "miss" and outcome["read_seconds"] < MAX_SECONDS
    assert outcome["counted"] is False and outcome["count_seconds"] < MAX_SECONDS
    assert len(logged(caplog, DOWN)) == 1


def test_a_read_only_redis_after_a_failover_is_treated_as_down(redis_server, client, caplog):
    """A Redis left read-only (a replica after a failover) refuses writes: pages still answer,
    a cache write is skipped rather than raised, and the outage is logged once."""
    caplog.set_level(logging.INFO)
    article = live_article(title_uk="Новина під час перемикання")
    direct = redis.Redis.from_url(redis_server.url())
    # A replica of a primary that does not exist: reads answer, every write says READONLY.
    direct.execute_command("REPLICAOF", "127.0.0.1", str(free_port()))
    try:
        assert cache.set("written", 1) is False
        for url in ["/", article.get_absolute_url("uk"), "/ads/slot/sidebar_top/?l=uk"]:
            assert client.get(url).status_code == 200, url
        assert len(logged(caplog, DOWN)) == 1
    finally:
        direct.execute_command("REPLICAOF", "NO", "ONE")
        direct.close()
