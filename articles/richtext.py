"""The small rich text of article bodies, and its sanitiser.

Journalists get bold, italic, links and lists — what a news paragraph needs and nothing that can
run code or restyle the page. Everything else is removed on save (not on output), so what is
stored is what is shown, and a feed or the API can hand the stored HTML on as it is.
"""

import html as entities
import re

import nh3
from django.utils.html import strip_tags

# Inline markup: what a Source line, a Quote or a list item may carry.
INLINE_TAGS = {"strong", "b", "em", "i", "a", "br"}
# Paragraph-level markup on top: the body of a paragraph, Details or a Background intro.
BLOCK_TAGS = INLINE_TAGS | {"p", "ul", "ol", "li"}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Where a line of text starts or ends: paragraphs, lists and their items, line breaks.
_LINE_ENDS = re.compile(r"</?(?:p|ul|ol|li|br|h\d)\b[^>]*>", re.IGNORECASE)

# The prose editor's toolbar offers exactly what the sanitiser keeps.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    # Tiptap makes a link mark "inclusive" (text typed at its end joins it) exactly when it
    # autolinks typed addresses: off, so the full stop after a link stays outside it.
    "Link": {"enableTarget": False, "autolink": False},
    "BulletList": True,
    # Without "List properties" (numbering style, first number): the sanitiser keeps no list
    # attributes, so what it set would be lost on save.
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "HardBreak": True,
    # django-prose-editor switches the browser's spell-check off by default; journalists need it
    # (in the pane's language: the form marks each language pane with lang=).
    "NoSpellCheck": False,
}
# A Background list: bullet points with inline markup (the same toolbar, minus what a bullet
# point cannot hold).
LIST_EDITOR_EXTENSIONS = {
    name: options
    for name, options in EDITOR_EXTENSIONS.items()
    if name not in {"OrderedList", "HardBreak"}
}


def _cleaner(tags):
    return nh3.Cleaner(
        tags=tags,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        # Links to other sites must not hand them our page (window.opener) or our URL.
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_block_cleaner = _cleaner(BLOCK_TAGS)
_inline_cleaner = _cleaner(INLINE_TAGS)


def sanitize(html: str) -> str:
    """Paragraph-level rich text with only allowed tags, attributes and URL schemes."""
    return _strip_empty(_block_cleaner.clean(html or ""))


def sanitize_inline(html: str) -> str:
    """Inline rich text (no paragraphs or lists) with only allowed tags and URLs."""
    return _inline_cleaner.clean(html or "").strip()


def plain_text(html: str) -> str:
    """The words of rich text without its markup, for structured data, feeds and summaries:
    paragraphs, list items and line breaks become spaces (words on two lines never run
    together, "<b>May</b>," stays "May,"), entities become characters."""
    words = strip_tags(_LINE_ENDS.sub(" ", html or ""))
    return " ".join(entities.unescape(words).split())


def _strip_empty(html: str) -> str:
    # An editor leaves "<p></p>" in a field the journalist never typed into: that is empty.
    stripped = html.strip()
    return "" if stripped in {"<p></p>", "<p><br></p>"} else stripped
