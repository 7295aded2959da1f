from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase

from newsroom.slugs import SluggedModel, slugify_name


class Tag(SluggedModel, TagBase):
    """A topic readers can follow (НАТО, Зеленський, війна).

    `name` is translated by modeltranslation (name_uk / name_ru / name_en); taggit's manager itself
    cannot be. The slug is Latin, made once from the Ukrainian name and never changed afterwards,
    so tag URLs survive renames and are the same in every language.
    """

    # TagBase declares both fields; they are redeclared for our labels and the longer slug.
    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("How the tag reads on the site in this language."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Latin, used in the tag's address. Made from the Ukrainian name when left empty; "
            "changing it breaks existing links."
        ),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name_uk or self.name or self.slug

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    slug_fallback = "tag"

    # SluggedModel.save fills the slug before TagBase.save runs, so taggit's own slugify (which
    # keeps Cyrillic and numbers duplicates "_1") is never used for new tags.

    def slugify(self, tag, i=None):
        slug = slugify_name(tag, fallback="tag")
        return f"{slug}-{i + 1}" if i is not None else slug
