"""Live coverage: an article told as timestamped updates, newest first, in each language.

An article is a live story while it has a `LiveCoverage` that has not ended; its updates
(`LiveUpdate`) belong to one language each and have their own publication state, so a draft or a
scheduled update is on no public page while the article itself is live. Nothing here adds a
column to the article: ending the coverage leaves an ordinary article with its updates kept.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles import blocks, richtext
from articles.fields import user_stamp
from articles.models import Article, Author, BlockContent, Language


class LiveCoverage(models.Model):
    """An article being (or having been) covered live: when it started and when it ended."""

    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="live_coverage",
    )
    started_at = models.DateTimeField(
        _("coverage started"),
        default=timezone.now,
        help_text=_("Shown to search engines as the start of the live coverage."),
    )
    ended_at = models.DateTimeField(
        _("coverage ended"),
        null=True,
        blank=True,
        help_text=_("Empty while the story is live: readers see the “Live” mark and new updates."),
    )
    started_by = user_stamp(_("started by"))
    ended_by = user_stamp(_("ended by"))

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage")

    def __str__(self):
        return str(self.article)

    def get_absolute_url(self):
        return reverse("admin:liveblog_livecoverage_desk", args=[self.pk])

    @property
    def is_on(self) -> bool:
        return self.ended_at is None


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def update_live_q(now=None, prefix: str = "") -> Q:
    """An update readers may see: published and its time has come. Used with the article's own
    `live_q`/`live()`: an update is public only on an article live in its language."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status": UpdateStatus.PUBLISHED, f"{prefix}publish_at__lte": now})


class LiveUpdateQuerySet(models.QuerySet):
    def live(self, language: str, now=None):
        """The updates of `language` readers may see (on an article live in it)."""
        return self.filter(update_live_q(now), language=language)

    def newest_first(self):
        return self.order_by("-publish_at", "-id")


class LiveUpdate(models.Model):
    """One entry of a live story in one language: a time, an optional headline, rich text and
    0..N typed blocks (`LiveUpdateBlock`: a quote, a photo, a background list… as in the body,
    rendered by the body's block templates)."""

    Status = UpdateStatus

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="live_updates"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(
        _("state"), max_length=12, choices=UpdateStatus.choices, default=UpdateStatus.DRAFT
    )
    publish_at = models.DateTimeField(
        _("time"),
        null=True,
        blank=True,
        help_text=_("The update's time on the page. A future time schedules it."),
    )
    headline = models.CharField(
        _("headline"),
        max_length=200,
        blank=True,
        help_text=_("Optional: a few words over the update, for the key moments."),
    )
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Bold, italic, links and lists are kept; other formatting is removed."),
    )
    author = models.ForeignKey(
        Author,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_updates",
        help_text=_("Who signs the update; empty for the newsroom."),
    )
    pinned = models.BooleanField(
        _("pinned"),
        default=False,
        help_text=_("Shown first, above the newest updates (one per language)."),
    )
    created_by = user_stamp(_("created by"))
    updated_by = user_stamp(_("last saved by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    edit_count = models.PositiveIntegerField(
        _("saves"),
        default=0,
        editable=False,
        help_text=_("Goes up with every save: a form opened before it cannot overwrite it."),
    )

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["article", "language", "-publish_at", "-id"]
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="live_update_published_has_time",
            ),
            # Two editors pinning at once: one of them wins, not two pinned entries.
            models.UniqueConstraint(
                fields=["article", "language"],
                condition=Q(pinned=True),
                name="one_pinned_update_per_language",
            ),
        ]
        indexes = [
            # A live page's updates newest first, and their newest time for feeds and sitemaps.
            models.Index(
                fields=["article", "language", "status", "-publish_at"], name="live_update_page_idx"
            ),
            # The next scheduled update (pagecache/schedule.py caps cache lifetimes by it).
            models.Index(fields=["status", "publish_at"], name="live_update_schedule_idx"),
        ]

    def __str__(self):
        words = richtext.plain_text(self.text)
        if not words and self.pk:
            # An update of blocks only (a quote, a list) is named by their words.
            words = self.plain_text
        return self.headline or Truncator(words).chars(60) or f"#{self.pk}"

    def save(self, *args, **kwargs):
        # Sanitised on every save, as body blocks are: the shell and imports too.
        self.text = richtext.sanitize(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url(self.language)}#update-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What readers saw before this change: a live update that leaves purges hard.
        instance._loaded_live = instance.is_live
        return instance

    @property
    def was_live(self) -> bool:
        return getattr(self, "_loaded_live", False)

    @property
    def is_live(self) -> bool:
        return (
            self.status == UpdateStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == UpdateStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def shown_blocks(self) -> list:
        """The blocks readers see, in order: a "Read also" only when its article is live in the
        update's language, as in the body. The public reads annotate `target_live`
        (selectors.blocks_prefetch); a block read without it is left out, never shown."""
        return [
            block
            for block in self.blocks.all()
            if block.kind != blocks.Kind.READ_ALSO or getattr(block, "target_live", False)
        ]

    @property
    def plain_text(self) -> str:
        """The words of the text and of the blocks readers see (structured data, feeds)."""
        words = [richtext.plain_text(self.text), *(b.plain_text for b in self.shown_blocks)]
        return " ".join(word for word in words if word)


class LiveUpdateBlock(BlockContent):
    """One typed block of a live update, after its text: the body's block types, fields, rules
    and templates (`articles.models.BlockContent`, `articles/blocks.py`)."""

    update = models.ForeignKey(
        LiveUpdate, verbose_name=_("update"), on_delete=models.CASCADE, related_name="blocks"
    )
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        # By the column: ordering by "update" would join the updates to sort by their order.
        ordering = ["update_id", "position", "id"]
        verbose_name = _("update block")
        verbose_name_plural = _("update blocks")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.position}"

    def get_absolute_url(self):
        return self.update.get_absolute_url()

    @property
    def owner_article_id(self):
        # Set by the desk's form before the update exists; else the update's article (the
        # services build blocks on an update they already hold: no query).
        if getattr(self, "_article_id", None):
            return self._article_id
        if self.update_id or "update" in self._state.fields_cache:
            return self.update.article_id
        return None


class LiveEvent(models.Model):
    """The record of a live story: who started or ended it, and who added, edited, published,
    pinned or deleted which update, when. Written by `liveblog.services` only."""

    class Action(models.TextChoices):
        STARTED = "started", _("Coverage started")
        ENDED = "ended", _("Coverage ended")
        ADDED = "added", _("Update added")
        EDITED = "edited", _("Update edited")
        PUBLISHED = "published", _("Update published")
        SCHEDULED = "scheduled", _("Update scheduled")
        UNPUBLISHED = "unpublished", _("Update unpublished")
        PINNED = "pinned", _("Update pinned")
        UNPINNED = "unpinned", _("Update unpinned")
        DELETED = "deleted", _("Update deleted")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="live_events"
    )
    update = models.ForeignKey(
        LiveUpdate,
        verbose_name=_("update"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    action = models.CharField(_("what"), max_length=12, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for the system (imports, the demo seeder)."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("The update's headline or first words, kept after it is deleted."),
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("live coverage event")
        verbose_name_plural = _("live coverage history")

    def __str__(self):
        return f"{self.article} [{self.language or '—'}] {self.get_action_display()}"

    def get_absolute_url(self):
        return self.article.get_absolute_url(self.language or None)
