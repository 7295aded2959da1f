from django.contrib import admin

from .models import PendingPurge


@admin.register(PendingPurge)
class PendingPurgeAdmin(admin.ModelAdmin):
    """Purges a proxy missed, for staff to see; `publish_scheduled` sends them again."""

    list_display = ["created_at", "proxy", "keys", "hard", "attempts", "last_error", "updated_at"]
    list_filter = ["proxy", "hard"]
    readonly_fields = [field.name for field in PendingPurge._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
