import uuid

import pytest
from django.core.cache import cache

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


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(action)`: run it as if its transaction committed, so that its after-commit
    work (cache purges, the search index) happens, as it would outside a test."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


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
