from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import services


class Command(BaseCommand):
    help = (
        "Remove a staff member's two-step sign-in (lost phone, no recovery codes): they set it "
        "up again at their next login. Login lockouts are reset with axes_reset_username."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        removed = services.two_factor_reset(user=user)
        self.stdout.write(
            f"{username}: {removed} device(s) removed; they set up two-step sign-in at the next "
            "login."
        )
