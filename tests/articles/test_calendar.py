"""The editorial calendar: what goes live when, by day and hour, for editors."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import roles, services
from tests.factories import ArticleFactory, UserFactory, live_article

pytestmark = pytest.mark.django_db
URL = "/admin/articles/article/calendar/"


def test_calendar_lists_scheduled_and_published_versions_by_day_and_hour(admin_client):
    """Scheduled (tomorrow) and published (yesterday) versions appear under their day and hour,
    each with its language, state and a link to the edit form."""
    tomorrow = (timezone.now() + timedelta(days=1)).replace(minute=15, second=0, microsecond=0)
    later = ArticleFactory(title_uk="Завтрашній матеріал", title_en="Tomorrow's story")
    services.article_publish(article=later, language="en", at=tomorrow)
    earlier = live_article(["uk"], at=timezone.now() - timedelta(days=1), title_uk="Вчорашній")
    response = admin_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    # Each row with the headline of its own language.
    assert "Tomorrow&#x27;s story" in page and "Вчорашній" in page
    assert "Завтрашній матеріал" not in page
    # Today and what is coming first, the days before under them, newest first.
    assert [day for day, _hours in response.context["days"]][0] >= timezone.localdate()
    assert [day for day, _hours in response.context["past_days"]] == [
        timezone.localdate(timezone.now() - timedelta(days=1))
    ]
    assert page.index("Tomorrow&#x27;s story") < page.index("Вчорашній")
    assert f"/admin/articles/article/{later.pk}/change/" in page
    entries = {
        entry["version"].article_id: (day, hour, entry["state"], entry["version"].language)
        for day, hours in response.context["days"] + response.context["past_days"]
        for hour, items in hours
        for entry in items
    }
    local = timezone.localtime(tomorrow)
    assert entries[later.pk] == (local.date(), local.strftime("%H:00"), "scheduled", "en")
    assert entries[earlier.pk][2] == "live"


def test_overdue_and_in_review_stand_out(admin_client):
    """A version past its time without the going-live steps is marked overdue; versions in
    review are listed on top."""
    at = (timezone.now() + timedelta(minutes=30)).replace(second=0, microsecond=0)
    overdue = ArticleFactory(title_uk="Прострочений")
    services.article_publish(article=overdue, language="uk", at=at)
    waiting = ArticleFactory(title_uk="На перевірці")
    services.article_submit_for_review(article=waiting, language="uk", by=None)
    with time_machine.travel(at + timedelta(minutes=20)):
        response = admin_client.get(URL)
    days = response.context["days"] + response.context["past_days"]
    states = [e["state"] for _, hours in days for _, items in hours for e in items]
    assert "overdue" in states
    assert [v.article for v in response.context["in_review"]] == [waiting]
    assert "state-overdue" in response.content.decode()


def test_calendar_is_for_editors(client):
    """Journalists get 403; the article list shows the calendar link to editors only."""
    journalist = UserFactory(username="j", is_staff=True)
    journalist.groups.add(Group.objects.get(name=roles.JOURNALISTS))
    client.force_login(journalist)
    assert client.get(URL).status_code == 403
    assert URL not in client.get("/admin/articles/article/").content.decode()
    editor = UserFactory(username="e", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(editor)
    assert URL in client.get("/admin/articles/article/").content.decode()
    assert client.get(URL + "?start=2024-11-01").status_code == 200
    assert client.get(URL + "?start=nonsense").status_code == 200


def test_calendar_query_count_does_not_grow_with_entries(admin_client):
    """Ten or forty scheduled versions cost the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for i in range(n):
            article = ArticleFactory()
            services.article_publish(
                article=article, language="uk", at=timezone.now() + timedelta(hours=i + 1)
            )
            services.article_submit_for_review(article=ArticleFactory(), language="uk", by=None)

    def count():
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(URL)
        return len(queries)

    add(3)
    few = count()
    add(12)
    assert count() == few
