"""Backups of the whole site: the database and every media file, in one directory with a
manifest (`manage.py backup`), and their restore into an empty database (`manage.py restore`).

A backup directory holds:

    newsroom-backup-20261130T215213Z/
        database.dump        pg_dump --format=custom (PostgreSQL) or an SQLite database file
        media/<name>         every file of default_storage, under its storage name
        manifest.json        written last: a directory without one is not a backup

Media are read and written only through `default_storage`, so the same commands work for local
disk and S3. No password is ever written to the manifest or passed on a command line: pg_dump and
pg_restore get the connection through PG* environment variables.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_DIR = "media"
PARTIAL_SUFFIX = ".partial"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


# --- shared helpers -------------------------------------------------------------------------


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def concrete_models():
    """Every model with a table of its own, the many-to-many tables Django makes included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def _quote(name):
    return '"{}"'.format(name.replace('"', '""'))


def count_rows(cursor):
    """{"app_label.Model": rows} read through a DB-API cursor (the same SQL on both vendors)."""
    counts = {}
    for model in concrete_models():
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(model._meta.db_table)}")
        counts[model._meta.label] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def latest_migrations(cursor):
    """The migration applied last in each app, from django_migrations."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return dict(sorted(dict(cursor.fetchall()).items()))


def pg_env(settings_dict):
    """The connection of a Django PostgreSQL settings dict as libpq environment variables:
    the password never appears in a process's arguments (`ps` shows those to every user)."""
    options = settings_dict.get("OPTIONS") or {}
    env = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGPASSFILE": options.get("passfile"),
        "PGSERVICE": options.get("service"),
    }
    return {**os.environ, **{key: str(value) for key, value in env.items() if value}}


def _pg_tool(name, server_version):
    path = shutil.which(name)
    if not path:
        major = str(server_version).split(".")[0]
        raise BackupError(
            f"{name} was not found on the PATH: install the PostgreSQL client tools of the "
            f"server's version or newer (Debian: apt-get install postgresql-client-{major})."
        )
    return path


def _run(args, env, what):
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit {result.returncode}):\n{result.stderr.strip()}")


def iter_storage(storage, directory=""):
    """Every file name in a storage, recursively, through the storage API only."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return  # a local MEDIA_ROOT that was never created holds no files
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from iter_storage(storage, f"{directory}/{name}" if directory else name)


def _write_via_temp(target, write):
    """Write `target` through a temporary name in the same directory, then rename it: a file
    with the final name is always complete."""
    # Hidden and oddly suffixed: no media file of the storage can have this name.
    temp = target.with_name(f".{target.name}.backup-tmp")
    write(temp)
    os.replace(temp, target)


def _safe_media_path(root, name):
    """The backup's copy of a media file; a manifest naming anything outside media/ is refused."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise BackupError(f"The manifest names a media file outside the backup: {name!r}.")
    return root / MEDIA_DIR / Path(*pure.parts)


def _file_entry(path, name):
    return {"name": name, "size": path.stat().st_size, "sha256": sha256_of(path)}


# --- backup ---------------------------------------------------------------------------------


def backup(output_dir, *, using=DEFAULT_DB_ALIAS, storage=None, log=print):
    """Write a complete backup directory under `output_dir` and return its path.

    The database is dumped first, from one snapshot that the row counts and migrations of the
    manifest are read from too; then the media; the manifest last. Until then the directory has
    a ".partial" name, and a failure removes it."""
    storage = storage or default_storage
    connection = connections[using]
    created = datetime.now(UTC).replace(microsecond=0)
    name = "newsroom-backup-" + created.strftime("%Y%m%dT%H%M%SZ")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / name
    work = output_dir / (name + PARTIAL_SUFFIX)
    if final.exists() or work.exists():
        raise BackupError(f"{final} already exists: wait a second and run the backup again.")
    work.mkdir()
    try:
        log(f"Dumping the {connection.vendor} database…")
        if connection.vendor == "postgresql":
            database = _dump_postgresql(connection, work / DUMP)
        elif connection.vendor == "sqlite":
            database = _dump_sqlite(connection, work / DUMP)
        else:
            raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
        dump = _file_entry(work / DUMP, DUMP)
        log(f"  {dump['size']:,} bytes, {sum(database['row_counts'].values()):,} rows.")

        log("Copying media files…")
        media = []
        for media_name in iter_storage(storage):
            target = _safe_media_path(work, media_name)
            target.parent.mkdir(parents=True, exist_ok=True)

            def copy(temp, media_name=media_name):
                with storage.open(media_name, "rb") as source, open(temp, "wb") as copy_to:
                    shutil.copyfileobj(source, copy_to, CHUNK)

            _write_via_temp(target, copy)
            media.append(_file_entry(target, media_name))
            if len(media) % 100 == 0:
                log(f"  {len(media)} files…")
        media_bytes = sum(entry["size"] for entry in media)
        log(f"  {len(media)} files, {media_bytes:,} bytes.")

        manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": created.isoformat(),
            "database": {
                "vendor": connection.vendor,
                "server_version": database["server_version"],
                "dump": dump,
            },
            "migrations": database["migrations"],
            "row_counts": database["row_counts"],
            "media": media,
        }
        _write_via_temp(
            work / MANIFEST,
            lambda temp: temp.write_text(
                json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"
            ),
        )
        os.replace(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    log(
        f"Backup complete: {final} (database {dump['size']:,} bytes, "
        f"{len(media)} media files {media_bytes:,} bytes)."
    )
    return final


def _dump_postgresql(connection, target):
    """pg_dump from a snapshot exported by a transaction of our own, in which the row counts
    and migrations are read: the manifest describes exactly the dump."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        cursor = raw.cursor()
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        pg_dump = _pg_tool("pg_dump", server_version)
        env = pg_env(connection.settings_dict)

        def dump(temp):
            args = [pg_dump, "--format=custom", "--no-owner", "--no-acl"]
            _run([*args, f"--snapshot={snapshot}", f"--file={temp}"], env, "pg_dump")

        _write_via_temp(target, dump)
        info = {
            "server_version": server_version,
            "row_counts": count_rows(cursor),
            "migrations": latest_migrations(cursor),
        }
        cursor.execute("COMMIT")
        return info
    finally:
        raw.close()


def _dump_sqlite(connection, target):
    """A consistent copy through SQLite's online backup API (also of an in-memory database)."""
    connection.ensure_connection()

    def dump(temp):
        copy = sqlite3.connect(temp)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()

    _write_via_temp(target, dump)
    # Counted in the copy: exactly what the backup holds, whatever was written since.
    copy = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        cursor = copy.cursor()
        return {
            "server_version": sqlite3.sqlite_version,
            "row_counts": count_rows(cursor),
            "migrations": latest_migrations(cursor),
        }
    finally:
        copy.close()


# --- restore --------------------------------------------------------------------------------


def read_manifest(directory):
    directory = Path(directory)
    if not directory.is_dir():
        raise BackupError(f"{directory} is not a directory.")
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"{directory} has no {MANIFEST}: it is not a complete backup (an interrupted "
            "backup never gets one). Use another backup."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BackupError(f"{path} is not valid JSON: {error}.") from error
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} has format version {manifest.get('format_version')!r}; this release "
            f"reads version {FORMAT_VERSION}."
        )
    return manifest


def verify(directory, manifest, *, database=True, media=True, log=print):
    """Check every file named in the manifest against its size and SHA-256; raise naming the
    first file that is missing or differs. Nothing is touched before this has passed."""
    directory = Path(directory)
    entries = []
    if database:
        entries.append((directory / DUMP, manifest["database"]["dump"]))
    if media:
        entries += [(_safe_media_path(directory, e["name"]), e) for e in manifest["media"]]
    log(f"Verifying {len(entries)} files against the manifest…")
    for path, entry in entries:
        if not path.is_file():
            raise BackupError(f"{path} is missing from the backup. Nothing was restored.")
        if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise BackupError(
                f"{path} does not match its checksum in the manifest: the backup is damaged. "
                "Nothing was restored."
            )


def database_contents(connection):
    """Why a database is not empty: "" when it has no tables and no applied migrations."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        full = []
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")
            if cursor.fetchone():
                full.append(table)
    if not tables:
        return ""
    return f"{len(tables)} tables, {len(full)} of them with rows" + (
        f" ({', '.join(full[:5])}{', …' if len(full) > 5 else ''})" if full else ""
    )


def restore(
    directory, *, using=DEFAULT_DB_ALIAS, storage=None, database=True, media=True, log=print
):
    """Restore a backup directory into an empty database and into default_storage."""
    storage = storage or default_storage
    connection = connections[using]
    manifest = read_manifest(directory)
    directory = Path(directory)
    verify(directory, manifest, database=database, media=media, log=log)

    if database:
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"The backup holds a {vendor} database; this site uses {connection.vendor}. "
                "Nothing was restored."
            )
        if contents := database_contents(connection):
            raise BackupError(
                "restore wants an empty database; create a new one "
                f"({connection.settings_dict['NAME']} has {contents}). Nothing was restored."
            )
    if media:
        # Every clash is found before anything is written.
        for entry in manifest["media"]:
            if storage.exists(entry["name"]):
                with storage.open(entry["name"], "rb") as existing:
                    digest = hashlib.file_digest(existing, "sha256").hexdigest()
                if digest != entry["sha256"]:
                    raise BackupError(
                        f"The media file {entry['name']} already exists with other content; "
                        "restore never overwrites one. Nothing was restored."
                    )

    if database:
        log(f"Restoring the {connection.vendor} database…")
        if connection.vendor == "postgresql":
            _restore_postgresql(connection, directory / DUMP, manifest)
        else:
            _restore_sqlite(connection, directory / DUMP)
    if media:
        log(f"Restoring {len(manifest['media'])} media files…")
        written = 0
        for entry in manifest["media"]:
            if storage.exists(entry["name"]):
                continue  # the same bytes, checked above
            with open(_safe_media_path(directory, entry["name"]), "rb") as source:
                saved = storage.save(entry["name"], File(source, name=entry["name"]))
            if saved != entry["name"]:
                raise BackupError(
                    f"The storage saved {entry['name']} as {saved}: another file took the name "
                    "meanwhile."
                )
            written += 1
        log(f"  {written} written, {len(manifest['media']) - written} already there.")
    if database:
        with connection.cursor() as cursor:
            counts = count_rows(cursor)
        differ = {
            label: (expected, counts.get(label))
            for label, expected in manifest["row_counts"].items()
            if counts.get(label) != expected
        }
        if differ:
            lines = ", ".join(
                f"{label}: {got} rows, not {want}" for label, (want, got) in differ.items()
            )
            raise BackupError(f"The restored database differs from the manifest: {lines}.")
        log(f"  {sum(counts.values()):,} rows in {len(counts)} tables, as in the manifest.")
    log(f"Restore complete from {directory}.")
    return manifest


def _restore_postgresql(connection, dump, manifest):
    connection.ensure_connection()
    server_version = connection.connection.info.parameter_status("server_version")
    pg_restore = _pg_tool("pg_restore", server_version)
    connection.close()
    args = [pg_restore, "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
    # The database name is not a secret; the rest of the connection goes through PG*.
    name = connection.settings_dict["NAME"]
    _run([*args, f"--dbname={name}", str(dump)], pg_env(connection.settings_dict), "pg_restore")


def _restore_sqlite(connection, dump):
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()
