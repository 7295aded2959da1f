from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from articles.roles import apply_roles


class Command(BaseCommand):
    help = "Create or reset the Journalists, Editors and Ad managers groups (articles/roles.py)."

    def handle(self, *args, **options):
        for name, count in apply_roles(Group, Permission).items():
            self.stdout.write(f"{name}: {count} permissions")
