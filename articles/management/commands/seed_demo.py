"""Fill the database with a demo newsroom: sections, authors, tags, photos drawn with Pillow,
60+ articles over the last three days in one, two or three languages, demo ads in every slot,
and four users (journalist, editor, ad manager, admin).

Idempotent: everything is looked up by a stable key first, so a second run changes nothing.
"""

import math
import secrets
import textwrap
from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from articles import roles, services
from articles.demo import catalog, live, stories_a, stories_b
from articles.demo import corrections as demo_corrections
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
from newsroom.slugs import slugify_name
from tags.models import Tag

STORIES = stories_a.STORIES + stories_b.STORIES
USERS = [
    # username, superuser, group (the roles of articles/roles.py)
    ("journalist", False, roles.JOURNALISTS),
    ("editor", False, roles.EDITORS),
    ("admanager", False, roles.AD_MANAGERS),
    ("admin", True, None),
]


class Command(BaseCommand):
    help = "Create a demo newsroom (idempotent: run it twice, get the same rows)."

    def handle(self, *args, **options):
        with transaction.atomic():
            sections = self.seed_sections()
            authors = self.seed_authors()
            tags = self.seed_tags()
            photos = self.seed_photos()
            created = self.seed_articles(sections, authors, tags, photos)
            # A live story with a day of updates in three languages (liveblog/).
            live.seed(sections, authors, tags, photos)
            # A story with a correction and an editor's note (corrections/).
            demo_corrections.seed()
            creatives = self.seed_ads()
        passwords = self.seed_users()

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom: {Section.objects.count()} sections, {Author.objects.count()} "
                f"authors, {Tag.objects.count()} tags, {Photo.objects.count()} photos, "
                f"{Article.objects.count()} articles ({created} new), {creatives} ad creatives."
            )
        )
        if passwords:
            self.stdout.write("Users created (passwords are shown only this once):")
            for username, password in passwords:
                self.stdout.write(f"  {username:<11} {password}")
        else:
            self.stdout.write(
                "Users journalist, editor, admanager and admin already exist "
                "(reset a password with: python manage.py changepassword <user>)."
            )

    # --- cast ------------------------------------------------------------------------------

    def seed_sections(self):
        sections = {}
        for position, spec in enumerate(catalog.SECTIONS):
            section, _ = Section.objects.get_or_create(
                slug=spec["slug"],
                defaults={f"name_{code}": name for code, name in spec["name"].items()}
                | {"position": position * 10},
            )
            sections[spec["slug"]] = section
        return sections

    def seed_authors(self):
        authors = {}
        for spec in catalog.AUTHORS:
            slug = slugify_name(spec["name"]["uk"])
            author = Author.objects.filter(slug=slug).first()
            if author is None:
                author = Author(slug=slug)
                for code in ("uk", "ru", "en"):
                    setattr(author, f"name_{code}", spec["name"][code])
                    setattr(author, f"bio_{code}", spec["bio"][code])
                author.photo.save(
                    f"{slug}.png", ContentFile(_portrait(spec["name"]["en"])), save=False
                )
                author.save()
            authors[slug] = author
        return authors

    def seed_tags(self):
        tags = {}
        for uk, ru, en in catalog.TAGS:
            tag = Tag.objects.filter(name_uk=uk).first()
            if tag is None:
                tag = Tag(name_uk=uk, name_ru=ru, name_en=en)
                tag.save()
            tags[uk] = tag
        return tags

    def seed_photos(self):
        photos = {}
        for key, spec in catalog.PHOTOS.items():
            photo = Photo.objects.filter(alt_text_uk=spec["alt"]["uk"]).first()
            if photo is None:
                photo = Photo()
                for code in ("uk", "ru", "en"):
                    setattr(photo, f"alt_text_{code}", spec["alt"][code])
                    setattr(photo, f"caption_{code}", spec["caption"][code])
                    setattr(photo, f"credit_{code}", spec["credit"][code])
                # The focal point sits on a figure drawn there; set with the image, so the crops
                # are made once, around it.
                photo.focal_x, photo.focal_y = spec.get("focal") or (None, None)
                drawing = _drawing(key, *spec["colors"], subject=spec.get("focal"))
                photo.image.save(f"{key}.jpg", ContentFile(drawing), save=False)
                photo.save()
            photos[key] = photo
        return photos

    # --- articles --------------------------------------------------------------------------

    def seed_articles(self, sections, authors, tags, photos):
        now = timezone.now().replace(second=0, microsecond=0)
        articles, new = {}, []
        for story in STORIES:
            article = Article.objects.filter(title_uk=story["title"]["uk"]).first()
            if article is None:
                article = self.create_article(story, sections, authors, tags, photos)
                new.append(story)
            articles[story["key"]] = article
        for story in new:
            article = articles[story["key"]]
            self.create_body(article, story, photos, articles)
            self.publish(article, story, now)
        return len(new)

    def create_article(self, story, sections, authors, tags, photos):
        article = Article(
            section=sections[story["section"]],
            hero_photo=photos.get(story["photo"]) if story["photo"] else None,
            is_important=story["important"],
            is_breaking=story["breaking"],
        )
        for code in story["languages"]:
            setattr(article, f"title_{code}", story["title"][code])
            setattr(article, f"lead_{code}", story["lead"][code])
        article.save()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=authors[slug], position=i)
            for i, slug in enumerate(story["authors"])
        )
        ArticleTag.objects.bulk_create(
            ArticleTag(content_object=article, tag=tags[name], position=i)
            for i, name in enumerate(story["tags"])
        )
        return article

    def create_body(self, article, story, photos, articles):
        rows = []
        for code, body in story["blocks"].items():
            for index, spec in enumerate(body):
                block = Block(article=article, language=code, position=(index + 1) * 10)
                _fill_block(block, spec, photos, articles)
                block.full_clean()
                rows.append(block)
        for block in rows:
            block.save()  # not bulk_create: save() is where rich text is sanitised
        related = [
            articles[spec[1]]
            for body in story["blocks"].values()
            for spec in body
            if spec[0] == "read_also"
        ]
        for position, target in enumerate(dict.fromkeys(related)):
            RelatedArticle.objects.create(article=article, related=target, position=position)

    def publish(self, article, story, now):
        uk_at = now - timedelta(hours=story["hours_ago"])
        for code, offset in story["languages"].items():
            if offset is None:
                LanguageVersion.objects.create(article=article, language=code, status=Status.DRAFT)
                continue
            services.article_publish(
                article=article, language=code, at=uk_at + timedelta(hours=offset)
            )
        # Written when first published, not "just now": otherwise every demo article would say
        # "Updated" on its page.
        Article.objects.filter(pk=article.pk).update(updated_at=min(uk_at, now))

    # --- ads -------------------------------------------------------------------------------

    def seed_ads(self):
        """House ads in every slot, a paid campaign beside them in the text and the feed, and
        a third-party tag that shows what its sandbox lets it see."""
        from ads.models import Creative, Slot

        slots = {slot.code: slot for slot in Slot.objects.all()}
        for name, codes, sizes, spec in DEMO_ADS:
            if Creative.objects.filter(name=name).exists():
                continue
            creative = Creative(name=name, starts_at=timezone.now() - timedelta(days=1), **spec)
            for field, size in zip(("image", "image_wide"), sizes, strict=False):
                getattr(creative, field).save(
                    f"{name.split()[0].lower()}-{size[0]}x{size[1]}.png",
                    ContentFile(_banner(spec["alt_text"], size, spec.get("is_house", False))),
                    save=False,
                )
            creative.full_clean()
            creative.save()
            creative.slots.set([slots[code] for code in codes if code in slots])
        return Creative.objects.count()

    # --- users -----------------------------------------------------------------------------

    def seed_users(self):
        User = get_user_model()
        passwords = []
        for username, superuser, group_name in USERS:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(9)
            if superuser:
                User.objects.create_superuser(username, f"{username}@example.org", password)
            else:
                user = User.objects.create_user(
                    username, f"{username}@example.org", password, is_staff=True
                )
                user.groups.add(Group.objects.get(name=group_name))
            passwords.append((username, password))
        # The journalist signs as the first demo author, so "own articles" means something.
        journalist = User.objects.get(username="journalist")
        Author.objects.filter(
            user__isnull=True, slug=slugify_name(catalog.AUTHORS[0]["name"]["uk"])
        ).update(user=journalist)
        return passwords


def _fill_block(block, spec, photos, articles):
    kind, *values = spec
    block.kind = kind
    if kind in ("paragraph", "subheading", "source", "details"):
        block.text = values[0]
    elif kind == "quote":
        block.text, block.attribution = values
    elif kind == "background":
        block.text, items = values
        block.items = "\n".join(items)
    elif kind == "photo":
        block.photo = photos[values[0]]
    elif kind == "embed":
        block.url = values[0]
    elif kind == "read_also":
        block.link_article = articles[values[0]]


# --- demo ads -----------------------------------------------------------------------------

_DEMO_TAG = """<div id="demo" style="font:15px/1.4 sans-serif;padding:12px;height:100%;
box-sizing:border-box;background:#eef6ee;color:#123">Third-party tag (demo)</div>
<script>
  var seen;
  try { seen = document.cookie === "" ? "no cookies" : "cookies!"; }
  catch (error) { seen = "no access to cookies"; }
  var parentSeen;
  try { parentSeen = window.parent.document.title; }
  catch (error) { parentSeen = "no access to the page"; }
  document.getElementById("demo").textContent =
    "Third-party tag (demo): it runs, with " + seen + " and " + parentSeen + ".";
</script>"""

DEMO_ADS = [
    # name, slots, image sizes (phones, then wide screens; none for a tag), fields
    (
        "House: support the newsroom",
        ["sidebar_top", "article_after_tags"],
        [(300, 250)],
        {
            "is_house": True,
            "alt_text": "Support independent journalism",
            "link_url": "https://example.org/support-the-newsroom",
        },
    ),
    (
        "House: our investigations",
        ["article_body_1", "article_body_2"],
        [(300, 250), (336, 280)],
        {
            "is_house": True,
            "alt_text": "Read our investigations",
            "link_url": "https://example.org/investigations",
        },
    ),
    (
        "House: newsletter",
        ["header", "footer"],
        [(320, 100), (728, 90)],
        {
            "is_house": True,
            "alt_text": "Get the morning newsletter",
            "link_url": "https://example.org/newsletter",
        },
    ),
    (
        "House: podcast",
        ["feed_inline"],
        [(320, 100)],
        {
            "is_house": True,
            "alt_text": "Listen to the evening podcast",
            "link_url": "https://example.org/podcast",
        },
    ),
    (
        "Demo Bakery, autumn campaign",
        ["article_body_1"],
        [(300, 250), (336, 280)],
        {
            "weight": 3,
            "alt_text": "Demo Bakery: fresh bread every morning",
            "link_url": "https://example.org/demo-bakery",
        },
    ),
    (
        "Demo network tag",
        ["article_body_2"],
        [],
        {"kind": "html", "html": _DEMO_TAG, "weight": 1},
    ),
]


def _banner(text, size, house):
    """A flat banner with its name on it, so the demo shows which creative ran where."""
    background, ink = ((180, 24, 40), (255, 255, 255)) if house else ((250, 214, 120), (60, 40, 0))
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle([3, 3, size[0] - 4, size[1] - 4], outline=ink, width=2)
    font = ImageFont.load_default(size=max(12, min(size[1] // 5, 22)))
    lines = textwrap.fill(text, width=max(10, size[0] // 12))
    draw.multiline_text(
        (size[0] / 2, size[1] / 2), lines, fill=ink, font=font, anchor="mm", align="center"
    )
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- drawings -----------------------------------------------------------------------------


def _drawing(key, top, bottom, size=(1600, 900), subject=None):
    """A 16:9 JPEG: a sky-to-ground gradient with a motif, different for every key, and a person
    standing at `subject` ((x, y) fractions), the photo's focal point, if given."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    seed = sum(map(ord, key))
    accent = tuple(255 - c for c in bottom)
    for i in range(9):
        x = (seed * (i + 3) * 37) % width
        w = 60 + (seed * (i + 1)) % 160
        h = 120 + (seed * (i + 7)) % 420
        draw.rectangle([x, height - h, x + w, height], fill=tuple(c // 2 for c in top))
    cx, cy = width * 0.75, height * 0.28
    draw.ellipse([cx - 70, cy - 70, cx + 70, cy + 70], fill=accent)
    for i in range(0, width, 40):
        y = height * 0.8 + 18 * math.sin(i / 90 + seed)
        draw.line([(i, y), (i + 40, y)], fill=accent, width=3)
    if subject:
        _person(draw, width * subject[0], height * subject[1], accent)
    font = ImageFont.load_default(size=48)
    draw.text((48, 40), f"Newsroom · {key.replace('-', ' ')}", fill=(255, 255, 255), font=font)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def _person(draw, x, y, colour):
    """A person with the face at (x, y), outlined so as to stand out on any ground."""
    outline = (20, 20, 20)
    draw.chord([x - 130, y + 75, x + 130, y + 365], 180, 360, fill=colour, outline=outline, width=6)
    draw.ellipse([x - 62, y - 65, x + 62, y + 65], fill=(240, 200, 160), outline=outline, width=6)


def _portrait(name, size=400):
    """A square PNG with the author's initials on a colour of their own."""
    hue = sum(map(ord, name)) % 360
    colour = tuple(int(128 + 100 * math.sin(math.radians(hue + shift))) for shift in (0, 120, 240))
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    initials = "".join(part[0] for part in name.split()[:2])
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
