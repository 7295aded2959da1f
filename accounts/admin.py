from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services

User = get_user_model()


@admin.action(description=_("Reset two-step sign-in (lost phone)"), permissions=["reset"])
def reset_two_factor(modeladmin, request, queryset):
    for user in queryset:
        services.two_factor_reset(user=user, by=request.user)
    count = len(queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "Two-step sign-in reset for %(count)d account: it enrols again at the next login.",
            "Two-step sign-in reset for %(count)d accounts: they enrol again at the next login.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class StaffUserAdmin(UserAdmin):
    actions = [*UserAdmin.actions, reset_two_factor]
    list_display = [*UserAdmin.list_display, "two_factor"]

    def get_queryset(self, request):
        # One query for the whole list, not two a row.
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_two_factor=Exists(confirmed))

    @admin.display(description=_("two-step sign-in"), boolean=True, ordering="has_two_factor")
    def two_factor(self, user):
        return user.has_two_factor

    def has_reset_permission(self, request):
        return request.user.is_superuser


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
