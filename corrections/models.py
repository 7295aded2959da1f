"""Corrections and editor's notes: dated notes an editor attaches to one language version of an
article, shown with its text, in its structured data, feeds and API, and listed on a public page
per language.

A note has no publication state of its own: readers see it exactly when they see its language
version (`CorrectionQuerySet.live`). A note written on a draft, a scheduled version or one taken
off the site waits, unseen, for the version to go live.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.blocks import Kind as BlockKind
from articles.blocks import clean_text
from articles.fields import user_stamp
from articles.models import Language, live_q


class CorrectionQuerySet(models.QuerySet):
    def live(self, language: str, now=None):
        """Notes readers of `language` may see: those of versions live in it. One filter()
        call, so the article and its version are one join each (articles.models.live_q)."""
        return self.filter(live_q(language, now, prefix="article__"), language=language)

    def as_shown(self, language: str):
        """The notes of `language` in the order a page shows them, oldest first. For articles
        already found live in the language: their notes are public exactly then."""
        return self.filter(language=language).order_by("dated_at", "id")


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        EDITORS_NOTE = "editors_note", _("Editor's note")
        UPDATE = "update", _("Update")

    class Placement(models.TextChoices):
        ABOVE = "above", _("Above the text")
        BELOW = "below", _("Under the text")

    # A correction is read after the text it corrects (the common practice of news sites); an
    # editor's note or an update frames the text, so it comes first.
    DEFAULT_PLACEMENT = {
        Kind.CORRECTION: Placement.BELOW,
        Kind.EDITORS_NOTE: Placement.ABOVE,
        Kind.UPDATE: Placement.ABOVE,
    }

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        help_text=_("The language version it belongs to; each language has its own notes."),
    )
    kind = models.CharField(
        _("type"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.CORRECTION,
        help_text=_(
            "Correction: a fact was wrong. Editor's note: context readers should know. "
            "Update: what was added since publication."
        ),
    )
    text = models.TextField(
        _("text"),
        help_text=_(
            "What was wrong and what is right, in one or two sentences. Bold, italic and links "
            "are kept."
        ),
    )
    dated_at = models.DateTimeField(
        _("dated"),
        default=timezone.now,
        help_text=_("Shown with the note, in Kyiv time. Not in the future."),
    )
    placement = models.CharField(
        _("shown"),
        max_length=5,
        choices=Placement.choices,
        blank=True,
        help_text=_("Empty: a correction under the text, an editor's note or update above it."),
    )
    created_by = user_stamp(_("added by"))
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    updated_by = user_stamp(_("last changed by"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-dated_at", "-id"]
        verbose_name = _("correction or note")
        verbose_name_plural = _("corrections and notes")
        indexes = [
            # The public list of a language reads this index newest first.
            models.Index(fields=["language", "-dated_at", "-id"], name="correction_list_idx"),
            models.Index(fields=["article", "language"], name="correction_article_idx"),
        ]

    def __str__(self):
        when = timezone.localtime(self.dated_at).strftime("%d.%m.%Y %H:%M")
        return f"{self.get_kind_display()} [{self.language}] {when}"

    def save(self, *args, **kwargs):
        # Sanitised on every save, as body blocks are: the shell, imports and the demo too.
        self.sanitize()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The note on its article's page (which is a 404 while the version is not live)."""
        return f"{self.article.get_absolute_url(self.language)}#{self.anchor}"

    def sanitize(self):
        # One paragraph after "Correction, <date>:": inline markup, as a Source line keeps.
        self.text = clean_text(BlockKind.SOURCE, self.text)
        if not self.placement:
            self.placement = self.DEFAULT_PLACEMENT.get(self.kind, self.Placement.BELOW)

    @property
    def anchor(self):
        return f"correction-{self.pk}"

    @property
    def is_above(self):
        return self.placement == self.Placement.ABOVE

    @property
    def admin_url(self):
        return reverse("admin:corrections_correction_change", args=[self.pk])
