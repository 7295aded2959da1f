import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.newsroom.processes import run_django

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kQ9!mZp2@vL4$wR8^nT6&yU1*oI3(eA5)sD0-fG_hJ+kL=cV",
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "postgres://newsroom:secret@db.example.org:5432/newsroom",
    "REDIS_URL": "redis://cache.example.org:6379/0",
}


def run(code, **env):
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    return run_django(code, env={**base, **env}, timeout=60)


def test_production_settings_pass_check_deploy_without_warnings():
    """With real values in the environment, `manage.py check --deploy` reports nothing."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_check_deploy_complains():
    """The development key is flagged by Django's own deployment check."""
    env = {**os.environ, **PRODUCTION}
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_wsgi_refuses_to_serve_with_the_development_key():
    """gunicorn cannot start production (DEBUG off) without a real SECRET_KEY."""
    result = run("import newsroom.wsgi", DEBUG="0", ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_wsgi_starts_with_a_real_key():
    """With a real key the WSGI application loads."""
    result = run("import newsroom.wsgi; print('loaded')", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "loaded" in result.stdout


def test_environment_selects_database_and_cache():
    """DATABASE_URL picks PostgreSQL and REDIS_URL the Redis cache; unset means SQLite/locmem."""
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.TIME_ZONE)"
    )
    configured = run(code, **PRODUCTION).stdout.split()
    assert configured == [
        "django.db.backends.postgresql",
        "newsroom.cache.ResilientRedisCache",
        "Europe/Kyiv",
    ]
    default = run(code, DEBUG="1").stdout.split()
    assert default[:2] == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


@pytest.mark.parametrize(
    ("worker", "expected"),
    [
        ("", "redis://h:6379/15"),
        ("gw0", "redis://h:6379/15"),
        ("gw1", "redis://h:6379/14"),
        ("gw2", "redis://h:6379/13"),
    ],
)
def test_parallel_test_processes_get_a_redis_database_each(worker, expected):
    """Under pytest, each xdist worker's cache (and the servers it starts) use their own Redis
    database, since every test empties the cache; outside tests the URL is kept as given."""
    code = (
        "import os, pytest; from django.conf import settings;"
        "print(settings.REDIS_URL, os.environ['REDIS_URL'])"
    )
    result = run(code, DEBUG="1", REDIS_URL="redis://h:6379/15", PYTEST_XDIST_WORKER=worker)
    assert result.stdout.split() == [expected, expected], result.stderr
    outside = run(
        code.replace("pytest", "sys"),
        DEBUG="1",
        REDIS_URL="redis://h:6379/15",
        PYTEST_XDIST_WORKER="gw1",
    )
    assert outside.stdout.split() == ["redis://h:6379/15"] * 2, outside.stderr


@pytest.mark.parametrize(
    ("value", "expected"), [("1", "True"), ("true", "True"), ("0", "False"), ("", "False")]
)
def test_debug_is_read_from_the_environment(value, expected):
    """DEBUG accepts 1/true/yes/on; anything else (or nothing) is off."""
    result = run("from django.conf import settings; print(settings.DEBUG)", DEBUG=value)
    assert result.stdout.strip() == expected


@pytest.mark.django_db  # the 404 page shows the sections menu
def test_serve_media_exposes_uploads_only_when_asked(client, settings, tmp_path):
    """With SERVE_MEDIA on, /media/… is served by Django; off (production), it is a 404."""
    import importlib

    from django.urls import clear_url_caches

    import newsroom.urls

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "hello.txt").write_text("uploaded")
    try:
        for enabled, status in [(True, 200), (False, 404)]:
            settings.SERVE_MEDIA = enabled
            importlib.reload(newsroom.urls)
            clear_url_caches()
            assert client.get("/media/hello.txt").status_code == status
    finally:
        settings.SERVE_MEDIA = False
        importlib.reload(newsroom.urls)
        clear_url_caches()
