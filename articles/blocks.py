"""The registry of body block types.

Each type names the fields of `Block` it uses, the ones it needs, how its rich text is sanitised
and the one small template that renders it (`templates/articles/blocks/<kind>.html`). Adding a
type means one entry here, one template and a migration for the new choice.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from . import richtext

# Every field a block type may use; a type leaves the others empty.
CONTENT_FIELDS = ("text", "attribution", "items", "photo", "url", "link_article")


class Kind(models.TextChoices):
    PARAGRAPH = "paragraph", _("Paragraph")
    SUBHEADING = "subheading", _("Subheading")
    SOURCE = "source", _("Source")
    DETAILS = "details", _("Details")
    QUOTE = "quote", _("Quote")
    BACKGROUND = "background", _("Background")
    PHOTO = "photo", _("Photo")
    EMBED = "embed", _("Embed")
    READ_ALSO = "read_also", _("Read also")


@dataclass(frozen=True)
class BlockType:
    fields: tuple[str, ...]
    required: tuple[str, ...]
    # How `text` is cleaned: block-level rich text, inline rich text, or plain text.
    text_format: str = "rich"

    def template_name(self, kind):
        return f"articles/blocks/{kind}.html"


REGISTRY: dict[str, BlockType] = {
    Kind.PARAGRAPH: BlockType(fields=("text",), required=("text",)),
    Kind.SUBHEADING: BlockType(fields=("text",), required=("text",), text_format="plain"),
    Kind.SOURCE: BlockType(fields=("text",), required=("text",), text_format="inline"),
    Kind.DETAILS: BlockType(fields=("text",), required=("text",)),
    Kind.QUOTE: BlockType(fields=("text", "attribution"), required=("text",), text_format="inline"),
    Kind.BACKGROUND: BlockType(fields=("text", "items"), required=("items",)),
    Kind.PHOTO: BlockType(fields=("photo",), required=("photo",)),
    Kind.EMBED: BlockType(fields=("url",), required=("url",)),
    Kind.READ_ALSO: BlockType(fields=("link_article",), required=("link_article",)),
}


# Where one line of text ends: paragraphs, list items, line breaks, headings.
_LINE_END = re.compile(r"<(?:br|/p|/li|/h\d)[^>]*>", re.IGNORECASE)
_BREAKS = re.compile(r"(?:\s*<br>\s*)+")


def clean_text(kind: str, value: str) -> str:
    """`value` cleaned for a block of `kind`; lines stay lines, words never run together."""
    value = value or ""
    text_format = REGISTRY[kind].text_format
    if text_format == "plain":
        # A subheading is one line of text: tags a journalist pasted become plain text.
        # Sanitising first drops the content of <script> and <style>, not only their tags.
        plain = strip_tags(richtext.sanitize(_LINE_END.sub(" ", value)))
        return " ".join(html.unescape(plain).split())
    if text_format == "inline":
        # Source and Quote are one paragraph: paragraphs and list items become line breaks.
        inline = richtext.sanitize_inline(_LINE_END.sub("<br>", value))
        return _BREAKS.sub("<br>", inline).removeprefix("<br>").removesuffix("<br>").strip()
    return richtext.sanitize(value)


def clean_items(value: str) -> str:
    """Background list: one sanitised inline item per line.

    Accepts what the editor sends (a bullet list, or paragraphs) as well as plain lines.
    """
    lines = _LINE_END.sub("\n", value or "").splitlines()
    cleaned = (richtext.sanitize_inline(line) for line in lines)
    return "\n".join(line for line in cleaned if line)


def items_as_list_html(items: str) -> str:
    """The stored lines as the bullet list the admin's editor shows."""
    lines = [line for line in (items or "").splitlines() if line.strip()]
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>" if lines else ""


# Embeds are stored as a URL and rendered as a link card: no third-party script runs by default.
EMBED_HOSTS = {
    "x.com": "X",
    "www.x.com": "X",
    "mobile.x.com": "X",
    "twitter.com": "X",
    "www.twitter.com": "X",
    "mobile.twitter.com": "X",
    "t.me": "Telegram",
    "youtube.com": "YouTube",
    "www.youtube.com": "YouTube",
    "m.youtube.com": "YouTube",
    "youtu.be": "YouTube",
}
# The path of one post, by provider (a trailing slash allowed):
# X: /<user>/status/<id> (also /i/web/status/<id>, the form X shares), optionally /photo/<n> or
# /video/<n> (one picture of the post);
# Telegram: /<channel>/<post>, /s/<channel>/<post> (the web preview), /c/<chat>/<post> (private),
# /<group>/<topic>/<post> (a post in a forum topic);
# YouTube: /shorts/<video>, /embed/<video>, /live/<video> (and /watch?v=<video>, see below);
# youtu.be: /<video>. A video id is 11 characters.
_VIDEO = r"[A-Za-z0-9_-]{11}"
POST_PATHS = {
    "X": re.compile(
        r"/(?:[A-Za-z0-9_]{1,50}|i/web|i)/status/[0-9]{1,20}(?:/(?:photo|video)/[0-9]{1,2})?/?"
    ),
    "Telegram": re.compile(r"/(?:s/|c/)?[A-Za-z0-9_]{1,64}(?:/[0-9]{1,12}){1,2}/?"),
    "YouTube": re.compile(rf"/(?:shorts|embed|live)/{_VIDEO}/?"),
    "youtu.be": re.compile(rf"/{_VIDEO}/?"),
}
YOUTUBE_VIDEO = re.compile(_VIDEO)
# What a post link may hold at all: no quote, angle bracket, space or backslash, a percent sign
# only as an escape (%5E), no user@ (checked again on its parts below); a fragment only as a
# YouTube start time (#t=30).
_ESCAPE = r"%[0-9A-Fa-f]{2}"
_URL_CHARACTERS = re.compile(rf"(?:[A-Za-z0-9._~:/?&=-]|{_ESCAPE})+(?:#t=[0-9hms]{{1,12}})?")
# A query is simple name=value pairs (?s=20 from X's share button, ?t=42 on YouTube, the
# ?ref_src=twsrc%5Etfw of X's embed code, YouTube's &pp=...%3D%3D from search results).
_QUERY = re.compile(rf"(?:[A-Za-z0-9_.-]+(?:=(?:[A-Za-z0-9_.~-]|{_ESCAPE})*)?(?:&|$))*")

BAD_EMBED = _(
    "Embeds take the https address of one post: on X (Twitter) "
    "https://x.com/<user>/status/<number>, on Telegram https://t.me/<channel>/<number>, "
    "on YouTube https://www.youtube.com/watch?v=<video>, https://youtu.be/<video> or "
    "https://www.youtube.com/shorts/<video>."
)


def embed_provider(url: str) -> str:
    """The provider's name for the address of one post on X, Telegram or YouTube, or
    ValidationError: the address is shown to readers as a link, and anything but a post's
    address (a login, a port, another page of the site, stray quotes) is refused."""
    parts = urlsplit(url or "") if _URL_CHARACTERS.fullmatch(url or "") else None
    host = parts and parts.netloc.lower()
    if (
        parts is None
        or parts.scheme != "https"
        or host not in EMBED_HOSTS
        or not _QUERY.fullmatch(parts.query)
        or (parts.fragment and EMBED_HOSTS[host] != "YouTube")
        or not _is_post(EMBED_HOSTS[host], host, parts)
    ):
        raise ValidationError(BAD_EMBED, code="bad_embed")
    return EMBED_HOSTS[host]


def _is_post(provider, host, parts) -> bool:
    if host == "youtu.be":
        return bool(POST_PATHS["youtu.be"].fullmatch(parts.path))
    if provider == "YouTube" and parts.path in ("/watch", "/watch/"):
        videos = parse_qs(parts.query).get("v", [])
        return len(videos) == 1 and bool(YOUTUBE_VIDEO.fullmatch(videos[0]))
    return bool(POST_PATHS[provider].fullmatch(parts.path))
