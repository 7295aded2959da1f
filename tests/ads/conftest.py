import os

import pytest


@pytest.fixture
def redis_counts(settings):
    """Counts go through the machine's Redis (CI's, or the local one), under this test's own
    key prefix (set in tests/conftest.py); the keys are removed afterwards."""
    from ads import counters

    settings.ADS_COUNTS_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    client = counters.redis_client()
    client.ping()
    yield client
    client.delete(*counters._keys())
