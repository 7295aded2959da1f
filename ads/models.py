"""Ad slots, the creatives booked into them, and their daily counts.

A slot is a place on the site's pages (the templates put slots by *placement*, so a new slot of
a known placement needs no developer). A creative is one booking: what runs, where, for whom and
when. Which creative a reader sees is chosen when the ad is served (see `ads/serving.py`), not
when the page is rendered, so page caching never freezes the rotation or hides an impression.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.fields import HttpsURLField, PhotoField, user_stamp
from articles.models import LANGUAGE_CODES

CLICK_SALT = "ads.click"


def all_languages():
    return list(LANGUAGE_CODES)


class Slot(models.Model):
    class Placement(models.TextChoices):
        ARTICLE_BODY = "article_body", _("Inside the article text")
        ARTICLE_AFTER_TAGS = "article_after_tags", _("Article page, after the tags")
        SIDEBAR = "sidebar", _("Side column, above the latest news")
        FEED = "feed", _("Between items of news lists")
        HEADER = "header", _("Under the site header")
        FOOTER = "footer", _("Above the site footer")

    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("Short Latin name used in the page markup and reports, e.g. “sidebar_top”."),
    )
    name = models.CharField(_("name"), max_length=100)
    placement = models.CharField(
        _("where it goes"),
        max_length=30,
        choices=Placement.choices,
        help_text=_("The templates place every active slot of a placement."),
    )
    after_block = models.PositiveSmallIntegerField(
        _("after body block"),
        default=2,
        help_text=_(
            "Inside the article text only: the ad goes after this many blocks, or later if that "
            "place is next to a quote or a background block, too close to another ad or at the "
            "very end. A short article gets no ad from this slot."
        ),
    )
    every_items = models.PositiveSmallIntegerField(
        _("every N items"),
        default=6,
        validators=[MaxValueValidator(100)],
        help_text=_("News lists only: an ad after every this many items, never after the last."),
    )
    # Every slot shows at every width: a frame hidden by CSS would still be loaded (browsers
    # load hidden frames at once) and count an impression nobody saw.
    width = models.PositiveSmallIntegerField(
        _("width on phones, px"), validators=[MinValueValidator(50), MaxValueValidator(1000)]
    )
    height = models.PositiveSmallIntegerField(
        _("height on phones, px"), validators=[MinValueValidator(20), MaxValueValidator(1000)]
    )
    width_wide = models.PositiveSmallIntegerField(
        _("width on wide screens, px"),
        validators=[MinValueValidator(50), MaxValueValidator(1200)],
        help_text=_("Screens 1024 px wide and more."),
    )
    height_wide = models.PositiveSmallIntegerField(
        _("height on wide screens, px"), validators=[MinValueValidator(20), MaxValueValidator(1000)]
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive slot shows nothing anywhere.")
    )

    class Meta:
        ordering = ["placement", "after_block", "code"]
        verbose_name = _("ad slot")
        verbose_name_plural = _("ad slots")

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        """The address the page's ad frame loads: it serves a creative of this slot."""
        return reverse("ads:serve", kwargs={"code": self.code})

    def clean(self):
        if self.placement == self.Placement.FEED and self.every_items < 2:
            raise ValidationError(
                {"every_items": _("An ad after every item would be a list of ads: use 2 or more.")},
                code="feed_too_dense",
            )


def running_q(at=None, prefix=""):
    """The one definition of a creative that may be served at `at` (default now): active, its
    window open, and not weight 0. Database queries start from it; the serving plan applies
    the same rule to its cached copy (`CreativePlan.runs`), and a test holds the two equal."""
    at = at or timezone.now()
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}starts_at__lte": at,
            f"{prefix}weight__gt": 0,
        }
    ) & (Q(**{f"{prefix}ends_at__isnull": True}) | Q(**{f"{prefix}ends_at__gt": at}))


class CreativeQuerySet(models.QuerySet):
    def running(self, at=None):
        return self.filter(running_q(at))

    def not_ended(self, at=None):
        """Active creatives that run now or will: what the serving plan holds."""
        at = at or timezone.now()
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at), is_active=True)


class Creative(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image with a link")
        HTML = "html", _("Third-party tag (HTML/JavaScript)")

    class State(models.TextChoices):
        RUNNING = "running", _("running")
        SCHEDULED = "scheduled", _("scheduled")
        ENDED = "ended", _("ended")
        INACTIVE = "inactive", _("switched off")

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("For the ad team only, e.g. the advertiser and the campaign."),
    )
    slots = models.ManyToManyField(
        Slot,
        verbose_name=_("slots"),
        related_name="creatives",
        help_text=_("Where it runs. An image should have the slot's size on each screen."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.IMAGE)
    image = PhotoField(
        _("image"),
        upload_to="ads/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text=_(
            "JPEG, PNG, WebP or GIF at the slot's size on phones (or twice it, for sharp "
            "screens). Used on wide screens too if there is no image for them."
        ),
    )
    image_width = models.PositiveIntegerField(_("image width"), null=True, editable=False)
    image_height = models.PositiveIntegerField(_("image height"), null=True, editable=False)
    image_wide = PhotoField(
        _("image for wide screens"),
        upload_to="ads/%Y/%m/",
        blank=True,
        width_field="image_wide_width",
        height_field="image_wide_height",
        help_text=_("Optional: at the slot's size on screens 1024 px wide and more."),
    )
    image_wide_width = models.PositiveIntegerField(_("wide image width"), null=True, editable=False)
    image_wide_height = models.PositiveIntegerField(
        _("wide image height"), null=True, editable=False
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image says, for readers who cannot see it."),
    )
    link_url = HttpsURLField(
        _("link"),
        max_length=2000,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("Where a click takes the reader. Clicks are counted on the way."),
    )
    html = models.TextField(
        _("tag code"),
        blank=True,
        max_length=50_000,
        help_text=_(
            "The HTML/JavaScript the ad network gave you, pasted as is. It runs in a sandboxed "
            "frame: it cannot read the page, its cookies or the reader's session."
        ),
    )
    languages = models.JSONField(
        _("languages"),
        default=all_languages,
        help_text=_("Shown only on pages in these languages."),
    )
    sections = models.ManyToManyField(
        "articles.Section",
        verbose_name=_("sections"),
        blank=True,
        related_name="+",
        help_text=_(
            "Shown only on articles and pages of these sections. Empty: everywhere, "
            "including the home page and news lists."
        ),
    )
    starts_at = models.DateTimeField(_("starts (Kyiv time)"), default=timezone.now, db_index=True)
    ends_at = models.DateTimeField(
        _("ends (Kyiv time)"), null=True, blank=True, help_text=_("Empty: runs until switched off.")
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MaxValueValidator(1000)],
        help_text=_(
            "Share of views among the creatives running in the same slot: weight 3 beside "
            "weight 1 is shown three times as often. 0 never shows."
        ),
    )
    is_house = models.BooleanField(
        _("house ad"),
        default=False,
        help_text=_("Our own ad: shown only when no paid creative can run in the slot."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Switch off to stop it at once, whatever the dates.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = user_stamp(_("created by"))

    objects = CreativeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "name", "id"]
        verbose_name = _("creative")
        verbose_name_plural = _("creatives")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """Where the reader goes: through the counted, signed click address."""
        return reverse("ads:click", kwargs={"token": self.click_token()})

    def click_token(self) -> str:
        return signing.Signer(salt=CLICK_SALT).sign(str(self.pk))

    @classmethod
    def id_from_click_token(cls, token: str) -> int | None:
        try:
            value = signing.Signer(salt=CLICK_SALT).unsign(token)
        except signing.BadSignature:
            return None
        return int(value) if value.isdigit() else None

    def state(self, at=None) -> str:
        at = at or timezone.now()
        if self.ends_at and self.ends_at <= at:
            return self.State.ENDED
        if not self.is_active:
            return self.State.INACTIVE
        if self.starts_at > at:
            return self.State.SCHEDULED
        return self.State.RUNNING

    def clean(self):
        errors = {}
        if self.kind == self.Kind.IMAGE:
            for name in ("image", "link_url", "alt_text"):
                if not getattr(self, name):
                    errors[name] = ValidationError(
                        _("An image creative needs an image, a link and an alternative text."),
                        code="required_for_image",
                    )
            if self.html.strip():
                # Switching the kind must not silently throw the pasted tag away.
                errors["html"] = ValidationError(
                    _("An image creative does not use tag code: clear it or choose the tag kind."),
                    code="unused_html",
                )
        else:
            if not self.html.strip():
                errors["html"] = ValidationError(
                    _("Paste the tag code from the ad network."), code="required_for_html"
                )
            for name in ("image", "image_wide"):
                if getattr(self, name):
                    errors[name] = ValidationError(
                        _(
                            "A tag creative does not use an image: clear it or choose the "
                            "image kind."
                        ),
                        code="unused_image",
                    )
        known = set(LANGUAGE_CODES)
        if not self.languages or not set(self.languages) <= known:
            errors["languages"] = ValidationError(
                _("Choose at least one of the site's languages."), code="no_language"
            )
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(
                _("The end must come after the start."), code="ends_before_start"
            )
        if errors:
            raise ValidationError(errors)


class DailyStat(models.Model):
    """Impressions and clicks of one creative on one Kyiv day: one row a day, however many
    views. Counted when the ad is served and when its link is followed (`ads/counters.py`)."""

    creative = models.ForeignKey(
        Creative, verbose_name=_("creative"), on_delete=models.CASCADE, related_name="daily_stats"
    )
    day = models.DateField(_("day (Kyiv)"))
    impressions = models.PositiveBigIntegerField(_("impressions"), default=0)
    clicks = models.PositiveBigIntegerField(_("clicks"), default=0)

    class Meta:
        ordering = ["creative", "-day"]
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(fields=["creative", "day"], name="ads_dailystat_one_row_a_day")
        ]

    def __str__(self):
        return f"{self.creative} {self.day:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("admin:ads_creative_change", args=[self.creative_id])

    @property
    def ctr(self) -> float | None:
        return self.clicks / self.impressions if self.impressions else None


class FlushedBatch(models.Model):
    """A batch of Redis counts already written to DailyStat (`counters.flush`): remembered for
    two days so that a batch met again after a crash is never written twice."""

    id = models.CharField(_("batch"), max_length=32, primary_key=True)
    flushed_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-flushed_at"]
        verbose_name = _("written batch of counts")
        verbose_name_plural = _("written batches of counts")

    def __str__(self):
        return self.id

    def get_absolute_url(self):
        return reverse("admin:ads_dailystat_changelist")
