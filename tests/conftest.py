import pytest

# The `page` fixture: headless Chromium for end-to-end tests.
pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Uploads go to a scratch folder.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-boss-123!")


@pytest.fixture
def admin_client(client, admin_user):
    """A logged-in superuser. The admin speaks Ukrainian (unprefixed URLs are the default
    language), so tests check error codes rather than wording."""
    client.force_login(admin_user)
    return client
