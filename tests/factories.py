"""factory_boy factories: the smallest valid objects, with named ways to make them live."""

from datetime import timedelta
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from ads.models import Creative, Slot
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleTag,
    Author,
    Block,
    LanguageVersion,
    Photo,
    Section,
    Status,
)
from tags.models import Tag


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name_uk = factory.Sequence(lambda n: f"Розділ {n}")
    name_ru = factory.Sequence(lambda n: f"Раздел {n}")
    name_en = factory.Sequence(lambda n: f"Section {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name_uk = factory.Sequence(lambda n: f"Автор Номер{n}")
    name_ru = factory.Sequence(lambda n: f"Автор Номер{n}")
    name_en = factory.Sequence(lambda n: f"Author Number{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name_uk = factory.Sequence(lambda n: f"тема {n}")
    name_ru = factory.Sequence(lambda n: f"тема {n}")
    name_en = factory.Sequence(lambda n: f"topic {n}")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="photo.jpg"))
    alt_text_uk = "Опис фото"
    caption_uk = "Підпис"
    credit_uk = "Фото: редакція"
    credit_en = "Photo: newsroom"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    section = factory.SubFactory(SectionFactory)
    title_uk = factory.Sequence(lambda n: f"Заголовок {n}")
    title_ru = factory.Sequence(lambda n: f"Заголовок ru {n}")
    title_en = factory.Sequence(lambda n: f"Headline {n}")
    lead_uk = "Лід статті."
    lead_en = "The lead."


class LanguageVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguageVersion

    article = factory.SubFactory(ArticleFactory)
    language = "uk"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    article = factory.SubFactory(ArticleFactory)
    language = "uk"
    kind = Block.Kind.PARAGRAPH
    text = "<p>Текст абзацу.</p>"
    position = factory.Sequence(lambda n: n * 10)


def live_article(languages=("uk",), at=None, **kwargs):
    """An article published in `languages` (an hour ago unless `at` is given)."""
    from articles import services

    article = ArticleFactory(**kwargs)
    for code in languages:
        services.article_publish(
            article=article, language=code, at=at or timezone.now() - timedelta(hours=1)
        )
    return article


def tag_article(article, *tags):
    for position, tag in enumerate(tags):
        ArticleTag.objects.create(content_object=article, tag=tag, position=position)


def sign(article, *authors):
    for position, author in enumerate(authors):
        ArticleAuthor.objects.create(article=article, author=author, position=position)


class CreativeFactory(factory.django.DjangoModelFactory):
    """An image creative running since yesterday, in every language, in the slots given as
    `slots=["sidebar_top", ...]` (slots come from the ads data migration)."""

    class Meta:
        model = Creative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Campaign {n}")
    kind = Creative.Kind.IMAGE
    image = factory.LazyFunction(
        lambda: ContentFile(image_bytes("PNG", size=(300, 250)), name="banner.png")
    )
    alt_text = "A sunny banner"
    link_url = factory.Sequence(lambda n: f"https://advertiser.example/landing/{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def slots(self, create, codes, **kwargs):
        if create and codes:
            self.slots.set(Slot.objects.filter(code__in=codes))

    @factory.post_generation
    def sections(self, create, sections, **kwargs):
        if create and sections:
            self.sections.set(sections)


def book(*codes, **kwargs):
    """A creative booked in slots `codes`, with the serving plan purged as after a commit."""
    from ads.serving import new_plan_version

    creative = CreativeFactory(slots=list(codes), **kwargs)
    new_plan_version()
    return creative


class HeroPhotoFactory(PhotoFactory):
    """A photo that passes the publish checklist in every language: 1,600 px wide, with alt
    text and credit in each (articles/checklist.py)."""

    image = factory.LazyFunction(
        lambda: ContentFile(image_bytes(size=(1600, 900)), name="hero.jpg")
    )
    alt_text_ru = "Описание фото"
    alt_text_en = "What the photo shows"
    credit_ru = "Фото: редакция"


def ready_to_publish(article, tag=None):
    """Give `article` what the publish checklist asks for in every language (a lead, a wide
    hero photo with alt text and credit, a named tag), for tests that publish through the
    admin form and test something else."""
    for code in ("uk", "ru", "en"):
        if not getattr(article, f"lead_{code}"):
            setattr(article, f"lead_{code}", "Лід." if code != "en" else "The lead.")
    article.hero_photo = HeroPhotoFactory()
    article.save()
    tag_article(article, tag or TagFactory())
    return article


def member(role, username="someone"):
    """A staff member in `role`: a group name (articles/roles.py), or "admin" for a superuser."""
    user = UserFactory(username=username, is_staff=True, is_superuser=role == "admin")
    if role and role != "admin":
        user.groups.add(Group.objects.get(name=role))
    return user


# --- live coverage (liveblog/) ---------------------------------------------------------------


def live_story(languages=("uk",), **kwargs):
    """An article live in `languages` an hour ago, covered live since then."""
    from liveblog.models import LiveCoverage

    article = live_article(languages, **kwargs)
    LiveCoverage.objects.create(article=article, started_at=timezone.now() - timedelta(hours=1))
    return article


class LiveUpdateFactory(factory.django.DjangoModelFactory):
    """A live update published ten minutes ago (pass `publish_at` and `status` for others)."""

    class Meta:
        model = "liveblog.LiveUpdate"

    article = factory.SubFactory(ArticleFactory)
    language = "uk"
    status = "published"
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=10))
    text = factory.Sequence(lambda n: f"<p>Оновлення номер {n}.</p>")


class LiveUpdateBlockFactory(factory.django.DjangoModelFactory):
    """A quote block after a live update's text (pass `kind` and its fields for others)."""

    class Meta:
        model = "liveblog.LiveUpdateBlock"

    update = factory.SubFactory(LiveUpdateFactory)
    kind = "quote"
    text = "Ми працюємо цілодобово."
    position = factory.Sequence(lambda n: (n + 1) * 10)
