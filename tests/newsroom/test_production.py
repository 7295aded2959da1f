"""The production topology of `make prod` (deploy/local/prod.py): nginx → Varnish → two gunicorn
servers, from deploy/'s own files, on the test database and Redis; and the every-minute jobs
(`run_jobs`)."""

import http.client
import importlib.util
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.utils import timezone

from articles import roles
from articles.models import LanguageVersion, StateChange, Status
from pagecache import keys
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    LanguageVersionFactory,
    book,
    member,
    sign,
)
from tests.pagecache.conftest import RecordingProxy, free_port

BASE = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
stack_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def load_prod():
    spec = importlib.util.spec_from_file_location(
        "deploy_local_prod", BASE / "deploy" / "local" / "prod.py"
    )
    module = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up while being made.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


prod = load_prod()


class Answer:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()
        self.text = self.body.decode("utf-8", "replace")

    def cookies(self) -> dict:
        found = {}
        for header in self.headers.get_all("Set-Cookie") or ():
            name, _, rest = header.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return found


def fetch(port, path, *, method="GET", headers=None, body=None, source="127.0.0.1"):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(
            method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})}
        )
        return Answer(connection.getresponse())
    finally:
        connection.close()


def wait_for(check, within=30.0):
    deadline = time.monotonic() + within
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.2)


@pytest.fixture(scope="session")
def stack(django_db_setup, django_db_blocker, tmp_path_factory):
    """nginx, Varnish and two gunicorn servers (one worker each) started by prod.py's Stack on
    the test database and Redis (a redis-server of its own without REDIS_URL). Static files are
    not collected (a minute of compressing): the servers use plain names, and the test puts
    the hashed file nginx serves."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: the gunicorn servers are other processes sharing the test "
            "database, which SQLite keeps in this process's memory"
        )
    for tool in ("nginx", "varnishd", "redis-server"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is not installed: apt-get install nginx varnish redis-server")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    database_url = (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )
    config = prod.Config(
        root=tmp_path_factory.mktemp("prod"),
        http_port=free_port(),
        varnish_port=free_port(),
        varnish_admin_port=free_port(),
        app_ports=(free_port(), free_port()),
        redis_port=free_port(),
        workers=1,
        database_url=database_url,
        replica_urls="",
        redis_url=os.environ.get("REDIS_URL") or None,
        extra_env={
            "CACHE_KEY_PREFIX": f"prodtest-{uuid.uuid4().hex[:8]}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,news.example.test",
            # The test database is dropped at the end: no connection may stay open.
            "CONN_MAX_AGE": "0",
            "STATIC_MANIFEST": "0",
        },
    )
    running = prod.Stack(config)
    try:
        running.up(seed=False, jobs=False, migrate=False, collectstatic=False)
        yield running
    finally:
        running.down()


@pytest.fixture
def same_key(stack, settings):
    """This process signs (ad click addresses) with the servers' SECRET_KEY."""
    settings.SECRET_KEY = stack.app_env["SECRET_KEY"]


def app(stack, index):
    return stack.config.app_ports[index]


def journalist(username):
    """A journalist who can log in through the form with PASSWORD (the servers do not know this
    process's fast test hasher; a few PBKDF2 rounds keep it quick)."""
    user = member(roles.JOURNALISTS, username)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "saltsalt" + username, 1000)
    user.save(update_fields=["password"])
    return user


def log_in(port, username) -> str:
    """Logs in through the admin's login form on the server at `port`; the session cookie."""
    form = fetch(port, "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    csrf = form.cookies()["csrftoken"]
    from urllib.parse import urlencode

    answer = fetch(
        port,
        "/admin/login/",
        method="POST",
        body=urlencode(
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
                "next": "/admin/",
            }
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
        },
    )
    assert answer.status == 302, answer.text[:500]
    return answer.cookies()["sessionid"]


# --- through nginx --------------------------------------------------------------------------


@stack_test
def test_pages_come_through_nginx_and_varnish_with_the_forwarded_headers(stack):
    """The app builds its absolute addresses from the host the reader asked nginx for and the
    scheme nginx saw (a client's own X-Forwarded-Proto is replaced); a proxy's https is
    believed (BEHIND_PROXY); nginx's X-Request-ID replaces a client's and comes back."""
    port = stack.config.http_port
    answer = fetch(
        port,
        "/robots.txt",
        headers={"Host": f"news.example.test:{port}", "X-Forwarded-Proto": "https"},
    )
    assert answer.status == 200
    assert f"Sitemap: http://news.example.test:{port}/sitemap.xml" in answer.text
    assert answer.headers["X-Varnish"]  # came through Varnish
    home = fetch(port, "/en/")
    assert home.status == 200 and 'lang="en"' in home.text
    # What nginx sends for a TLS reader: the app's links say https.
    direct = fetch(app(stack, 0), "/robots.txt", headers={"X-Forwarded-Proto": "https"})
    assert "Sitemap: https://127.0.0.1" in direct.text

    # nginx's id for the request replaces a client's, comes back, and is in nginx's JSON log.
    answer = fetch(port, "/admin/login/", headers={"X-Request-ID": "forged"})
    request_id = answer.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    log = stack.config.log_dir / "nginx-access.log"
    assert wait_for(lambda: f'"request_id":"{request_id}"' in log.read_text(), 10)


@stack_test
def test_nginx_serves_static_files_and_uploads_itself_and_guards_metrics(stack):
    """Hashed static files come from nginx, cacheable for a year; an upload is served from
    MEDIA_ROOT as an inert file; /metrics refuses clients not on this host (here 127.0.0.2)."""
    port = stack.config.http_port
    hashed = stack.config.static_root / "css" / "site.0123456789ab.css"
    hashed.parent.mkdir(parents=True, exist_ok=True)
    hashed.write_text("body { color: black }")
    answer = fetch(port, "/static/css/site.0123456789ab.css")
    assert answer.status == 200 and answer.text == "body { color: black }"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["Content-Type"] == "text/css"
    assert "X-Varnish" not in answer.headers  # nginx answered, not the app

    storage = FileSystemStorage(location=stack.config.media_root)
    name = storage.save("photos/test/pixel.png", ContentFile(b"\x89PNG\r\n\x1a\nfake"))
    upload = fetch(port, f"/media/{name}")
    assert upload.status == 200 and upload.body.startswith(b"\x89PNG")
    assert upload.headers["Content-Type"] == "image/png"
    assert upload.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in upload.headers["Content-Security-Policy"]
    assert "X-Varnish" not in upload.headers

    assert fetch(port, "/metrics", source="127.0.0.2").status == 403


# --- two app servers ------------------------------------------------------------------------


@stack_test
def test_a_login_on_one_server_holds_on_the_other(stack):
    """A staff session made by server 1 is valid on server 2 (sessions live in the database,
    signed with the one SECRET_KEY)."""
    journalist("oksana")
    session = log_in(app(stack, 0), "oksana")
    answer = fetch(app(stack, 1), "/admin/", headers={"Cookie": f"sessionid={session}"})
    assert answer.status == 200
    assert "oksana" in answer.text
    assert fetch(app(stack, 1), "/admin/").status == 302  # without it: to the login page


@stack_test
def test_a_cache_entry_written_by_one_server_is_read_by_the_other(stack):
    """Who has an article open (articles/presence.py, in the shared cache) is written by
    server 1 and told by server 2."""
    oksana, bohdan = journalist("oksana"), journalist("bohdan")
    article = ArticleFactory(created_by=oksana)
    sign(article, AuthorFactory(user=bohdan))
    url = f"/admin/articles/article/{article.pk}/editing/"
    first = log_in(app(stack, 0), "oksana")
    second = log_in(app(stack, 1), "bohdan")
    assert fetch(app(stack, 0), url, headers={"Cookie": f"sessionid={first}"}).status == 200
    told = fetch(app(stack, 1), url, headers={"Cookie": f"sessionid={second}"})
    assert '"others": [{"name": "oksana"' in told.text


@stack_test
def test_ad_counts_from_both_servers_are_summed_exactly(stack, same_key, settings):
    """Impressions and clicks counted by both servers reach the database once each, however
    many flushes run at once."""
    from ads.models import DailyStat

    creative = book("sidebar_top")
    click = creative.get_absolute_url()
    for index, times in ((0, 3), (1, 4)):
        for _ in range(times):
            assert fetch(app(stack, index), click).status == 302
            assert fetch(app(stack, index), "/ads/slot/sidebar_top/?l=uk").status == 200
    settings.ADS_COUNTS_REDIS_URL = stack.app_env["REDIS_URL"]
    settings.ADS_COUNTS_KEY_PREFIX = stack.app_env["CACHE_KEY_PREFIX"]
    # Two servers' flush_ad_counts at once (threads: a connection each, as two processes).
    assert at_once(2, lambda: call_command("flush_ad_counts")) == [None, None]
    row = DailyStat.objects.get(creative=creative)
    assert (row.impressions, row.clicks) == (7, 7)


def at_once(count, work):
    """`work()` in `count` threads started together; their results (an exception is raised)."""
    from django.db import connections

    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait(30)
            results.append(work())
        except Exception as error:  # re-raised below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    if errors:
        raise errors[0]
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_publish_scheduled_at_once_do_each_going_live_once(settings):
    """Two servers' publish_scheduled running together (threads: a database connection each):
    each due version goes live once, with one history entry and one purge."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: nothing runs at once to check")
    due = [
        LanguageVersionFactory(
            article=ArticleFactory(), publish_at=timezone.now() - timedelta(seconds=30)
        )
        for _ in range(8)
    ]
    purges = RecordingProxy()
    settings.CACHE_PROXIES = [purges.url]

    def publish():
        output = io.StringIO()
        call_command("publish_scheduled", stdout=output)
        return output.getvalue()

    try:
        outputs = at_once(2, publish)
    finally:
        purges.stop()
    went = sum(int(re.search(r"Went live: (\d+)", output).group(1)) for output in outputs)
    assert went == len(due)
    for version in due:
        assert LanguageVersion.objects.get(pk=version.pk).went_live_at is not None
        history = StateChange.objects.filter(
            article=version.article, from_status=Status.PUBLISHED, to_status=Status.PUBLISHED
        )
        assert history.count() == 1
        key = keys.article(version.article_id)
        assert sum(key in seen for _hard, seen in purges.purges) == 1


@stack_test
def test_a_dead_app_server_costs_no_reader_an_error(stack):
    """gunicorn 1 killed outright while readers keep both servers busy: every request through
    nginx still succeeds, those it had in hand included (Varnish retries a failed fetch on
    server 2, not on the dead one, until its probe takes server 1 out of rotation)."""
    varnish = stack.components["varnish"]
    first = stack.components["gunicorn1"]
    statuses, errors = [], []
    enough = threading.Event()

    def read():
        while not enough.is_set():
            try:
                # An address of its own: each reaches an app server (a page, not a probe).
                statuses.append(fetch(stack.config.http_port, f"/?r={uuid.uuid4().hex}").status)
            except OSError as error:
                errors.append(error)

    # Server 2 is in rotation: the fault is one server dying while the other serves.
    assert wait_for(lambda: varnish.healthy_backends() == {"app1", "app2"}, 30)
    readers = [threading.Thread(target=read) for _ in range(16)]
    for reader in readers:
        reader.start()
    try:
        # Killed with requests in flight and queued on it.
        assert wait_for(lambda: len(statuses) >= 20, 30)
        first.kill()
        killed_at = len(statuses)
        assert wait_for(lambda: re.search(r"app1\s.*sick", varnish.admin("backend.list")), 30)
        # Readers went on until the probe gave up on it: all that time is covered.
        assert wait_for(lambda: len(statuses) >= killed_at + 20, 30)
    finally:
        enough.set()
        for reader in readers:
            reader.join(60)
        first.start()
    assert not errors, errors
    assert all(status < 500 for status in statuses), Counter(statuses)


@stack_test
def test_run_jobs_stops_when_told_after_its_run(stack):
    """The jobs loop runs at start, and SIGTERM ends it cleanly."""
    version = LanguageVersionFactory(
        article=ArticleFactory(), publish_at=timezone.now() - timedelta(seconds=30)
    )
    loop = subprocess.Popen(
        [sys.executable, "manage.py", "run_jobs"],
        cwd=BASE,
        env={**os.environ, **stack.app_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert wait_for(
            lambda: LanguageVersion.objects.get(pk=version.pk).went_live_at is not None, 60
        )
        loop.terminate()
        assert loop.wait(30) == 0
    finally:
        if loop.poll() is None:
            loop.kill()
            loop.wait()


# --- the jobs and the secret, without servers -----------------------------------------------


@pytest.mark.django_db
def test_run_jobs_once_does_the_minutes_work(committed):
    """`run_jobs --once` makes a due version go live and flushes the ad counts."""
    version = LanguageVersionFactory(
        article=ArticleFactory(), publish_at=timezone.now() - timedelta(seconds=30)
    )
    committed(lambda: call_command("run_jobs", "--once"))
    assert LanguageVersion.objects.get(pk=version.pk).went_live_at is not None


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_the_next_still_runs(monkeypatch, caplog):
    """publish_scheduled failing does not stop flush_ad_counts; the failure is logged and
    --once exits non-zero (the systemd unit shows as failed)."""
    from articles.management.commands import run_jobs

    ran = []

    def fake(name, **kwargs):
        ran.append(name)
        if name == "publish_scheduled":
            raise RuntimeError("database restarting")

    monkeypatch.setattr(run_jobs, "call_command", fake)
    with pytest.raises(SystemExit) as exited:
        call_command("run_jobs", "--once")
    assert exited.value.code == 1
    assert ran == ["publish_scheduled", "flush_ad_counts", "deliver_webhooks"]
    assert "Job publish_scheduled failed" in caplog.text


def test_the_secret_key_is_made_once_and_kept_private(tmp_path):
    """make prod's SECRET_KEY is generated on the first run, readable by its owner only, and
    the same on every later run."""
    path = tmp_path / "prod" / "secret_key"
    key = prod.secret_key(path)
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert prod.secret_key(path) == key
    assert prod.secret_key(tmp_path / "other") != key


def test_the_local_configurations_are_deploys_own(tmp_path):
    """make prod runs deploy/'s nginx site and Varnish VCL, with only its paths and ports."""
    config = prod.Config(root=tmp_path, http_port=18080, varnish_port=16081, app_ports=(1, 2))
    vcl = prod.render_vcl(config)
    assert '.port = "1";' in vcl and '.port = "2";' in vcl
    assert (
        vcl.replace('"1";', '"8001";').replace('"2";', '"8002";')
        == (BASE / "deploy" / "varnish" / "default.vcl").read_text()
    )
    nginx = prod.render_nginx(config)
    assert "listen 127.0.0.1:18080;" in nginx["newsroom.conf"]
    assert "server 127.0.0.1:16081;" in nginx["newsroom.conf"]
    assert f"alias {tmp_path}/staticfiles/;" in nginx["newsroom-locations.conf"]
