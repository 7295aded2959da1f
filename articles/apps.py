from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import revisions, signals
        from .models import Section

        revisions.register()

        post_save.connect(signals.purge_menu, sender=Section, dispatch_uid="menu-save")
        post_delete.connect(signals.purge_menu, sender=Section, dispatch_uid="menu-delete")
