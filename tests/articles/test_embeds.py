"""Embed blocks take the address of one post on X, Telegram or YouTube, in that provider's shape:
anything else is refused with a message naming the shapes accepted."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from articles import blocks
from articles.management.commands.seed_demo import STORIES
from articles.models import Block
from tests.factories import ArticleFactory

VIDEO = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        ("https://x.com/kyivindependent/status/1782345678901234567", "X"),
        ("https://twitter.com/x/status/1", "X"),
        ("https://mobile.twitter.com/some_user/status/123/", "X"),
        ("https://x.com/i/web/status/1782345678901234567", "X"),
        ("https://x.com/kyivindependent/status/1782345678901234567?s=20&t=abc-D_e", "X"),
        ("https://X.com/User/status/1", "X"),
        ("https://t.me/kyiv_metro/5530", "Telegram"),
        ("https://t.me/s/kyiv_metro/5530", "Telegram"),
        ("https://t.me/c/1234567890/77", "Telegram"),
        ("https://t.me/kyiv_metro/5530?single", "Telegram"),
        (f"https://www.youtube.com/watch?v={VIDEO}", "YouTube"),
        (f"https://youtube.com/watch?v={VIDEO}&t=42s", "YouTube"),
        (f"https://m.youtube.com/watch?feature=share&v={VIDEO}", "YouTube"),
        (f"https://youtu.be/{VIDEO}", "YouTube"),
        (f"https://youtu.be/{VIDEO}?si=Ab-c_D1&t=10", "YouTube"),
        (f"https://www.youtube.com/shorts/{VIDEO}", "YouTube"),
        (f"https://www.youtube.com/embed/{VIDEO}", "YouTube"),
        (f"https://www.youtube.com/live/{VIDEO}", "YouTube"),
        # What the providers themselves put in links: X's embed code, one photo of a post, a
        # forum topic's post, a YouTube search result's escaped token, a start time.
        ("https://twitter.com/u/status/123?ref_src=twsrc%5Etfw", "X"),
        ("https://x.com/u/status/123/photo/1", "X"),
        ("https://x.com/u/status/123/video/1", "X"),
        ("https://t.me/kyiv_metro/12/345", "Telegram"),
        (f"https://www.youtube.com/watch?v={VIDEO}&pp=ygUEdGVzdA%3D%3D", "YouTube"),
        (f"https://www.youtube.com/watch?v={VIDEO}#t=30", "YouTube"),
    ],
)
def test_a_post_address_is_accepted(url, provider):
    """Each provider's usual post addresses (share-button queries included) are accepted."""
    assert blocks.embed_provider(url) == provider


@pytest.mark.parametrize(
    "url",
    [
        'https://twitter.com/x/status/1"><script>alert(1)</script>',
        "https://twitter.com/x/status/1<b>",
        "https://twitter.com/x/status/1'onmouseover='alert(1)",
        "https://x.com/x/status/1 2",
        "https://x.com/x/status/1\\",
        "https://x.com/x/status/12%22",
        "https://user:pass@x.com/x/status/1",
        "https://x.com@evil.example/x/status/1",
        "https://x.com:8443/x/status/1",
        "https://x.com/x/status/1#<img src=x onerror=alert(1)>",
        "https://x.com/x/status/1#frag",
        "https://x.com/x/status/1#t=30",  # a start time is YouTube's alone
        "https://x.com/x/status/1?a=%zz",  # a percent sign only as an escape
        "https://x.com/x/status/1%2F..%2Fsettings",  # no escapes in the path
        "https://t.me/kyiv_metro/1/2/3",
        "http://x.com/x/status/1",
        "javascript:alert(1)//x.com/x/status/1",
        "//x.com/x/status/1",
        "https://x.com/x",
        "https://x.com/x/status/abc",
        "https://x.com/x/likes",
        "https://x.com/x/status/1?q=<script>",
        "https://x.com.evil.example/x/status/1",
        "https://evil.example/post/1",
        "https://t.me/kyiv_metro",
        "https://t.me/kyiv_metro/abc",
        "https://t.me/joinchat/AbCdEf",
        "https://t.me/+AbCdEf",
        "https://www.youtube.com/",
        "https://www.youtube.com/watch",
        "https://www.youtube.com/watch?v=short",
        f"https://www.youtube.com/watch?v={VIDEO}&v={VIDEO}",
        f"https://www.youtube.com/watch?v={VIDEO}x",
        "https://www.youtube.com/@channel",
        "https://www.youtube.com/playlist?list=PL123",
        f"https://www.youtube.com/shorts/{VIDEO}/extra",
        "https://youtu.be/",
        "",
        "   ",
    ],
)
def test_anything_but_a_post_address_is_refused(url):
    """Quotes, brackets, spaces, logins, ports, fragments, plain http and other pages of the
    provider (a profile, a playlist) are no post link."""
    with pytest.raises(ValidationError) as refused:
        blocks.embed_provider(url)
    assert refused.value.code == "bad_embed"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "https://x.com/<user>/status/<number>"),
        ("uk", "https://x.com/<користувач>/status/<номер>"),
        ("ru", "https://x.com/<пользователь>/status/<номер>"),
    ],
)
def test_the_refusal_names_the_accepted_shapes_in_the_editors_language(language, expected):
    """The message lists each provider's shape, translated for the Ukrainian and Russian admin."""
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            blocks.embed_provider("https://x.com/x")
        message = refused.value.messages[0]  # a lazy text: translated when read
    assert expected in message
    assert "youtu.be" in message and "t.me" in message


@pytest.mark.django_db
def test_an_embed_block_with_a_bad_address_is_refused_by_the_model():
    """Block.clean refuses a hostile embed address on the url field."""
    block = Block(
        article=ArticleFactory(),
        language="uk",
        kind=Block.Kind.EMBED,
        url='https://twitter.com/x/status/1"><script>alert(1)</script>',
    )
    with pytest.raises(ValidationError) as refused:
        block.full_clean()
    assert [error.code for error in refused.value.error_dict["url"]] == ["bad_embed"]


def test_every_demo_embed_is_a_post_address():
    """The demo newsroom (seed_demo) only has embeds the validation accepts."""
    urls = {
        spec[1]
        for story in STORIES
        for spec in _block_specs(story)
        if isinstance(spec, tuple) and spec and spec[0] == "embed"
    }
    assert len(urls) > 10
    for url in urls:
        blocks.embed_provider(url)


def _block_specs(value):
    """Every tuple nested anywhere in a story's data."""
    if isinstance(value, tuple):
        yield value
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _block_specs(item)


def test_an_embed_saved_before_the_shapes_were_checked_still_names_its_provider():
    """An old link to a channel (no post number) still reads "View the post on Telegram"."""
    assert Block(kind="embed", url="https://t.me/channel").embed_provider == "Telegram"
    assert Block(kind="embed", url="https://example.org/x").embed_provider == ""
