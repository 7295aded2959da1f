import functools
import uuid
from datetime import date
from pathlib import PurePath
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from newsroom.slugs import SluggedModel

from . import blocks, richtext
from .fields import HttpsURLField, PhotoField, strip_upload, user_stamp
from .validators import validate_image_file

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class Language(models.TextChoices):
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    EN = "en", _("English")


class Section(SluggedModel):
    name = models.CharField(_("name"), max_length=100, help_text=_("Shown in the sections menu."))
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Latin, used in the section's address; made from the Ukrainian name if empty."),
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections are listed in this order, smallest first.")
    )

    slug_fallback = "section"

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name_uk or self.name or self.slug

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


def _storage_name(folder, filename):
    # Uploaded names are replaced: Cyrillic, spaces and clashes have no place in storage keys.
    suffix = PurePath(filename).suffix.lower()[:5] or ".jpg"
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def upload_photo(instance, filename):
    return _storage_name("photos", filename)


def upload_author_photo(instance, filename):
    return _storage_name("authors", filename)


def upload_thumbnail(instance, filename):
    return _storage_name("thumbs", filename)


class Author(SluggedModel):
    name = models.CharField(
        pgettext_lazy("person", "name"), max_length=150, help_text=_("As it is signed under texts.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Latin, used in the author's address; made from the Ukrainian name if empty."),
    )
    photo = PhotoField(
        _("photo"),
        upload_to=upload_author_photo,
        blank=True,
        validators=[validate_image_file],
        help_text=_("A portrait, JPEG/PNG/WebP."),
    )
    bio = models.TextField(_("short bio"), blank=True, help_text=_("One or two sentences."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text=_("The staff account of this author, if they write in the admin themselves."),
    )

    slug_fallback = "author"

    class Meta:
        ordering = ["slug"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name_uk or self.name or self.slug

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Photo(models.Model):
    image = PhotoField(
        _("image"),
        upload_to=upload_photo,
        validators=[validate_image_file],
        help_text=_("JPEG, PNG, WebP or GIF, at most 20 MB and 40 megapixels."),
    )
    # Set from the image as displayed (EXIF orientation applied) when it is uploaded; Django's
    # width_field/height_field would store the unrotated size.
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=upload_thumbnail, editable=False)
    # Made once on upload and recorded here (names and sizes, see articles/renditions.py), so a
    # page lists every size of a photo with no extra query and no image work.
    renditions = models.JSONField(
        _("renditions"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Resized WebP and JPEG copies and crops, made when the image is uploaded."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Written under the photo, e.g. “Photo: Office of the President of Ukraine”."),
    )
    # Fractions of the width and height (0 = left/top edge, 1 = right/bottom), so the point does
    # not depend on the size of the image; empty means centred crops (articles/renditions.py).
    focal_x = models.FloatField(
        _("focal point, across"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_(
            "Where the point of interest is, from 0 (left edge) to 1 (right edge). "
            "Cropped versions keep it in frame; empty means centred."
        ),
    )
    focal_y = models.FloatField(
        _("focal point, down"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_(
            "Where the point of interest is, from 0 (top edge) to 1 (bottom edge). "
            "Cropped versions keep it in frame; empty means centred."
        ),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    THUMBNAIL_WIDTH = 240

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption_uk or self.alt_text_uk or PurePath(self.image.name).name

    def save(self, *args, **kwargs):
        from . import mediafiles, renditions

        self.__dict__.pop("_variants", None)  # renditions.best()'s memo of the old ones
        update_fields = kwargs.get("update_fields")
        new_image = (
            bool(self.image)
            and (update_fields is None or "image" in update_fields)
            and (not self.thumbnail or self._image_changed())
        )
        # Only the crops depend on it: the other sizes are kept (articles/renditions.py).
        new_focus = not new_image and self._focus_moved(update_fields)
        old_renditions = self.renditions
        try:
            if new_image:
                if self._image_changed():
                    # Before the thumbnail and renditions are made from it (fields.strip_upload).
                    strip_upload(self.image)
                self._make_thumbnail()
                self.renditions = renditions.make_renditions(self)
                if update_fields is not None:
                    # What is derived from the image is saved with it.
                    derived = ("width", "height", "thumbnail", "renditions")
                    kwargs["update_fields"] = {*update_fields, *derived}
            elif new_focus:
                self.renditions = renditions.remake_crops(self)
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "renditions"}
            # The old files go after commit: no stale copy of a page may keep pointing at them
            # (pagecache/signals.py purges this photo's pages hard, on post_save).
            self.files_replaced = bool(old_renditions) and self.renditions is not old_renditions
            super().save(*args, **kwargs)
        except BaseException:
            # The row does not point at them: they would never be found again.
            if self.renditions is not old_renditions:
                renditions.delete_renditions(self.renditions, keep=old_renditions)
            self.renditions = old_renditions
            if new_image:
                mediafiles.discard_new_files(self)
            raise
        self._crops_focus = self._loaded_focus()
        # The old image, thumbnail and renditions are deleted by articles/mediafiles.py only once
        # the new ones are committed: until then pages may still show the old ones, and a
        # rollback keeps the row pointing at them.

    def get_absolute_url(self):
        return self.image.url

    @classmethod
    def from_db(cls, db, field_names, values):
        photo = super().from_db(db, field_names, values)
        # The point the stored crops were made for: save() makes them again when it moves.
        photo._crops_focus = photo._loaded_focus()
        return photo

    def _image_changed(self):
        return not getattr(self.image, "_committed", True)

    def _loaded_focus(self):
        """(focal_x, focal_y) as loaded, or None when either was deferred (not known)."""
        if "focal_x" in self.__dict__ and "focal_y" in self.__dict__:
            return (self.focal_x, self.focal_y)
        return None

    def _focus_moved(self, update_fields):
        """Whether this save changes the focal point of a photo whose crops are stored."""
        fields = {"focal_x", "focal_y"}
        if self.pk is None or (update_fields is not None and not fields & set(update_fields)):
            return False
        if not fields & self.__dict__.keys():
            return False  # neither loaded, so neither set
        known = self.__dict__.get("_crops_focus")
        if known is None:
            # Built by hand or loaded without them: the row tells.
            known = type(self)._base_manager.filter(pk=self.pk).values_list(*sorted(fields)).first()
        return tuple(known or ()) != (self.focal_x, self.focal_y) and bool(self.renditions)

    def _make_thumbnail(self):
        """A small JPEG for admin lists, made once when the image is uploaded; also stores the
        photo's size."""
        from io import BytesIO

        from django.core.files.base import ContentFile
        from PIL import Image, ImageOps

        self.image.open("rb")
        self.image.seek(0)
        with Image.open(self.image) as source:
            picture = ImageOps.exif_transpose(source).convert("RGB")
        # The size as displayed: browsers apply the EXIF orientation.
        self.width, self.height = picture.size
        picture.thumbnail((self.THUMBNAIL_WIDTH, self.THUMBNAIL_WIDTH * 3))
        buffer = BytesIO()
        picture.save(buffer, "JPEG", quality=80, optimize=True)
        self.image.seek(0)
        self.thumbnail.save("thumb.jpg", ContentFile(buffer.getvalue()), save=False)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    RETURNED = "returned", _("Returned to the author")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


def version_live_q(now=None, prefix: str = "") -> Q:
    """A language version readers may see: published, its time has come and, if it expires,
    that time has not."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": now}) & (
        Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now})
    )


def live_q(language: str, now=None, prefix: str = "") -> Q:
    """The one definition of "readers may see this article in `language`".

    `prefix` points at an Article from another model ("article__", "link_article__").
    Every public query — pages, feeds, sitemaps, search, ads, the API — starts from here.
    Used in one filter() call, the conditions share one join to the language version.
    """
    versions = f"{prefix}versions__"
    return Q(
        **{f"{prefix}deleted_at__isnull": True, f"{versions}language": language}
    ) & version_live_q(now, prefix=versions)


class LanguageVersionQuerySet(models.QuerySet):
    def live(self, now=None):
        return self.filter(version_live_q(now), article__deleted_at__isnull=True)

    def planned(self, start, end):
        """Versions published or scheduled to go live from `start` to before `end` (live,
        expired or still to come), outside the trash, in order of time: the editors' plan."""
        return self.filter(
            status=Status.PUBLISHED,
            publish_at__gte=start,
            publish_at__lt=end,
            article__deleted_at__isnull=True,
        ).order_by("publish_at", "article_id", "language")


class ArticleQuerySet(models.QuerySet):
    def live(self, language: str | None = None, now=None):
        """Articles live in `language` (default: the active one), with their `published_at`
        in that language annotated. The filter's join to the language version is reused by the
        annotation, so this is one join and at most one row per article."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        return self.filter(live_q(language, now)).annotate(published_at=F("versions__publish_at"))

    def newest_first(self):
        return self.order_by("-published_at", "-id")


class ArticleTag(TaggedItemBase):
    """An article's tag, in the order the journalist gave (the first one leads "More on …").

    Declared before Article because taggit needs the through model as a class, not a name.
    """

    tag = models.ForeignKey(
        "tags.Tag", verbose_name=_("tag"), on_delete=models.CASCADE, related_name="article_items"
    )
    content_object = models.ForeignKey(
        "Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="tagged_items"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["content_object", "position", "id"]
        verbose_name = _("article tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="one_tag_per_article")
        ]

    def __str__(self):
        return str(self.tag)

    def get_absolute_url(self):
        return self.tag.get_absolute_url()


def _reversed_detail(language, pk, day):
    with translation.override(language):
        kwargs = {"year": f"{day:%Y}", "month": f"{day:%m}", "day": f"{day:%d}", "pk": pk}
        return reverse("articles:detail", kwargs=kwargs)


@functools.lru_cache(maxsize=32)
def _detail_path_maker(language, resolver, script_prefix):
    """A function (article id, url date) -> the article's address in `language`, made from one
    reverse() checked against a second: a page lists dozens of articles and a sitemap page
    10,000, and reverse() was a large share of their time. reverse() itself for a language
    whose address is not the plain date-and-id pattern. Per URLconf and script prefix, since
    reverse() depends on both."""
    probe = _reversed_detail(language, 87654321, date(1999, 12, 31))
    prefix, found, suffix = probe.partition("1999/12/31/87654321")
    if found and f"{prefix}2024/01/02/5{suffix}" == _reversed_detail(language, 5, date(2024, 1, 2)):
        return lambda pk, day: f"{prefix}{day.year:04d}/{day.month:02d}/{day.day:02d}/{pk}{suffix}"
    return lambda pk, day: _reversed_detail(language, pk, day)


def detail_path_maker(language):
    """A function (article id, url date) -> the article's address in `language`."""
    return _detail_path_maker(language, get_resolver(get_urlconf()), get_script_prefix())


def detail_path(pk, day, language):
    """The address of article `pk` whose url date is `day`, in `language`."""
    return detail_path_maker(language)(pk, day)


class Article(models.Model):
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("The headline. Required for every language the article is published in."),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences under the headline: what happened, who, where."),
    )
    seo_title = models.CharField(
        _("title for search engines"),
        max_length=70,
        blank=True,
        help_text=_(
            "Optional: the headline in search results and link cards, if the title is too long "
            "or too allusive for them. Empty means the title."
        ),
    )
    meta_description = models.CharField(
        _("description for search engines"),
        max_length=170,
        blank=True,
        help_text=_(
            "Optional: the text under the headline in search results and link cards. Empty "
            "means the lead."
        ),
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        Author,
        verbose_name=_("authors"),
        through="ArticleAuthor",
        related_name="articles",
        blank=True,
    )
    hero_photo = models.ForeignKey(
        Photo,
        verbose_name=_("hero photo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Shown under the headline with its caption and credit."),
    )
    tags = TaggableManager(
        verbose_name=_("tags"), through=ArticleTag, blank=True, related_name="articles"
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("related articles"),
        through="RelatedArticle",
        through_fields=("article", "related"),
        symmetrical=False,
        related_name="+",
        blank=True,
    )
    is_important = models.BooleanField(
        _("important"), default=False, help_text=_("Shown in bold in news lists.")
    )
    is_breaking = models.BooleanField(
        _("breaking"), default=False, help_text=_("Marked as breaking news and put first.")
    )
    ads_off_in = models.JSONField(
        _("no ads in"),
        default=list,
        blank=True,
        help_text=_(
            "Languages in which this article's page shows no ads at all, e.g. for a tragedy."
        ),
    )
    publish_at = models.DateTimeField(
        _("first publication"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "When the article first went live in any language. Fixes the date in its address."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    deleted_at = models.DateTimeField(
        _("moved to trash"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Set when the article is in the trash: off the site, restorable by editors."),
    )
    edit_count = models.PositiveIntegerField(
        _("saves"),
        default=0,
        editable=False,
        help_text=_(
            "Goes up with every save in the admin; a form opened before the last save "
            "cannot overwrite it."
        ),
    )
    updated_by = user_stamp(_("last saved by"))
    created_by = user_stamp(_("created by"))

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-created_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule, unpublish and return articles")),
            ("edit_any_article", _("Can edit other people's articles and live articles")),
        ]

    def __str__(self):
        for code in LANGUAGE_CODES:
            title = getattr(self, f"title_{code}", "")
            if title:
                return title
        return _("Article #%(id)s") % {"id": self.pk}

    def get_absolute_url(self, language: str | None = None):
        """The canonical address; the same path in every language but for its prefix."""
        return detail_path(self.pk, self.url_date, language or translation.get_language())

    @property
    def url_date(self):
        return timezone.localdate(self.publish_at or self.created_at or timezone.now())

    def is_owned_by(self, user) -> bool:
        """Whether `user` wrote this article: created it, or is one of its signed authors."""
        if not user.is_authenticated or not self.pk:
            return False
        if self.created_by_id == user.pk:
            return True
        # Asked for every inline and permission of an admin page: one query per instance.
        known = self.__dict__.setdefault("_owned_by", {})
        if user.pk not in known:
            known[user.pk] = self.bylines.filter(author__user=user).exists()
        return known[user.pk]

    def title_in(self, language: str) -> str:
        return getattr(self, f"title_{language}", "") or ""

    def has_text_in(self, language: str) -> bool:
        return bool(self.title_in(language))


class LanguageVersion(models.Model):
    """The publication state of one language of an article.

    The Ukrainian original can be live at 13:56 while the English translation is still a draft and
    goes live at 15:20: each language has its own row. A published version with a future
    `publish_at` is scheduled; public queries compare with the clock, so it goes live on the
    minute with nothing else running.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(
        _("state"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Live from this minute on. A future time schedules the publication."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("Optional: the version leaves the site at this minute by itself."),
    )
    first_published_at = models.DateTimeField(
        _("first went live"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When this language first went live; never changes afterwards."),
    )
    went_live_at = models.DateTimeField(
        _("going-live steps done"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the steps of going live (history, cache purge) were done for the current "
            "publication. Empty for a scheduled version until `publish_scheduled` runs."
        ),
    )
    translated_from = models.CharField(
        _("translated from"),
        max_length=2,
        choices=Language.choices,
        blank=True,
        help_text=_(
            "The language this version was started from: its text is shown beside each block "
            "while translating."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # `updated_at` moves with state changes and the article's row with any language's edit:
    # neither says that readers of this language have new text (corrections/updates.py).
    text_updated_at = models.DateTimeField(
        _("text last changed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the title, lead or body of this language last changed; the page says "
            "“Updated” if that was well after its publication."
        ),
    )
    # Derived for site search (articles/search.py), kept up to date after every change.
    search_text = models.TextField(
        _("search text"),
        blank=True,
        editable=False,
        help_text=_("Body, tags and authors of this version as plain text, for search."),
    )
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = LanguageVersionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="one_version_per_language"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="published_has_time",
            ),
        ]
        indexes = [
            # The live() filter and newest-first lists of one language read this index backwards.
            models.Index(fields=["language", "status", "-publish_at"], name="version_live_idx"),
            # The next scheduled publication and expiry of any language (pagecache/schedule.py
            # caps cache lifetimes by them): the first entry of an index range.
            models.Index(fields=["status", "publish_at"], name="version_schedule_idx"),
            models.Index(fields=["status", "unpublish_at"], name="version_expiry_idx"),
        ]

    def __str__(self):
        return f"{self.article} [{self.language}]"

    def get_absolute_url(self):
        return self.article.get_absolute_url(self.language)

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_scheduled(self):
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def is_expired(self):
        return (
            self.status == Status.PUBLISHED
            and self.unpublish_at is not None
            and self.unpublish_at <= timezone.now()
        )


class ArticleAuthor(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["article", "position", "id"]
        verbose_name = _("byline")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="one_byline_per_author")
        ]

    def __str__(self):
        return str(self.author)

    def get_absolute_url(self):
        return self.author.get_absolute_url()


class RelatedArticle(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(
        Article,
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["article", "position", "id"]
        verbose_name = _("related article")
        verbose_name_plural = _("related news")
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="one_link_per_related"),
            models.CheckConstraint(
                condition=~Q(article=F("related")), name="not_related_to_itself"
            ),
        ]

    def __str__(self):
        return str(self.related)

    def get_absolute_url(self):
        return self.related.get_absolute_url()

    def clean(self):
        if self.article_id and self.article_id == self.related_id:
            raise ValidationError({"related": _("An article cannot be related to itself.")})


class BlockContent(models.Model):
    """A typed block's content, as `blocks.REGISTRY` declares it: its type, the fields that type
    uses, how they are cleaned and the template that shows them. The body's blocks (`Block`) and
    a live update's blocks (`liveblog.LiveUpdateBlock`) are both made of it, so an update shows
    a quote or a photo exactly as the body does."""

    Kind = blocks.Kind

    kind = models.CharField(_("type"), max_length=16, choices=blocks.Kind.choices)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Bold, italic, links and lists are kept; other formatting is removed."),
    )
    attribution = models.CharField(
        _("who said it"), max_length=200, blank=True, help_text=_("Quote blocks only.")
    )
    items = models.TextField(
        _("list items"),
        blank=True,
        help_text=_("Background blocks: one bullet point per line."),
    )
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    url = HttpsURLField(
        _("embed link"),
        blank=True,
        max_length=500,
        help_text=_("A post on X (Twitter), Telegram or YouTube. Shown as a link, no scripts."),
    )
    link_article = models.ForeignKey(
        Article,
        verbose_name=_("article to read also"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Sanitised on every save, not only through forms: the shell, imports and the API too.
        if self.kind in blocks.REGISTRY:
            self.sanitize()
        super().save(*args, **kwargs)

    @property
    def owner_article_id(self):
        """The article the block belongs to: a "Read also" may not point back at it."""
        raise NotImplementedError

    @property
    def block_type(self):
        return blocks.REGISTRY[self.kind]

    @property
    def template_name(self):
        return self.block_type.template_name(self.kind)

    @property
    def item_list(self):
        return [line for line in self.items.splitlines() if line.strip()]

    @property
    def plain_text(self) -> str:
        """The block's words without markup, lines kept apart (a live update's articleBody)."""
        return richtext.plain_text(" ".join([self.text, self.attribution, *self.item_list]))

    @property
    def embed_provider(self):
        try:
            return blocks.embed_provider(self.url)
        except ValidationError:
            # Saved before links were held to each provider's shape: still named by its host
            # (the page shows a link either way; the next save asks for a proper one).
            return blocks.EMBED_HOSTS.get((urlsplit(self.url or "").hostname or "").lower(), "")

    def clean(self):
        """Refuse a block that would lose or hide text, rather than quietly dropping it."""
        if self.kind not in blocks.REGISTRY:
            return
        block_type = self.block_type
        errors = {}
        for name in blocks.CONTENT_FIELDS:
            value = getattr(self, f"{name}_id" if name in ("photo", "link_article") else name)
            if name not in block_type.fields and value:
                errors[name] = ValidationError(
                    _(
                        "A %(kind)s block does not use this field. Move its content to a block "
                        "of the right type, or clear it."
                    ),
                    code="unused_field",
                    params={"kind": self.get_kind_display()},
                )
        self.sanitize()
        for name in block_type.required:
            value = getattr(self, f"{name}_id" if name in ("photo", "link_article") else name)
            if not value and name not in errors:
                errors[name] = ValidationError(
                    _("A %(kind)s block needs this field."),
                    code="required",
                    params={"kind": self.get_kind_display()},
                )
        if self.kind == blocks.Kind.EMBED and self.url and "url" not in errors:
            try:
                blocks.embed_provider(self.url)
            except ValidationError as error:
                errors["url"] = error
        if self.link_article_id and self.link_article_id == self.owner_article_id:
            errors["link_article"] = ValidationError(
                _("An article cannot recommend itself."), code="self_link"
            )
        if errors:
            raise ValidationError(errors)

    def sanitize(self):
        self.text = blocks.clean_text(self.kind, self.text) if self.kind else self.text
        self.items = blocks.clean_items(self.items)


class Block(BlockContent):
    """One block of an article's body in one language: ordered, typed, rendered by its own
    template. Which fields a type uses is declared in `blocks.REGISTRY`."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="blocks"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["article", "language", "position", "id"]
        verbose_name = _("body block")
        verbose_name_plural = _("body blocks")
        indexes = [models.Index(fields=["article", "language", "position"], name="block_order_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.position}"

    def get_absolute_url(self):
        return self.article.get_absolute_url(self.language)

    @property
    def owner_article_id(self):
        return self.article_id


class StateChange(models.Model):
    """One step in the life of a language version: who moved it from which state to which,
    when, and why. Written by the services only; shown in the article's admin page."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="history"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    from_status = models.CharField(
        _("from"),
        max_length=12,
        choices=Status.choices,
        blank=True,
        help_text=_("Empty when the language version was created by this step."),
    )
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for the system (scheduled publication, imports)."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    comment = models.TextField(_("comment"), blank=True)
    overridden = models.JSONField(
        _("checks overridden"),
        default=list,
        blank=True,
        help_text=_(
            "The publication checks that failed and were overridden by this step (the comment "
            "says why)."
        ),
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("state change")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.article} [{self.language}] {self.from_status or '∅'} → {self.to_status}"

    def get_absolute_url(self):
        return self.article.get_absolute_url(self.language)

    @property
    def overridden_labels(self) -> list[str]:
        """The publish checklist's failures this step went out despite, by name."""
        from .checklist import LABELS  # the checklist reads these models

        return [str(LABELS.get(code, code)) for code in self.overridden or ()]


class Autosave(models.Model):
    """What one person had typed in an article's form and not saved yet, kept every few seconds
    by the form's script. Never public and never the article itself: the form offers to restore
    it when the person opens the article again. One per person and article (`article` is empty
    for an article not saved even once)."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    data = models.JSONField(
        _("form fields"), default=dict, help_text=_("The form's fields, as they were posted.")
    )
    loaded_edit_count = models.PositiveIntegerField(
        _("saves when opened"),
        null=True,
        blank=True,
        help_text=_("The article's number of saves when the form was opened."),
    )
    saved_at = models.DateTimeField(_("kept at"), default=timezone.now)

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("autosaved text")
        verbose_name_plural = _("autosaved texts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                name="one_autosave_per_person_and_article",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.article or '—'} · {self.saved_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        if self.article_id is None:
            return reverse("admin:articles_article_add")
        return reverse("admin:articles_article_change", args=[self.article_id])


class PreviewLink(models.Model):
    """A link to one language version as it is now, for someone without an account (a source
    checking a quote, a lawyer): signed, valid until `expires_at`, revocable, never indexed or
    cached."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="preview_links"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    note = models.CharField(
        _("for whom"),
        max_length=200,
        blank=True,
        help_text=_("Who the link was sent to, for the list of links."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return f"{self.article} [{self.language}] → {self.expires_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:articles_article_change", args=[self.article_id])
