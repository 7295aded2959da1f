"""Read replicas end to end: a real primary and a streaming replica (deploy/local/pgcluster.py,
fsync off), and the app served by gunicorn against them as in production, with
DATABASE_URL=primary and DATABASE_REPLICA_URLS=replica (newsroom/db.py)."""

import http.client
import importlib.util
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest

from tests.forms import form_data

ROOT = Path(__file__).resolve().parents[2]
# The app under test has databases of its own; this only makes pytest-django create the test
# database, which the fixture copies.
pytestmark = pytest.mark.django_db
# Generous: the machine running the suite is shared and busy.
DEADLINE = 60

_spec = importlib.util.spec_from_file_location("pgcluster", ROOT / "deploy/local/pgcluster.py")
pgcluster = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pgcluster)

# Run by `manage.py shell` against the new primary: a live article, and a superuser's session
# that passed two-step sign-in (the sign-in itself is tested in tests/accounts/).
SEED = """
import json
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django.contrib.auth import get_user_model
from tests.factories import live_article
from tests.twofactor import authenticator

user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw-chief-123!")
article = live_article(["uk"], title_uk="Перша версія")
client = Client()
client.force_login(user)
session = client.session
session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
session.save()
print(json.dumps({
    "article": article.pk,
    "url": article.get_absolute_url("uk"),
    "session": session.session_key,
}))
"""


def free_port():
    """A free port below the ephemeral range: the replica's port is free while it is stopped,
    and an outgoing connection of any process on the machine could take an ephemeral one."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as fh:
            low = int(fh.read().split()[0])
    except (OSError, ValueError):
        low = 32768
    for _ in range(100):
        port = random.randrange(max(1024, low - 12000), low)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail("no free port")


def wait_for(check, what, seconds=DEADLINE):
    """Poll `check` until it returns something truthy; fail with `what` after the deadline."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def sql(port, query, dbname="newsroom", user="root"):
    with psycopg.connect(
        host="127.0.0.1", port=port, user=user, dbname=dbname, autocommit=True
    ) as conn:
        cursor = conn.execute(query)
        return cursor.fetchall() if cursor.description else None


class Site:
    def __init__(self, port, primary, replica, seed, directory):
        self.port, self.primary, self.replica = port, primary, replica
        self.seed, self.directory = seed, directory

    def get(self, path, cookies=None, **query):
        return self.request("GET", path, cookies=cookies, query=query)

    def request(self, method, path, cookies=None, query=None, data=None):
        if query:
            path += "?" + urlencode(query)
        headers = {"Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=DEADLINE)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.content = response.read()
            response.text = response.content.decode(errors="replace")
            return response
        finally:
            conn.close()

    def replica_reads(self):
        """How often the replica has read the articles table (its own statistics)."""
        rows = sql(
            self.replica,
            "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables "
            "WHERE relname = 'articles_article'",
        )
        return rows[0][0]

    def pause_replay(self):
        sql(self.replica, "SELECT pg_wal_replay_pause()")
        wait_for(
            lambda: sql(self.replica, "SELECT pg_get_wal_replay_pause_state()")[0][0] == "paused",
            "replay to pause",
        )

    def resume_replay(self):
        sql(self.replica, "SELECT pg_wal_replay_resume()")
        self.caught_up()

    def caught_up(self):
        target = sql(self.primary, "SELECT pg_current_wal_insert_lsn()::text")[0][0]
        wait_for(
            lambda: sql(self.replica, f"SELECT pg_last_wal_replay_lsn() >= '{target}'")[0][0],
            "the replica to catch up",
        )


@pytest.fixture(scope="session")
def site(django_db_setup, django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("read replicas need PostgreSQL (set DATABASE_URL to a postgres:// URL)")
    try:
        pgcluster.bindir()
    except pgcluster.ClusterError as error:
        pytest.skip(str(error))
    test_db = connection.settings_dict
    primary, replica, http_port = free_port(), free_port(), free_port()
    directory = tempfile.mkdtemp(prefix="newsroom-replicas-", dir="/tmp")
    server = seeding = None
    log = open(os.path.join(directory, "gunicorn.log"), "w+")  # noqa: SIM115 - closed below
    try:
        pgcluster.up(directory, primary, replica, fast=True)
        sql(primary, "CREATE DATABASE newsroom", dbname="postgres")
        # The test database is migrated already: copying it costs a second, migrating ten.
        dump = subprocess.run(
            [
                shutil.which("pg_dump") or os.path.join(pgcluster.bindir(), "pg_dump"),
                "--no-owner",
                "--no-privileges",
                "-h",
                test_db["HOST"] or "127.0.0.1",
                "-p",
                str(test_db["PORT"] or 5432),
                "-U",
                test_db["USER"] or "root",
                test_db["NAME"],
            ],
            check=True,
            capture_output=True,
            timeout=DEADLINE,
        )
        subprocess.run(
            [
                shutil.which("psql") or os.path.join(pgcluster.bindir(), "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                f"postgres://root@127.0.0.1:{primary}/newsroom",
            ],
            input=dump.stdout,
            check=True,
            capture_output=True,
            timeout=DEADLINE,
        )
        with psycopg.connect(
            host="127.0.0.1", port=primary, user="root", dbname="newsroom", autocommit=True
        ) as conn:
            # Replicas are read with a role that may only read (as in production), which also
            # lets a test make the replica refuse a query the primary answers.
            conn.execute("CREATE ROLE reader LOGIN")
            conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://root@127.0.0.1:{primary}/newsroom",
            "DATABASE_REPLICA_URLS": f"postgres://reader@127.0.0.1:{replica}/newsroom",
            # Replay is paused for whole tests: lag is not what they are about.
            "DATABASE_REPLICA_MAX_LAG": "3600",
            "DATABASE_REPLICA_RETRY_SECONDS": "1",
            # A connection per request: the replica's statistics are written when it closes.
            "CONN_MAX_AGE": "0",
            "SECRET_KEY": uuid.uuid4().hex * 2,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "PAGE_CACHE": "1",
            "CACHE_PROXIES": "",
            "CACHE_KEY_PREFIX": f"replicas-{uuid.uuid4().hex}",
            "MEDIA_ROOT": os.path.join(directory, "media"),
        }
        python = sys.executable
        # The seed and gunicorn's start overlap: each is mostly Python importing Django.
        seeding = subprocess.Popen(
            [python, "manage.py", "shell", "-c", SEED],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        server = subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "newsroom.wsgi:application",
                "--bind",
                f"127.0.0.1:{http_port}",
                "--workers",
                "1",
                "--threads",
                "2",
                "--timeout",
                str(DEADLINE),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        out, err = seeding.communicate(timeout=DEADLINE)
        assert seeding.returncode == 0, err
        seed = json.loads(out.strip().splitlines()[-1])
        site = Site(http_port, primary, replica, seed, directory)

        def answers():
            assert server.poll() is None, "gunicorn exited: see its log"
            try:
                return site.get("/healthz").status == 200
            except OSError:
                return False

        wait_for(answers, "gunicorn to answer")
        # The seed is on the replica before the tests look for it there.
        site.caught_up()
        yield site
    except BaseException:
        log.seek(0)
        print("gunicorn log:\n" + log.read()[-5000:])
        raise
    finally:
        if seeding is not None and seeding.poll() is None:
            seeding.kill()
            seeding.wait()
        if server is not None:
            # SIGINT: gunicorn's quick shutdown (SIGTERM waits for its workers' graceful end).
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()
        pgcluster.down(directory)


def probe():
    """A query string of its own: the page is rendered, not served from the page cache."""
    return {"probe": uuid.uuid4().hex}


def test_public_pages_are_read_from_the_replica(site):
    """An anonymous reader's article page is read from the replica, not the primary."""
    before = site.replica_reads()
    for _ in range(3):
        response = site.get(site.seed["url"], **probe())
        assert response.status == 200
        assert "Перша версія" in response.text
    wait_for(lambda: site.replica_reads() >= before + 3, "the replica to read the articles")


def test_staff_read_their_own_writes_and_readers_get_the_new_page(site):
    """With the replica's replay paused, an editor's saved headline is in the admin at once,
    and the next anonymous reader of the page (just purged) gets it too: the page is not
    refilled from the lagging replica and cached."""
    page = site.seed["url"]
    # The page is in the page cache, read from the replica.
    assert "Перша версія" in site.get(page).text
    assert site.get(page).getheader("X-Cache") == "HIT"
    site.pause_replay()
    try:
        staff = {"sessionid": site.seed["session"]}
        change = f"/admin/articles/article/{site.seed['article']}/change/"
        opened = site.get(change, cookies=staff)
        assert opened.status == 200, opened.text[:500]
        csrf = opened.getheader("Set-Cookie").split("csrftoken=")[1].split(";")[0]
        data = form_data(opened) | {"title_uk": "Друга версія", "_continue": "1"}
        saved = site.request("POST", change, cookies={**staff, "csrftoken": csrf}, data=data)
        assert saved.status == 302, saved.text[:2000]
        assert "Друга версія" in site.get(change, cookies=staff).text
        # The replica has not replayed it (the proof the next reads could have been stale).
        title = f"SELECT title_uk FROM articles_article WHERE id = {site.seed['article']:d}"
        assert sql(site.replica, title) == [("Перша версія",)]

        fresh = site.get(page)
        assert fresh.status == 200
        assert "Друга версія" in fresh.text
        again = site.get(page)
        assert "Друга версія" in again.text
        assert again.getheader("X-Cache") == "HIT"
    finally:
        site.resume_replay()
    # Caught up, the replica serves readers again.
    before = site.replica_reads()
    assert "Друга версія" in site.get(page, **probe()).text
    wait_for(lambda: site.replica_reads() > before, "the replica to serve readers again")


def test_the_site_serves_public_pages_with_the_replica_stopped(site):
    """A stopped replica: public pages come from the primary; once it is back, from it again."""
    pgcluster.stop(site.directory, "replica")
    try:
        for _ in range(3):
            response = site.get(site.seed["url"], **probe())
            assert response.status == 200
            assert "версія" in response.text
    finally:
        pgcluster.start(site.directory, "replica")
    site.caught_up()

    def replica_serves():
        before = site.replica_reads()
        assert site.get(site.seed["url"], **probe()).status == 200
        return site.replica_reads() > before

    wait_for(replica_serves, "the site to use the replica again")


def test_a_replica_stopped_under_readers_costs_none_of_them_a_page(site):
    """The replica stopped (pg_ctl's fast stop ends its sessions mid-query) while readers are
    being served from it: every one of them gets the page, from the primary once it is gone."""
    statuses, errors = [], []
    enough = threading.Event()

    def read():
        while not enough.is_set():
            try:
                response = site.get(site.seed["url"], **probe())
                statuses.append(response.status if "версія" in response.text else "no page")
            except OSError as error:
                errors.append(error)

    readers = [threading.Thread(target=read) for _ in range(4)]
    before = site.replica_reads()
    for reader in readers:
        reader.start()
    try:
        wait_for(lambda: site.replica_reads() > before and len(statuses) >= 4, "replica reads")
        pgcluster.stop(site.directory, "replica")
        stopped_at = len(statuses)
        wait_for(lambda: len(statuses) >= stopped_at + 8, "readers after the stop")
    finally:
        enough.set()
        for reader in readers:
            reader.join(DEADLINE)
        pgcluster.start(site.directory, "replica")
    site.caught_up()
    assert not errors, errors
    assert set(statuses) == {200}, Counter(statuses)


def test_a_replica_failing_during_a_request_is_answered_from_the_primary(site):
    """A replica that refuses a query in the middle of a page: the reader gets the page from
    the primary, not a 500."""
    sql(site.primary, "REVOKE SELECT ON articles_article FROM reader")
    try:
        wait_for(
            lambda: not sql(
                site.replica, "SELECT has_table_privilege('reader', 'articles_article', 'SELECT')"
            )[0][0],
            "the replica to replay the REVOKE",
        )
        response = site.get(site.seed["url"], **probe())
        assert response.status == 200
        assert "версія" in response.text
    finally:
        sql(site.primary, "GRANT SELECT ON articles_article TO reader")


SHOW_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "aliases": sorted(s.DATABASES),
    "replica": s.DATABASES.get("replica2"),
    "routers": s.DATABASE_ROUTERS,
    "middleware": s.MIDDLEWARE,
}))
"""


def show_settings(**env):
    base = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URLS")
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + SHOW_SETTINGS],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
        timeout=DEADLINE,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_replica_urls_add_aliases_the_router_and_its_middleware():
    """DATABASE_REPLICA_URLS becomes replica1, replica2… (short connect timeout, the primary's
    data in tests) with the router, and the middleware inside the page cache."""
    shown = show_settings(
        DATABASE_URL="postgres://root@db1:5432/newsroom",
        DATABASE_REPLICA_URLS="postgres://reader@db2:5432/newsroom, postgres://reader@db3/newsroom",
    )
    assert shown["aliases"] == ["default", "replica1", "replica2"]
    assert shown["replica"]["HOST"] == "db3"
    assert shown["replica"]["OPTIONS"]["connect_timeout"] == 2
    assert shown["replica"]["TEST"]["MIRROR"] == "default"
    assert shown["routers"] == ["newsroom.db.ReplicaRouter"]
    middleware = shown["middleware"]
    assert (
        middleware.index("newsroom.db.ReplicaMiddleware")
        == middleware.index("pagecache.middleware.PageCacheMiddleware") + 1
    )


def test_without_replica_urls_nothing_is_installed(settings):
    """No DATABASE_REPLICA_URLS (this test run's own settings): one database, no router, no
    middleware, so not one query more."""
    assert not settings.DATABASE_REPLICA_URLS
    assert list(settings.DATABASES) == ["default"]
    assert settings.DATABASE_ROUTERS == []
    assert "newsroom.db.ReplicaMiddleware" not in settings.MIDDLEWARE
