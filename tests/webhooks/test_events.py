"""Which events become deliveries: published (now, or a scheduled version at its minute, not
when it is scheduled), updated (a live version's text saved again, through the admin), and
unpublished; each endpoint's languages, sections and events."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import services
from articles.models import LanguageVersion, Status
from tests.factories import ArticleFactory, SectionFactory, ready_to_publish
from tests.forms import form_data
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


def sent(**filters):
    """(endpoint name, event, language) of the deliveries, oldest first."""
    rows = Delivery.objects.filter(**filters).order_by("id").select_related("endpoint")
    return [(row.endpoint.name, row.event, row.language) for row in rows]


def endpoint(name, **kwargs):
    sections = kwargs.pop("sections", [])
    found = Endpoint.objects.create(name=name, url=f"https://{name}.example.org/hook", **kwargs)
    found.sections.set(sections)
    return found


def test_each_endpoint_gets_only_its_languages_sections_and_events(committed):
    """An English-only endpoint hears of the English version; a section's, only of its
    articles; an unpublished-only one, not of publications; an inactive one, nothing."""
    news = SectionFactory()
    endpoint("all")
    endpoint("english", languages=["en"])
    endpoint("news", sections=[news])
    endpoint("sport", sections=[SectionFactory()])
    endpoint("leaving", events=["unpublished"])
    endpoint("off", active=False)
    article = ArticleFactory(section=news)
    committed(lambda: services.article_publish(article=article, language="uk"))
    committed(lambda: services.article_publish(article=article, language="en"))
    assert sent() == [
        ("all", "published", "uk"),
        ("news", "published", "uk"),
        ("all", "published", "en"),
        ("english", "published", "en"),
        ("news", "published", "en"),
    ]


def test_without_endpoints_a_publication_writes_nothing(committed, django_assert_num_queries):
    """The common case costs one query after commit."""
    article = ArticleFactory()
    version = committed(lambda: services.article_publish(article=article, language="uk"))
    from webhooks import services as webhook_services

    with django_assert_num_queries(1):
        assert webhook_services.record_event(event="published", version=version) == []
    assert not Delivery.objects.exists()


def test_a_scheduled_story_fires_when_it_goes_live_not_when_scheduled(committed):
    """Scheduling sends nothing; publish_scheduled at its minute sends "published" once."""
    endpoint("partner")
    article = ArticleFactory()
    at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    committed(lambda: services.article_publish(article=article, language="uk", at=at))
    assert sent() == []
    with time_machine.travel(at - timedelta(minutes=1)):
        assert committed(services.publish_due) == (0, 0)
    assert sent() == []
    with time_machine.travel(at + timedelta(seconds=20)):
        assert committed(services.publish_due) == (1, 0)
        assert committed(services.publish_due) == (0, 0)
    assert sent() == [("partner", "published", "uk")]
    delivery = Delivery.objects.get()
    assert delivery.payload["title"] == article.title_uk
    assert delivery.occurred_at >= at


def test_unpublishing_and_the_trash_send_unpublished_with_the_former_address(committed):
    """The article is no longer in the API: the payload names it and where it was."""
    endpoint("partner")
    article = ArticleFactory()
    committed(lambda: services.article_publish(article=article, language="uk"))
    committed(lambda: services.article_unpublish(article=article, language="uk"))
    committed(lambda: services.article_publish(article=article, language="uk"))
    committed(lambda: services.article_trash(article=article, by=None))
    assert [event for _name, event, _code in sent()] == [
        "published",
        "unpublished",
        "published",
        "unpublished",
    ]
    gone = Delivery.objects.filter(event="unpublished").first()
    assert gone.payload == {
        "id": article.pk,
        "language": "uk",
        "url": "https://news.example.org" + article.get_absolute_url("uk"),
    }


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def save(client, article, committed, **changes):
    data = form_data(client.get(change_url(article))) | changes
    response = committed(lambda: client.post(change_url(article), data))
    assert response.status_code == 302, response.context["errors"]


def went_live_earlier(article):
    LanguageVersion.objects.filter(article=article).update(
        went_live_at=timezone.now() - timedelta(hours=1)
    )


def test_editing_a_live_version_in_the_admin_sends_updated_for_its_language(
    committed, admin_client
):
    """A new Ukrainian title: "updated" in Ukrainian only (the English article did not
    change); a save changing nothing sends nothing."""
    endpoint("partner")
    article = ArticleFactory()
    for code in ("uk", "en"):
        committed(lambda code=code: services.article_publish(article=article, language=code))
    went_live_earlier(article)
    save(admin_client, article, committed, title_uk="Новий заголовок")
    assert sent(event="updated") == [("partner", "updated", "uk")]
    assert Delivery.objects.get(event="updated").payload["title"] == "Новий заголовок"
    save(admin_client, article, committed)
    assert sent(event="updated") == [("partner", "updated", "uk")]


def test_a_draft_or_a_version_published_in_the_same_save_sends_no_updated(committed, admin_client):
    """Publishing from the admin with a text change sends "published" alone; an edited draft
    sends nothing at all."""
    endpoint("partner")
    article = ready_to_publish(ArticleFactory())
    save(admin_client, article, committed, title_ru="Чернетка")
    assert sent() == []
    save(admin_client, article, committed, title_uk="Готово", state_uk=Status.PUBLISHED)
    assert sent() == [("partner", "published", "uk")]


def test_a_failure_in_recording_never_fails_the_save(committed, monkeypatch, caplog):
    """A bug or a database hiccup while writing deliveries is logged; the publication stands."""
    from webhooks import services as webhook_services

    endpoint("partner")

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(webhook_services, "record_event", broken)
    article = ArticleFactory()
    version = committed(lambda: services.article_publish(article=article, language="uk"))
    assert version.is_live and not Delivery.objects.exists()
    assert "Webhook event not recorded" in caplog.text


def test_run_jobs_sends_what_is_due_without_a_queue(committed, receiver):
    """The every-minute jobs include the sweep: with no queue it sends due deliveries."""
    from django.core.management import call_command

    Endpoint.objects.create(name="Partner", url=receiver.url)
    article = ArticleFactory()
    committed(lambda: services.article_publish(article=article, language="uk"))
    call_command("run_jobs", "--once")
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED
    assert receiver.bodies()[0]["article"]["id"] == article.pk


def test_a_correction_on_a_live_version_sends_updated_for_its_language(committed, admin_user):
    """A correction is part of the API's article: partners get "updated" in its language."""
    from corrections import services as corrections

    endpoint("partner")
    article = ArticleFactory()
    for code in ("uk", "en"):
        committed(lambda code=code: services.article_publish(article=article, language=code))
    went_live_earlier(article)
    committed(
        lambda: corrections.correction_add(
            article=article, language="en", text="The bridge is 300 m long.", by=admin_user
        )
    )
    assert sent(event="updated") == [("partner", "updated", "en")]
    [note] = Delivery.objects.get(event="updated").payload["corrections"]
    assert note["text"] == "The bridge is 300 m long."
