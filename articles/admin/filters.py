"""The article list's filters."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    LANGUAGE_CODES,
    Status,
    version_live_q,
)
from .states import LANGUAGE_LABELS


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "lang"

    def lookups(self, request, model_admin):
        return [(code, LANGUAGE_LABELS[code]) for code in LANGUAGE_CODES]

    def queryset(self, request, queryset):
        if self.value() in LANGUAGE_CODES:
            return queryset.filter(**{f"title_{self.value()}__gt": ""})
        return queryset


class StateFilter(admin.SimpleListFilter):
    """Publication state; combined with the language filter it means that language's state."""

    title = _("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, _("Draft")),
            (Status.REVIEW, _("In review")),
            (Status.RETURNED, _("Returned")),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
            (Status.UNPUBLISHED, _("Unpublished")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        now = timezone.now()
        if value == "live":
            condition = version_live_q(now, prefix="versions__")
        elif value == "scheduled":
            condition = Q(versions__status=Status.PUBLISHED, versions__publish_at__gt=now)
        else:
            condition = Q(versions__status=value)
        language = request.GET.get(LanguageFilter.parameter_name)
        if language in LANGUAGE_CODES:
            condition &= Q(versions__language=language)
        return queryset.filter(condition).distinct()


class TrashFilter(admin.SimpleListFilter):
    """The list shows articles outside the trash unless asked for the trash."""

    title = _("trash")
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("yes", _("In the trash"))]

    def queryset(self, request, queryset):
        return queryset.filter(deleted_at__isnull=self.value() != "yes")
