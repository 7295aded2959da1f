from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveblogConfig(AppConfig):
    name = "liveblog"
    verbose_name = _("Live coverage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
