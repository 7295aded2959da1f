import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone, translation

# The `page` fixture: headless Chromium for end-to-end tests.
pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Real password hashing is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploads go to a scratch folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test starts with an empty cache (the Redis one of CI included) and its own ad counts.
    cache.clear()
    settings.ADS_COUNTS_KEY_PREFIX = f"test-{uuid.uuid4().hex}"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A request in another language leaves it active in the thread (the locale middleware),
    # and `reverse`/`resolve` in the next test would follow it: each test starts in the default.
    translation.activate(settings.LANGUAGE_CODE)
    # Content types are cached per process once read: each test starts without them, so that
    # what a test counts (queries) does not depend on which tests ran before in its process.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    # Purges asked for in a test whose transaction was rolled back stay queued in the thread
    # (pagecache/purge.py sends them with the next commit): each test starts with none.
    from pagecache import purge

    purge._pending.__dict__.pop("keys", None)


@pytest.fixture(autouse=True)
def _second_step_done(monkeypatch):
    """Staff whom a test logs in with `client.force_login` have also passed two-step sign-in,
    as staff working in the admin have. The step itself is tested in tests/accounts/, where
    staff sign in through the login form with real codes."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.twofactor import authenticator

    password_only = Client.force_login

    def force_login(self, user, backend=None):
        password_only(self, user, backend)
        if user.is_staff:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def steady_minute():
    """The test runs inside one minute of the clock (from the start of the next one, the clock
    ticking on), for tests that count a page's queries: what the site keeps per minute or for a
    minute (the pages' schedule, the ad plan, the sitemap figures) then cannot expire between
    the request that fills it and the counted one, and add a refill to one count only."""
    start = (timezone.now() + timedelta(minutes=1)).replace(second=0, microsecond=0)
    with time_machine.travel(start, tick=True):
        yield start


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(action)`: run it as if its transaction committed, so that its after-commit
    work (cache purges, the search index) happens, as it would outside a test."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def proxy(settings):
    """A proxy in CACHE_PROXIES that records the purges it gets (tests/pagecache/conftest.py)."""
    from tests.pagecache.conftest import RecordingProxy

    recording = RecordingProxy()
    settings.CACHE_PROXIES = [recording.url]
    yield recording
    recording.stop()


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-boss-123!")


@pytest.fixture
def admin_client(client, admin_user):
    """A logged-in superuser. The admin speaks Ukrainian (unprefixed URLs are the default
    language), so tests check error codes rather than wording."""
    client.force_login(admin_user)
    return client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, whose PostgreSQL copy can be dropped at the end even if a
    live-server worker thread still holds a connection to it."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def pytest_collection_modifyitems(items):
    """Every test that commits (transaction=True) restores the database it found with
    serialized_rollback: one that does not empties the tables and refills the content types on
    its way out, and the next test restoring its copy then fails on them (duplicate keys)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )
