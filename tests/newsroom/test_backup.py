"""`manage.py backup` and `manage.py restore`: the demo newsroom backed up, restored into a new
database and media folder by a separate process (as an operator would), and compared row by row
and byte by byte; and the restores that must be refused without changing anything."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from newsroom import backup

BASE_DIR = Path(settings.BASE_DIR)
# Seeding the demo (Pillow draws and resizes its photos) takes most of this module's time.
pytestmark = [pytest.mark.timeout(600), pytest.mark.django_db]
SECRET = "not-the-real-password"  # PostgreSQL trusts the test role; it must never leak


def model_tables():
    """The table of every concrete model (many-to-many tables included): auth, sessions,
    taggit, reversion, otp, axes and ours alike."""
    return {
        model._meta.db_table: model._meta.pk.column
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def raw_connect(database):
    """A plain DB-API connection, without Django's type conversions, so that the test database
    and a restored one read back the same Python values."""
    if connection.vendor == "sqlite":
        return sqlite3.connect(database, uri=True)
    import psycopg

    params = connection.get_connection_params()
    keep = {"user", "host", "port", "password"}
    return psycopg.connect(dbname=database, **{k: v for k, v in params.items() if k in keep})


def table_rows(database):
    """Every table's rows — all columns, ordered by primary key (by every column for tables
    without a model: django_migrations' order is its id) — of a database, as comparable text."""
    db = raw_connect(database)
    try:
        if connection.vendor == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite%'"
        else:
            query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        pks = model_tables()
        rows = {}
        for (table,) in db.execute(query).fetchall():
            order = f'"{pks[table]}"' if table in pks else "1"
            found = db.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
            rows[table] = [
                repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)) for r in found
            ]
        return rows
    finally:
        db.close()


def folder_files(root):
    root = Path(root)
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def storage_files(storage):
    names = list(backup.iter_storage(storage))
    return {name: storage.open(name, "rb").read() for name in names}


def manage(*args, database_url, media_root):
    """`manage.py …` in a new process against another database and media folder."""
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    env.pop("REDIS_URL", None)  # the restored site needs no cache
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class Databases:
    """New, empty databases beside the test database: PostgreSQL ones on the same server,
    SQLite files in a scratch folder. All are dropped at the end."""

    def __init__(self, root):
        self.root = root
        self.created = []

    def new(self, suffix):
        if connection.vendor == "sqlite":
            path = self.root / f"{suffix}.sqlite3"
            return SimpleNamespace(url=f"sqlite:///{path}", raw=str(path), path=path)
        params = connection.settings_dict
        name = f"{params['NAME']}_{suffix}"[:63]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        auth = quote(params["USER"] or "", safe="")
        if params["PASSWORD"]:
            auth += ":" + quote(params["PASSWORD"], safe="")
        host = params["HOST"] or "localhost"
        url = f"postgres://{auth}@{host}:{params['PORT'] or 5432}/{name}"
        return SimpleNamespace(url=url, raw=name)

    def tables(self, database):
        """{table: rows} of a new database (nothing when an SQLite file was never made)."""
        if connection.vendor == "sqlite" and not database.path.exists():
            return {}
        return {table: len(rows) for table, rows in table_rows(database.raw).items()}

    def drop_all(self):
        if self.created:
            with connection._nodb_cursor() as cursor:
                for name in self.created:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom seeded (committed) into the test database, one backup of it, and the
    rows and files it was made from. The test database gets its previous contents back after."""
    root = tmp_path_factory.mktemp("backup")
    databases = Databases(root)
    calls = []
    real_run = subprocess.run

    def spy(args, **kwargs):
        calls.append((list(args), kwargs.get("env") or {}))
        return real_run(args, **kwargs)

    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        try:
            with (
                override_settings(
                    MEDIA_ROOT=root / "media",
                    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                ),
                pytest.MonkeyPatch.context() as patch,
            ):
                call_command("seed_demo", stdout=StringIO())
                # A password in the settings must reach pg_dump only through its environment.
                patch.setitem(connection.settings_dict, "PASSWORD", SECRET)
                patch.setattr(backup.subprocess, "run", spy)
                out = StringIO()
                call_command("backup", "--output", str(root / "backups"), stdout=out)
                patch.undo()
                source = SimpleNamespace(
                    rows=table_rows(connection.settings_dict["NAME"]),
                    media=storage_files(default_storage),
                )
            (path,) = (root / "backups").iterdir()
            yield SimpleNamespace(
                path=path,
                root=root,
                source=source,
                output=out.getvalue(),
                calls=calls,
                databases=databases,
            )
        finally:
            databases.drop_all()
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)


@pytest.fixture(scope="module")
def restored(demo):
    """The backup restored by `manage.py restore` in its own process into a new database and
    media folder."""
    target = demo.databases.new("restored")
    media = demo.root / "restored-media"
    result = manage(
        "manage.py", "restore", str(demo.path), database_url=target.url, media_root=media
    )
    assert result.returncode == 0, result.stderr
    return SimpleNamespace(
        database=target, media=media, output=result.stdout, rows=table_rows(target.raw)
    )


def copy_of(demo, name):
    copy = demo.root / name
    shutil.copytree(demo.path, copy)
    return copy


def test_backup_directory_holds_dump_media_and_manifest(demo):
    """The backup is one directory named with the UTC time: the dump, every media file and a
    manifest with vendor, migrations, row counts, and each file's size and SHA-256."""
    assert demo.path.name.startswith("newsroom-backup-") and demo.path.name.endswith("Z")
    manifest = json.loads((demo.path / "manifest.json").read_text())
    assert manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["server_version"]
    assert manifest["migrations"]["articles"].startswith("0")
    # The demo's 64 stories and its live story.
    assert manifest["row_counts"]["articles.Article"] == 65
    assert manifest["row_counts"]["auth.User"] == len(demo.source.rows["auth_user"])
    dump = demo.path / manifest["database"]["dump"]["name"]
    assert manifest["database"]["dump"]["size"] == dump.stat().st_size
    assert manifest["database"]["dump"]["sha256"] == backup.sha256_of(dump)
    listed = {entry["name"]: entry for entry in manifest["media"]}
    assert set(listed) == set(demo.source.media)
    for name, content in demo.source.media.items():
        assert listed[name]["size"] == len(content)
        assert (demo.path / "media" / name).read_bytes() == content
    assert "Backup complete" in demo.output


def test_no_password_in_manifest_or_arguments(demo):
    """The database password never appears in the manifest or in pg_dump's arguments."""
    assert SECRET not in (demo.path / "manifest.json").read_text()
    if connection.vendor == "postgresql":
        (args, env), *_ = demo.calls
        assert args[0].endswith("pg_dump") and "--no-owner" in args and "--no-acl" in args
        assert not any(SECRET in arg for arg in args)
        assert env["PGPASSWORD"] == SECRET


def test_restore_reproduces_every_row_and_file(demo, restored):
    """Restored into a new database and media folder, every model's table (all columns, by
    primary key) and every file's bytes equal the original, and `migrate` has nothing to do."""
    assert set(model_tables()) <= set(demo.source.rows)
    for table in [
        "auth_user",
        "auth_user_groups",
        "django_session",
        "taggit_tag",
        "reversion_version",
        "otp_totp_totpdevice",
        "axes_accessattempt",
    ]:
        assert table in demo.source.rows
    assert len(demo.source.rows["articles_block"]) > 100
    assert restored.rows.keys() == demo.source.rows.keys()
    for table, rows in demo.source.rows.items():
        assert restored.rows[table] == rows, table
    # The same django_migrations rows as the fully migrated test database: nothing to apply.
    executor = MigrationExecutor(connection)
    with connection.cursor():
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert folder_files(restored.media) == demo.source.media
    assert "as in the manifest" in restored.output


def test_tampered_file_is_refused_and_nothing_changes(demo):
    """A media file changed after the backup: restore names it and leaves the empty database
    and media folder as they were."""
    damaged = copy_of(demo, "tampered")
    name = sorted(demo.source.media)[0]
    with open(damaged / "media" / name, "r+b") as file:
        file.seek(10)
        byte = file.read(1)
        file.seek(10)
        file.write(bytes([byte[0] ^ 1]))
    target = demo.databases.new("tampered")
    media = demo.root / "tampered-media"
    result = manage("manage.py", "restore", str(damaged), database_url=target.url, media_root=media)
    assert result.returncode != 0
    assert name in result.stderr and "checksum" in result.stderr
    assert demo.databases.tables(target) == {}
    assert folder_files(media) == {}


def test_missing_or_damaged_dump_is_refused(demo):
    """A missing media file or a damaged dump stops the restore before anything is touched."""
    missing = copy_of(demo, "missing")
    name = sorted(demo.source.media)[-1]
    (missing / "media" / name).unlink()
    with pytest.raises(CommandError, match="missing from the backup"):
        call_command("restore", str(missing), stdout=StringIO())
    damaged = copy_of(demo, "damaged-dump")
    with open(damaged / "database.dump", "ab") as dump:
        dump.write(b"\0")
    with pytest.raises(CommandError, match="database.dump does not match its checksum"):
        call_command("restore", str(damaged), stdout=StringIO())
    assert storage_files(default_storage) == {}


def test_non_empty_database_is_refused(demo):
    """Restoring into a database that has rows (here the demo's own) is refused with the
    empty-database message, and neither the database nor the media storage changes."""
    before = table_rows(connection.settings_dict["NAME"])
    with pytest.raises(CommandError, match="restore wants an empty database; create a new one"):
        call_command("restore", str(demo.path), stdout=StringIO())
    assert table_rows(connection.settings_dict["NAME"]) == before
    assert storage_files(default_storage) == {}


def test_vendor_mismatch_is_refused(demo):
    """A backup of another database vendor is refused before anything is restored."""
    other = copy_of(demo, "other-vendor")
    manifest = json.loads((other / "manifest.json").read_text())
    manifest["database"]["vendor"] = "mysql"
    (other / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="holds a mysql database"):
        call_command("restore", str(other), stdout=StringIO())


def test_interrupted_backup_leaves_nothing_restorable(demo, tmp_path):
    """A backup that fails while copying media leaves no directory behind, and a directory
    without a manifest (what a killed backup leaves) is refused by restore."""

    class Failing(FileSystemStorage):
        opened = 0

        def open(self, name, mode="rb"):
            Failing.opened += 1
            if Failing.opened > 5:
                raise OSError("the disk went away")
            return super().open(name, mode)

    output = tmp_path / "backups"
    storage = Failing(location=demo.root / "media")
    with pytest.raises(OSError, match="the disk went away"):
        backup.backup(output, storage=storage, log=lambda line: None)
    assert list(output.iterdir()) == []

    partial = copy_of(demo, "killed.partial")
    (partial / "manifest.json").unlink()
    with pytest.raises(CommandError, match="has no manifest.json: it is not a complete backup"):
        call_command("restore", str(partial), stdout=StringIO())
