import pytest

from articles.blocks import REGISTRY, Kind
from tests.factories import BlockFactory

ATTACKS = {
    "script": '<script>alert("x")</script>',
    "event handler": '<img src="x.png" onerror="alert(1)">',
    "style attribute": '<span style="position:fixed;top:0">cover</span>',
    "style tag": "<style>body{display:none}</style>",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "javascript url": '<a href="javascript:alert(1)">click</a>',
    "data url": '<a href="data:text/html;base64,PHNjcmlwdD4=">click</a>',
}
FORBIDDEN = ["<script", "onerror", "style", "<iframe", "javascript:", "data:", "alert"]

TEXT_KINDS = [kind for kind, spec in REGISTRY.items() if "text" in spec.fields]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", TEXT_KINDS)
@pytest.mark.parametrize("attack", list(ATTACKS))
def test_dangerous_markup_is_removed_on_save(kind, attack):
    """No script, handler, style, iframe, javascript: or data: URL survives in any block type."""
    block = BlockFactory(kind=kind, text=f"Safe words {ATTACKS[attack]} stay")
    block.refresh_from_db()
    lowered = block.text.lower()
    for marker in FORBIDDEN:
        assert marker not in lowered, (kind, attack, block.text)
    assert "Safe words" in block.text and "stay" in block.text


@pytest.mark.django_db
@pytest.mark.parametrize("attack", list(ATTACKS))
def test_background_items_are_sanitised(attack):
    """Each bullet of a Background list is cleaned like inline rich text."""
    block = BlockFactory(kind=Kind.BACKGROUND, text="", items=f"first\nsecond {ATTACKS[attack]}")
    block.refresh_from_db()
    for marker in FORBIDDEN:
        assert marker not in block.items.lower()
    assert block.item_list[0] == "first"


@pytest.mark.django_db
def test_allowed_markup_is_kept_in_paragraphs():
    """Bold, italic, links and lists survive, with safe link attributes."""
    html = (
        "<p><strong>bold</strong> <em>italic</em> <b>b</b> <i>i</i> "
        '<a href="https://example.org/x" title="t">link</a></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol>"
    )
    block = BlockFactory(kind=Kind.PARAGRAPH, text=html)
    block.refresh_from_db()
    for fragment in [
        "<strong>bold</strong>",
        "<em>italic</em>",
        "<b>b</b>",
        "<i>i</i>",
        'href="https://example.org/x"',
        "<ul><li>one</li></ul>",
        "<ol><li>two</li></ol>",
    ]:
        assert fragment in block.text
    assert 'rel="noopener noreferrer"' in block.text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Kind.SOURCE, Kind.QUOTE])
def test_inline_blocks_keep_links_and_emphasis_but_not_paragraphs(kind):
    """Source and Quote are one line: links and emphasis stay, paragraphs become line breaks."""
    block = BlockFactory(
        kind=kind, text='<p>said <a href="https://example.org">here</a></p><p><em>then</em></p>'
    )
    block.refresh_from_db()
    assert "<p>" not in block.text
    assert '<a href="https://example.org"' in block.text and "<em>then</em>" in block.text
    assert "here</a><br><em>" in block.text


@pytest.mark.django_db
def test_subheading_is_plain_text():
    """A subheading keeps its words, without any markup, with entities decoded once."""
    block = BlockFactory(kind=Kind.SUBHEADING, text="<p><strong>Bread &amp; salt</strong></p>")
    block.refresh_from_db()
    assert block.text == "Bread & salt"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Kind.SOURCE, Kind.QUOTE])
def test_lists_in_one_line_blocks_keep_words_apart(kind):
    """A list pasted into a Source or Quote becomes lines, never words run together."""
    block = BlockFactory(kind=kind, text="<ul><li>один</li><li><p>два</p></li></ul><p>три</p>")
    block.refresh_from_db()
    assert block.text == "один<br>два<br>три"


@pytest.mark.django_db
def test_background_items_come_from_the_bullet_list_editor():
    """The editor's bullet list (items wrapped in <p> or not) is stored one item per line."""
    block = BlockFactory(
        kind=Kind.BACKGROUND,
        text="",
        items="<ul><li><p>Росія &amp; Україна</p></li><li>друге <strong>важливе</strong></li></ul>",
    )
    block.refresh_from_db()
    assert block.item_list == ["Росія &amp; Україна", "друге <strong>важливе</strong>"]


@pytest.mark.django_db
def test_background_items_round_trip_through_the_admin_form_unchanged():
    """Opening and saving a Background block changes nothing: no &amp;amp; creeping in."""
    from articles.admin import BlockForm
    from articles.blocks import clean_items

    block = BlockFactory(kind=Kind.BACKGROUND, text="", items="Росія & Україна\nдруге")
    shown = BlockForm(instance=block).initial["items"]
    assert shown == "<ul><li>Росія &amp; Україна</li><li>друге</li></ul>"
    assert clean_items(shown) == block.items
