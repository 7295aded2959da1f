"""The editorial calendar: what goes live when."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import (
    LanguageVersion,
    Status,
)

# Readers are not affected (queries read the clock), but history and cache purges wait for it.
OVERDUE_AFTER = timedelta(minutes=5)
CALENDAR_PAST_DAYS = 3
CALENDAR_FUTURE_DAYS = 7


class CalendarViews:
    """The plan, for editors (`calendar/`)."""

    def calendar_view(self, request):
        """The plan: what goes live when, by day and hour, for editors. In review and overdue
        versions stand out."""
        if not permissions.can_publish(request.user):
            raise PermissionDenied
        today = timezone.localdate()
        try:
            start = date.fromisoformat(request.GET.get("start", ""))
        except ValueError:
            start = today - timedelta(days=CALENDAR_PAST_DAYS)
        end = start + timedelta(days=CALENDAR_PAST_DAYS + CALENDAR_FUTURE_DAYS + 1)
        zone = timezone.get_current_timezone()
        window = (
            timezone.make_aware(datetime.combine(start, datetime.min.time()), zone),
            timezone.make_aware(datetime.combine(end, datetime.min.time()), zone),
        )
        now = timezone.now()
        versions = LanguageVersion.objects.planned(*window).select_related("article")
        days = {}
        for version in versions:
            local = timezone.localtime(version.publish_at)
            if version.is_live:
                state = (
                    "overdue"
                    if version.went_live_at is None and (now - version.publish_at > OVERDUE_AFTER)
                    else "live"
                )
            else:
                state = "expired" if version.publish_at <= now else "scheduled"
            day = days.setdefault(local.date(), {})
            day.setdefault(local.strftime("%H:00"), []).append(
                {
                    "version": version,
                    "time": local.strftime("%H:%M"),
                    "state": state,
                    # The headline readers of that language get.
                    "title": version.article.title_in(version.language) or str(version.article),
                }
            )
        in_review = list(
            LanguageVersion.objects.filter(status=Status.REVIEW, article__deleted_at__isnull=True)
            .select_related("article")
            .order_by("updated_at")
        )
        for version in in_review:
            version.title = version.article.title_in(version.language)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Editorial calendar"),
            "opts": self.opts,
            # Today and what is coming first; the days before, newest first, below them.
            "days": [(day, sorted(days[day].items())) for day in sorted(days) if day >= today],
            "past_days": [
                (day, sorted(days[day].items()))
                for day in sorted(days, reverse=True)
                if day < today
            ],
            "in_review": in_review,
            "today": today,
            "earlier": start - timedelta(days=7),
            "later": start + timedelta(days=7),
        }
        return render(request, "admin/articles/article/calendar.html", context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("calendar/", view(self.calendar_view), name="articles_article_calendar"),
            *super().get_urls(),
        ]
