"""Keeping bookings true to what the ad team chose when the site changes under them."""

from django.db.models import Count

from .models import Creative
from .serving import purge_plan


def stop_bookings_of_deleted_section(sender, instance, **kwargs):
    """A creative booked for one section only would, once the section is gone, have no section
    left — which reads as "everywhere". It is switched off instead; creatives that target other
    sections too just lose this one."""
    Creative.objects.annotate(targets=Count("sections")).filter(
        sections=instance, targets=1
    ).update(is_active=False)
    purge_plan()
