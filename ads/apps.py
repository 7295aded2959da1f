from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdsConfig(AppConfig):
    name = "ads"
    verbose_name = _("Advertising")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from articles.models import Section

        from .models import Creative, Slot
        from .serving import purge_plan
        from .signals import stop_bookings_of_deleted_section

        pre_delete.connect(
            stop_bookings_of_deleted_section, sender=Section, dispatch_uid="ads-section-delete"
        )

        # The serving plan is derived data: rebuilt after any booking or slot changes.
        for sender in (Creative, Slot, Creative.slots.through, Creative.sections.through):
            post_save.connect(purge_plan, sender=sender, dispatch_uid=f"ads-plan-save-{sender}")
            post_delete.connect(purge_plan, sender=sender, dispatch_uid=f"ads-plan-del-{sender}")
        for through in (Creative.slots.through, Creative.sections.through):
            m2m_changed.connect(purge_plan, sender=through, dispatch_uid=f"ads-plan-m2m-{through}")
