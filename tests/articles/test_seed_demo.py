import pytest
from django.core.management import call_command

from ads.models import Creative
from articles.blocks import Kind
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleTag,
    Author,
    Block,
    LanguageVersion,
    Photo,
    RelatedArticle,
    Section,
    Status,
)
from tags.models import Tag

pytestmark = pytest.mark.django_db

MODELS = [
    Section,
    Author,
    Tag,
    Photo,
    Article,
    LanguageVersion,
    Block,
    ArticleAuthor,
    ArticleTag,
    RelatedArticle,
    Creative,
]


def counts():
    from django.contrib.auth import get_user_model

    return {m.__name__: m.objects.count() for m in [*MODELS, get_user_model()]}


def fingerprint():
    """What a second run must not change: every article's text, states, times and body."""
    return sorted(
        (
            a.title_uk,
            a.title_en or "",
            str(a.publish_at),
            tuple(a.versions.values_list("language", "status", "publish_at")),
            tuple(a.blocks.values_list("language", "position", "kind", "text", "items")),
            tuple(a.tagged_items.values_list("tag__slug", flat=True)),
        )
        for a in Article.objects.all()
    )


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed once for the module: drawing photos and 64 articles is the slow part."""
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        from io import StringIO

        out = StringIO()
        call_command("seed_demo", stdout=out)
        first, first_print = counts(), fingerprint()
        again = StringIO()
        call_command("seed_demo", stdout=again)
        second, second_print = counts(), fingerprint()
        yield {
            "first": first,
            "second": second,
            "prints": (first_print, second_print),
            "out": out.getvalue(),
            "again": again.getvalue(),
        }
        # Module-scoped data outlives the per-test transactions: remove it explicitly.
        for model in reversed(MODELS):
            model.objects.all().delete()
        from django.contrib.auth import get_user_model

        # The groups belong to the roles migration, not to the seeder: they stay.
        get_user_model().objects.all().delete()


def test_seed_twice_gives_the_same_row_counts(seeded):
    """A second run of seed_demo changes no row count and no article's content."""
    assert seeded["first"] == seeded["second"]
    assert seeded["prints"][0] == seeded["prints"][1]
    assert "(0 new)" in seeded["again"]


def test_seed_creates_a_full_newsroom(seeded):
    """Sections, 6+ authors, 40+ tags, 60+ articles, demo ads and the four users exist."""
    first = seeded["first"]
    assert first["Section"] >= 4
    assert first["Author"] >= 6
    assert first["Tag"] >= 40
    assert first["Article"] >= 60
    assert first["User"] == 4
    assert first["Creative"] >= 4


def test_passwords_are_printed_once(seeded):
    """The first run prints each user's password; the second says they exist."""
    for username in ["journalist", "editor", "admanager", "admin"]:
        assert username in seeded["out"]
    assert "already exist" in seeded["again"]


def test_demo_uses_every_block_type_and_language_mix(seeded):
    """Every block type appears; some articles are uk-only, some uk+ru, most in all three."""
    used = set(Block.objects.values_list("kind", flat=True))
    assert used == set(Kind.values)
    languages = {}
    for article_id, language in LanguageVersion.objects.filter(status=Status.PUBLISHED).values_list(
        "article_id", "language"
    ):
        languages.setdefault(article_id, set()).add(language)
    combos = [frozenset(v) for v in languages.values()]
    assert combos.count(frozenset({"uk"})) >= 3
    assert combos.count(frozenset({"uk", "ru"})) >= 3
    assert combos.count(frozenset({"uk", "ru", "en"})) >= 30
    assert LanguageVersion.objects.filter(status=Status.DRAFT, language="en").exists()


def test_demo_spreads_over_three_days_with_some_scheduled(seeded):
    """Live articles span the last three days; a few are scheduled for later."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    live = Article.objects.live("uk")
    assert live.count() >= 56
    oldest = live.order_by("published_at").first().published_at
    assert now - timedelta(hours=73) < oldest < now - timedelta(hours=48)
    scheduled = LanguageVersion.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
    assert scheduled.filter(language="uk").count() >= 2


def test_demo_photos_are_real_images_with_credits(seeded):
    """Every demo photo is a decodable JPEG with size, thumbnail and credit in three languages."""
    for photo in Photo.objects.all():
        assert photo.width == 1600 and photo.height == 900
        assert photo.thumbnail
        assert photo.credit_uk and photo.credit_ru and photo.credit_en


def test_demo_blocks_are_valid(seeded):
    """Every seeded block passes the same validation as the admin form."""
    for block in Block.objects.select_related("article"):
        block.full_clean()


@pytest.mark.parametrize("username", ["journalist", "editor", "admin"])
def test_demo_users_can_write_in_the_admin(seeded, client, username):
    """Each demo user logs into the admin and opens the article list and the new-article form."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    assert client.get("/admin/articles/article/").status_code == 200
    assert client.get("/admin/articles/article/add/").status_code == 200


@pytest.mark.parametrize(("username", "allowed"), [("admanager", 200), ("editor", 403)])
def test_demo_ad_manager_books_ads_and_only_they(seeded, client, username, allowed):
    """The demo ad manager opens the bookings and a new-creative form; an editor cannot."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    assert client.get("/admin/ads/creative/").status_code == allowed
    assert client.get("/admin/ads/creative/add/").status_code == allowed


def test_demo_ads_are_valid_and_show_on_the_site(seeded, client):
    """Every demo creative passes the admin's validation, and the home page shows ad slots."""
    for creative in Creative.objects.all():
        # The image files were written to the seeding test's media folder; their checks ran
        # when seed_demo saved them (full_clean there).
        creative.full_clean(exclude=["image", "image_wide"])
        assert creative.slots.exists()
    page = client.get("/").content.decode()
    assert 'data-slot="header"' in page and 'data-slot="feed_inline"' in page
