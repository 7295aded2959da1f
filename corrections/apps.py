from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("Corrections and editor's notes")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles import signals as article_signals

        from . import signals
        from .models import Correction

        # Cache purges are derived data: after commit, through pagecache (signals.py).
        post_save.connect(signals.correction_saved, sender=Correction, dispatch_uid="corr-save")
        post_delete.connect(
            signals.correction_deleted, sender=Correction, dispatch_uid="corr-delete"
        )
        article_signals.went_live.connect(signals.version_went_live, dispatch_uid="corr-live")
        article_signals.went_offline.connect(
            signals.version_went_offline, dispatch_uid="corr-offline"
        )
