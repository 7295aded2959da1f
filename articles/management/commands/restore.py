"""`manage.py restore DIR`: a backup of `manage.py backup` into an empty database and the media
storage, after checking every file against the manifest (newsroom/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from newsroom import backup


class Command(BaseCommand):
    help = (
        "Restore a backup directory into an empty database and default_storage. Every checksum "
        "is verified first; a non-empty database or a different existing media file is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A newsroom-backup-<UTC time> directory.")
        only = parser.add_mutually_exclusive_group()
        only.add_argument("--database-only", action="store_true", help="Skip the media files.")
        only.add_argument("--media-only", action="store_true", help="Skip the database.")

    def handle(self, *args, directory, database_only, media_only, verbosity, **options):
        def log(line):
            if verbosity:
                self.stdout.write(line)

        try:
            backup.restore(directory, database=not media_only, media=not database_only, log=log)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
