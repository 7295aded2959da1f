"""Scheduling that cannot leak or miss: live at the minute with nothing running, going-live
steps done exactly once, expiry, the overdue warning, and times that do not exist in Kyiv."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from articles import roles, services, signals
from articles.models import Article, LanguageVersion, StateChange, Status
from tests.factories import ArticleFactory, UserFactory, ready_to_publish
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """What the went_live / went_offline signals delivered (after commit)."""
    events = []

    def went_live(sender, version, **kwargs):
        events.append(("live", version.pk))

    def went_offline(sender, version, **kwargs):
        events.append(("offline", version.pk))

    signals.went_live.connect(went_live)
    signals.went_offline.connect(went_offline)
    yield events
    signals.went_live.disconnect(went_live)
    signals.went_offline.disconnect(went_offline)


def scheduled(minutes=60, **kwargs):
    at = (timezone.now() + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    article = ArticleFactory(**kwargs)
    version = services.article_publish(article=article, language="uk", at=at)
    return article, version, at


def test_a_scheduled_version_is_live_at_its_minute_with_nothing_running(received):
    """Readers see it from its minute on, before publish_scheduled has run at all."""
    article, version, at = scheduled()
    assert not Article.objects.live("uk").exists()
    with time_machine.travel(at):
        assert list(Article.objects.live("uk")) == [article]
    assert received == []


def test_publish_scheduled_does_the_going_live_steps_once(
    received, django_capture_on_commit_callbacks
):
    """Run twice: one stamp, one history entry, one signal."""
    article, version, at = scheduled()
    with (
        time_machine.travel(at + timedelta(seconds=30)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.publish_due() == (1, 0)
        assert services.publish_due() == (0, 0)
    version.refresh_from_db()
    assert version.first_published_at is not None and version.went_live_at is not None
    assert (
        StateChange.objects.filter(
            from_status=Status.PUBLISHED, to_status=Status.PUBLISHED, by=None
        ).count()
        == 1
    )
    assert received == [("live", version.pk)]


def test_two_overlapping_runs_still_do_each_step_once(received, django_capture_on_commit_callbacks):
    """Run A has listed the due versions when run B does them all; A then claims nothing."""
    article, version, at = scheduled()
    with time_machine.travel(at + timedelta(minutes=1)):
        listed_by_a = list(services.due_to_go_live())
        with django_capture_on_commit_callbacks(execute=True):
            assert services.publish_due() == (1, 0)  # run B
            now = timezone.now()
            assert [services._go_live(v, now, scheduled=True) for v in listed_by_a] == [False]
    assert (
        StateChange.objects.filter(
            from_status=Status.PUBLISHED, to_status=Status.PUBLISHED, by=None
        ).count()
        == 1
    )
    assert received == [("live", version.pk)]


def test_publishing_now_does_the_steps_at_once(received, django_capture_on_commit_callbacks):
    """A version published now is done: the command finds nothing left to do for it."""
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        version = services.article_publish(article=article, language="uk")
    assert version.went_live_at is not None and received == [("live", version.pk)]
    assert services.publish_due() == (0, 0)


def test_first_publication_time_is_kept_through_republishing():
    """Unpublished and published again, a version keeps the time it first went live."""
    article = ArticleFactory()
    services.article_publish(article=article, language="uk")
    first = article.versions.get().first_published_at
    assert first is not None
    services.article_unpublish(article=article, language="uk")
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        services.article_publish(article=article, language="uk")
    assert article.versions.get().first_published_at == first


def test_a_version_expires_at_its_minute_and_the_command_records_it(
    received, django_capture_on_commit_callbacks
):
    """With an expiry time it leaves the site at that minute; the command notes it once."""
    article = ArticleFactory()
    until = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    version = services.article_publish(article=article, language="uk", until=until)
    assert Article.objects.live("uk").exists()
    with time_machine.travel(until):
        assert not Article.objects.live("uk").exists()
        with django_capture_on_commit_callbacks(execute=True):
            assert services.publish_due() == (0, 1)
            assert services.publish_due() == (0, 0)
    version.refresh_from_db()
    assert version.status == Status.UNPUBLISHED
    assert ("offline", version.pk) in received


def test_an_expiry_before_publication_is_refused():
    """Leaving the site before appearing is an error, not a silent no-op."""
    from django.core.exceptions import ValidationError

    article = ArticleFactory()
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.article_publish(
            article=article, language="uk", at=now + timedelta(hours=2), until=now
        )
    assert error.value.code == "expires_before_publication"


def test_the_command_reports_what_it_did():
    """`manage.py publish_scheduled` prints its counts."""
    article, version, at = scheduled()
    out = StringIO()
    with time_machine.travel(at):
        call_command("publish_scheduled", stdout=out)
    assert out.getvalue().strip() == "Went live: 1. Expired: 0."


def test_the_admin_warns_about_overdue_scheduled_changes(admin_client):
    """Ten minutes past its time without the command, the article list says so."""
    article, version, at = scheduled()
    with time_machine.travel(at + timedelta(minutes=10)):
        response = admin_client.get("/admin/articles/article/")
    warnings = [str(m) for m in response.context["messages"]]
    assert any("publish_scheduled" in w for w in warnings)
    with time_machine.travel(at + timedelta(minutes=2)):
        response = admin_client.get("/admin/articles/article/")
    assert not [m for m in response.context["messages"] if "publish_scheduled" in str(m)]


@pytest.mark.parametrize("role", [roles.JOURNALISTS, roles.EDITORS])
def test_the_overdue_warning_is_for_administrators_only(client, role):
    """Journalists and editors cannot run the server's jobs: the warning is not shown to them."""
    article, version, at = scheduled()
    user = UserFactory(username="staff", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    with time_machine.travel(at + timedelta(minutes=10)):
        response = client.get("/admin/articles/article/")
    assert response.status_code == 200
    assert not [m for m in response.context["messages"] if "publish_scheduled" in str(m)]


@pytest.mark.parametrize(
    ("date", "time"),
    [("26.10.2025", "03:30:00"), ("30.03.2025", "03:30:00")],
    ids=["ambiguous-autumn", "non-existent-spring"],
)
def test_dst_gap_and_overlap_times_are_form_errors(admin_client, date, time):
    """03:30 Kyiv happens twice in late October and never in late March: both are refused."""
    article = ArticleFactory()
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(change)) | {
        "state_uk": Status.PUBLISHED,
        "publish_at_uk_0": date,
        "publish_at_uk_1": time,
    }
    response = admin_client.post(change, data)
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["publish_at_uk"]
    assert "Europe/Kyiv" in message  # names the zone the time cannot be read in
    assert not LanguageVersion.objects.exists()


def test_times_are_entered_in_kyiv_and_stored_in_utc(admin_client):
    """09:30 typed in summer is 06:30 UTC; in winter 07:30 UTC."""
    article = ready_to_publish(ArticleFactory())
    change = f"/admin/articles/article/{article.pk}/change/"
    for date, expected in [("01.07.2030", 6), ("01.12.2030", 7)]:
        data = form_data(admin_client.get(change)) | {
            "state_uk": Status.PUBLISHED,
            "publish_at_uk_0": date,
            "publish_at_uk_1": "09:30:00",
        }
        assert admin_client.post(change, data).status_code == 302
        stored = article.versions.get(language="uk").publish_at
        assert stored.astimezone(UTC).hour == expected
        assert stored == datetime.fromisoformat(
            f"{date[6:]}-{date[3:5]}-{date[:2]}T{expected:02d}:30:00+00:00"
        )


def test_republishing_an_expired_version_from_the_admin_brings_it_back(admin_client):
    """Published again after its expiry, the version is live (the past expiry is dropped)."""
    article = ready_to_publish(ArticleFactory())
    until = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    services.article_publish(article=article, language="uk", until=until)
    change = f"/admin/articles/article/{article.pk}/change/"
    with time_machine.travel(until + timedelta(hours=1)):
        services.publish_due()
        data = form_data(admin_client.get(change)) | {
            "state_uk": Status.PUBLISHED,
            "publish_at_uk_0": "",
            "publish_at_uk_1": "",
        }
        assert admin_client.post(change, data).status_code == 302
        assert Article.objects.live("uk").get() == article
        assert article.versions.get(language="uk").unpublish_at is None


def test_an_expiry_before_publication_is_a_form_error_not_a_crash(admin_client):
    """Typing an expiry earlier than the publication time gets a message; the text stays."""
    article = ArticleFactory()
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(change)) | {
        "state_uk": Status.PUBLISHED,
        "publish_at_uk_0": "01.07.2030",
        "publish_at_uk_1": "10:00:00",
        "unpublish_at_uk_0": "01.07.2030",
        "unpublish_at_uk_1": "09:00:00",
        "lead_uk": "Текст, що лишається",
    }
    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error(
        "unpublish_at_uk", "expires_before_publication"
    )
    assert "Текст, що лишається" in response.content.decode()


def test_moving_a_live_version_later_signals_that_it_went_offline(
    received, django_capture_on_commit_callbacks
):
    """Rescheduled to tomorrow, a live version leaves the site: caches hear about it."""
    article = ArticleFactory()
    version = services.article_publish(article=article, language="uk")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(
            article=article, language="uk", at=timezone.now() + timedelta(days=1)
        )
    assert ("offline", version.pk) in received
