"""`manage.py backup [--output DIR]`: the database and every media file in one directory named
with the UTC time, with a manifest of sizes and SHA-256 checksums (newsroom/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from newsroom import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump or an SQLite copy) and every media file into "
        "DIR/newsroom-backup-<UTC time>/ with manifest.json (written last)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default="backups", help="Where the backup directory goes (./backups)."
        )

    def handle(self, *args, output, verbosity, **options):
        def log(line):
            if verbosity:
                self.stdout.write(line)

        try:
            path = backup.backup(output, log=log)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if not verbosity:
            self.stdout.write(str(path))
