"""A live update's typed blocks (liveblog.LiveUpdateBlock): the body's block types, rules and
templates after the update's text; public only as the body shows them; saved from the desk with
and without its script; the photo and embed link of older updates moved into blocks; the
article form's link to the live desk."""

import json
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liveblog import services
from liveblog.models import LiveCoverage, LiveUpdate, LiveUpdateBlock
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    LiveUpdateBlockFactory,
    LiveUpdateFactory,
    PhotoFactory,
    live_article,
    live_story,
    sign,
)

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}
TELEGRAM_POST = "https://t.me/newsroom/12"

# Each kind as the body's own template marks it (templates/articles/blocks/<kind>.html).
KINDS = {
    "paragraph": ({"text": "<p>Абзац оновлення.</p>"}, 'class="block block-paragraph"'),
    "subheading": ({"text": "Підзаголовок оновлення"}, 'class="block block-subheading"'),
    "source": ({"text": "Обленерго"}, 'class="block block-source"'),
    "details": ({"text": "<p>Деталі оновлення.</p>"}, 'class="block block-details"'),
    "quote": ({"text": "Ми працюємо.", "attribution": "Речниця"}, 'class="block block-quote"'),
    "background": ({"text": "", "items": "Перше\nДруге"}, 'class="block block-background"'),
    "photo": ({"text": ""}, '<figure class="photo">'),
    "embed": ({"text": "", "url": TELEGRAM_POST}, 'class="block block-embed"'),
    "read_also": ({"text": ""}, 'class="block block-read-also"'),
}


def desk(coverage, language="uk", **query):
    url = reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk])
    return url + f"?language={language}" + "".join(f"&{k}={v}" for k, v in query.items())


def with_blocks(*blocks, initial=0, **data):
    """The desk form's fields as posted: the update's own and its blocks (a Django formset)."""
    posted = {"blocks-TOTAL_FORMS": len(blocks), "blocks-INITIAL_FORMS": initial, **data}
    for index, block in enumerate(blocks):
        posted.update({f"blocks-{index}-{name}": value for name, value in block.items()})
    return posted


def block_of(kind, update):
    fields, _marker = KINDS[kind]
    extra = {}
    if kind == "photo":
        extra["photo"] = PhotoFactory()
    if kind == "read_also":
        extra["link_article"] = live_article(["uk"], title_uk="Стаття, яку варто прочитати")
    return LiveUpdateBlockFactory(update=update, kind=kind, **{**fields, **extra})


# --- the public page ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_block_kind_shows_on_the_live_page_with_the_body_template(client, kind):
    """Every body block type, after an update's text, rendered by the body's own template."""
    story = live_story(["uk"])
    update = LiveUpdateFactory(article=story, text="<p>Текст оновлення.</p>")
    block_of(kind, update)
    page = client.get(story.get_absolute_url("uk")).content.decode()
    entry = page[page.index(f'id="update-{update.pk}"') :]
    entry = entry[: entry.index("</article>")]
    assert "Текст оновлення." in entry and KINDS[kind][1] in entry


def test_blocks_follow_their_positions(client):
    """Blocks are shown in their order, after the text."""
    story = live_story(["uk"])
    update = LiveUpdateFactory(article=story, text="<p>Текст.</p>")
    LiveUpdateBlockFactory(update=update, kind="source", text="Друге", position=20)
    LiveUpdateBlockFactory(update=update, kind="source", text="Перше", position=10)
    page = client.get(story.get_absolute_url("uk")).content.decode()
    assert page.index("Текст.") < page.index("Перше") < page.index("Друге")


def test_read_also_to_an_article_not_live_in_the_language_is_left_out(client):
    """A "Read also" to a draft (or an article not live in the language) is nowhere public:
    not on the page, in the fragment, the full-text feed or the structured data."""
    story = live_story(["uk"])
    update = LiveUpdateFactory(article=story, text="<p>Текст.</p>")
    draft = ArticleFactory(title_uk="Чернетка-таємниця")
    elsewhere = live_article(["en"], title_uk="Лише англійською-таємниця")
    LiveUpdateBlockFactory(update=update, kind="read_also", text="", link_article=draft)
    LiveUpdateBlockFactory(update=update, kind="read_also", text="", link_article=elsewhere)
    shown = live_article(["uk"], title_uk="Жива стаття")
    LiveUpdateBlockFactory(update=update, kind="read_also", text="", link_article=shown)
    page = client.get(story.get_absolute_url("uk")).content.decode()
    fragment = client.get(reverse("liveblog:updates", kwargs={"pk": story.pk})).content.decode()
    feed = client.get("/rss/full/").content.decode()
    assert "Жива стаття" in page and "Жива стаття" in fragment and "Жива стаття" in feed
    for text in (page, fragment, feed):
        assert "таємниця" not in text
        assert draft.get_absolute_url("uk") not in text


def test_structured_data_and_the_feed_carry_the_blocks_words(client):
    """articleBody is the plain text of the text and the blocks; the full-text feed shows the
    blocks as the page does."""
    story = live_story(["uk"])
    update = LiveUpdateFactory(article=story, text="<p>Текст оновлення.</p>")
    LiveUpdateBlockFactory(update=update, kind="quote", text="Ми працюємо.", attribution="Речниця")
    page = client.get(story.get_absolute_url("uk")).content.decode()
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    posting = next(data for data in map(json.loads, found) if data["@type"] == "LiveBlogPosting")
    body = posting["liveBlogUpdate"][0]["articleBody"]
    assert body == "Текст оновлення. Ми працюємо. Речниця"


def test_an_update_of_blocks_only_is_headlined_by_its_words(client):
    """No text, one quote: the BlogPosting's headline and body come from the quote."""
    story = live_story(["uk"])
    update = LiveUpdateFactory(article=story, text="")
    LiveUpdateBlockFactory(update=update, kind="quote", text="Лише цитата.", attribution="")
    page = client.get(story.get_absolute_url("uk")).content.decode()
    assert "Лише цитата." in page
    assert '"headline": "Лише цитата."' in page or '"headline":"Лише цитата."' in page


def test_page_queries_do_not_grow_with_blocks(client, steady_minute):
    """One update with one block, or 20 updates with photos, quotes, lists and "Read also" in
    several blocks each: the same number of queries."""
    small, big = live_story(["uk"]), live_story(["uk"])
    LiveUpdateBlockFactory(update=LiveUpdateFactory(article=small))
    targets = [live_article(["uk"]) for _ in range(3)]
    for index in range(20):
        update = LiveUpdateFactory(article=big, author=AuthorFactory())
        LiveUpdateBlockFactory(update=update, kind="photo", text="", photo=PhotoFactory())
        LiveUpdateBlockFactory(update=update, kind="background", text="", items="а\nб")
        LiveUpdateBlockFactory(
            update=update, kind="read_also", text="", link_article=targets[index % 3]
        )
    pinned = LiveUpdateFactory(article=big, pinned=True)
    LiveUpdateBlockFactory(update=pinned, kind="quote")

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small_url, big_url = small.get_absolute_url("uk"), big.get_absolute_url("uk")
    assert count(big_url) == count(small_url)
    fragment = reverse("liveblog:updates", kwargs={"pk": big.pk})
    small_fragment = reverse("liveblog:updates", kwargs={"pk": small.pk})
    assert count(fragment) == count(small_fragment)


# --- the services ------------------------------------------------------------------------


def test_an_update_needs_text_or_a_block(people, coverage):
    """Neither text nor blocks: refused on the text; blocks alone: saved."""
    with pytest.raises(Exception) as refused:
        services.update_create(article=coverage.article, language="uk", by=people["editor"])
    assert "text" in refused.value.error_dict
    update = services.update_create(
        article=coverage.article,
        language="uk",
        by=people["editor"],
        blocks=[{"kind": "quote", "text": "Цитата", "attribution": "Хтось"}],
    )
    assert update.text == "" and update.blocks.get().attribution == "Хтось"


def test_a_block_is_sanitised_and_held_to_its_type(people, coverage):
    """Scripts are dropped; a field its type does not use is refused, not silently lost."""
    update = services.update_create(
        article=coverage.article,
        language="uk",
        by=people["editor"],
        blocks=[{"kind": "details", "text": "<p onclick='x()'>Так<script>y()</script></p>"}],
    )
    assert update.blocks.get().text == "<p>Так</p>"
    with pytest.raises(Exception) as refused:
        services.update_create(
            article=coverage.article,
            language="uk",
            by=people["editor"],
            blocks=[{"kind": "photo", "text": "Підпис, який пропав би"}],
        )
    assert {"blocks-0-text", "blocks-0-photo"} <= set(refused.value.error_dict)


def test_an_edit_replaces_the_blocks_and_none_keeps_them(people, coverage):
    """Blocks given: they become the update's; not given: the update keeps its own."""
    update = services.update_create(
        article=coverage.article,
        language="uk",
        by=people["editor"],
        text="<p>Текст</p>",
        blocks=[{"kind": "source", "text": "Перше"}, {"kind": "source", "text": "Друге"}],
    )
    update = services.update_edit(update=update, by=people["editor"], text="<p>Новий</p>")
    assert [b.text for b in update.blocks.all()] == ["Перше", "Друге"]
    update = services.update_edit(
        update=update,
        by=people["editor"],
        text="<p>Новий</p>",
        blocks=[{"kind": "quote", "text": "Третє"}],
    )
    assert [(b.kind, b.text) for b in update.blocks.all()] == [("quote", "Третє")]


def test_read_also_cannot_point_at_the_story_itself(people, coverage):
    """The body's rule holds for updates: no "Read also" to the same article."""
    with pytest.raises(Exception) as refused:
        services.update_create(
            article=coverage.article,
            language="uk",
            by=people["editor"],
            blocks=[{"kind": "read_also", "link_article": coverage.article}],
        )
    assert "blocks-0-link_article" in refused.value.error_dict


# --- the desk ----------------------------------------------------------------------------


def test_the_desk_saves_an_update_with_blocks_by_fetch(client, people, coverage):
    """A JSON post with a quote and a background list: saved in the order of their positions,
    and the list that comes back shows them."""
    client.force_login(people["journalist"])
    response = client.post(
        desk(coverage),
        with_blocks(
            {"kind": "background", "items": "<ul><li>Раз</li><li>Два</li></ul>", "position": 20},
            {"kind": "quote", "text": "<p>Працюємо</p>", "attribution": "Речниця", "position": 10},
            text="<p>Текст</p>",
            intent="publish",
        ),
        **JSON,
    )
    assert response.status_code == 200 and response.json()["ok"] is True
    update = LiveUpdate.objects.get()
    assert [(b.kind, b.position) for b in update.blocks.all()] == [
        ("quote", 10),
        ("background", 20),
    ]
    assert update.blocks.all()[1].items == "Раз\nДва"
    assert "Працюємо" in response.json()["list_html"]


def test_the_desk_saves_blocks_from_a_plain_post_and_skips_removed_ones(client, people, coverage):
    """Without scripts: the formset posts normally; a block ticked "remove" is not kept."""
    client.force_login(people["journalist"])
    response = client.post(
        desk(coverage),
        with_blocks(
            {"kind": "source", "text": "Обленерго"},
            {"kind": "quote", "text": "Прибрана", "DELETE": "on"},
            text="",
            intent="publish",
        ),
    )
    assert response.status_code == 302
    update = LiveUpdate.objects.get()
    assert [(b.kind, b.text) for b in update.blocks.all()] == [("source", "Обленерго")]


def test_a_bad_block_is_refused_next_to_it_and_the_text_is_kept(client, people, coverage):
    """A quote without its words and an embed that is no post: errors named after each block's
    fields (the script shows them there); without scripts the desk comes back with the text
    and every block typed."""
    client.force_login(people["journalist"])
    posted = with_blocks(
        {"kind": "quote", "text": "", "attribution": "Речниця-яку-бачимо"},
        {"kind": "embed", "url": "https://example.org/x"},
        text="<p>Мій довгий текст</p>",
        intent="publish",
    )
    answer = client.post(desk(coverage), posted, **JSON)
    assert answer.status_code == 400
    assert {"blocks-0-text", "blocks-1-url"} <= set(answer.json()["errors"])
    page = client.post(desk(coverage), posted).content.decode()
    assert "Мій довгий текст" in page and "Речниця-яку-бачимо" in page
    assert 'data-errors="blocks-0-text"' in page and "https://example.org/x" in page
    errors = re.search(r'data-errors="blocks-1-url"[^>]*>([^<]*)<', page).group(1)
    assert "https://x.com" in errors
    assert not LiveUpdate.objects.exists()


def test_add_block_without_scripts_shows_the_form_with_one_more_block(client, people, coverage):
    """ "Add block" as a plain post: nothing saved, the text and the blocks so far kept, one more
    block of the chosen type."""
    client.force_login(people["journalist"])
    response = client.post(
        desk(coverage),
        with_blocks(
            {"kind": "source", "text": "Обленерго"},
            text="<p>Текст, що лишається</p>",
            add_block="1",
            add_kind="quote",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200 and not LiveUpdate.objects.exists()
    assert "Текст, що лишається" in page and "Обленерго" in page
    assert 'name="blocks-TOTAL_FORMS" value="2"' in page
    assert re.search(r'name="blocks-1-kind"[^>]*>.*?<option value="quote" selected', page, re.S)


def test_editing_shows_the_update_s_blocks_and_saves_them(client, people, coverage):
    """?edit= fills the form with the update's blocks (what the script loads too); saving the
    form as posted replaces them."""
    update = services.update_create(
        article=coverage.article,
        language="uk",
        by=people["journalist"],
        text="<p>Текст</p>",
        blocks=[{"kind": "quote", "text": "Стара цитата", "attribution": "Хтось"}],
    )
    client.force_login(people["journalist"])
    page = client.get(desk(coverage, edit=update.pk)).content.decode()
    assert 'name="blocks-INITIAL_FORMS" value="1"' in page and "Стара цитата" in page
    loaded = client.get(desk(coverage, edit=update.pk), **JSON).json()["blocks_html"]
    assert loaded.startswith('<fieldset class="desk-blocks"') and "Стара цитата" in loaded
    response = client.post(
        desk(coverage),
        with_blocks(
            {"kind": "quote", "text": "Нова цитата", "attribution": "Хтось", "position": 10},
            initial=1,
            update=update.pk,
            edit_count=update.edit_count,
            text="<p>Текст</p>",
            intent="save",
        ),
        **JSON,
    )
    assert response.status_code == 200
    assert [b.text for b in LiveUpdateBlock.objects.filter(update=update)] == ["Нова цитата"]


def test_a_colleague_cannot_post_blocks_and_a_draft_cannot_be_linked(client, people, coverage):
    """Permissions are the update's: a colleague's post is refused; "Read also" offers (and
    accepts) only what the journalist may link, not a colleague's draft."""
    client.force_login(people["colleague"])
    refused = client.post(
        desk(coverage), with_blocks({"kind": "source", "text": "Чуже"}, text=""), **JSON
    )
    assert refused.status_code == 403
    client.force_login(people["journalist"])
    hidden = ArticleFactory(created_by=people["colleague"])
    answer = client.post(
        desk(coverage),
        with_blocks({"kind": "read_also", "link_article": hidden.pk}, text="<p>Т</p>"),
        **JSON,
    )
    assert answer.status_code == 400 and "blocks-0-link_article" in answer.json()["errors"]
    assert not LiveUpdate.objects.exists()


# --- the article form's link ---------------------------------------------------------------


def test_the_article_form_links_to_the_live_desk_for_the_right_roles(client, people):
    """With coverage: "Live desk" for the editor and the journalist who signs it; without:
    "Start live coverage" for the editor only."""
    article = live_article(["uk"])
    sign(article, AuthorFactory(user=people["journalist"]))
    change = reverse("admin:articles_article_change", args=[article.pk])
    start = reverse("admin:liveblog_livecoverage_start", args=[article.pk])
    client.force_login(people["editor"])
    page = client.get(change).content.decode()
    assert start in page and "live-desk-link" not in page
    client.force_login(people["journalist"])
    page = client.get(change).content.decode()
    assert start not in page and "live-desk-link" not in page
    coverage = services.coverage_start(article=article, by=people["editor"])
    desk_url = reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk])
    for who in ("editor", "journalist"):
        client.force_login(people[who])
        page = client.get(change).content.decode()
        assert f'href="{desk_url}" class="live-desk-link"' in page and start not in page


def test_start_live_coverage_from_the_article_form(client, people):
    """An editor's POST starts the coverage and opens the desk; a journalist's is refused; a
    GET changes nothing."""
    article = live_article(["uk"])
    sign(article, AuthorFactory(user=people["journalist"]))
    start = reverse("admin:liveblog_livecoverage_start", args=[article.pk])
    client.force_login(people["journalist"])
    assert client.post(start).status_code == 403
    client.force_login(people["editor"])
    assert client.get(start).status_code == 405
    assert not LiveCoverage.objects.exists()
    response = client.post(start)
    coverage = LiveCoverage.objects.get(article=article)
    assert coverage.is_on and response.status_code == 302
    assert response["Location"] == reverse("admin:liveblog_livecoverage_desk", args=[coverage.pk])


# --- the data migration ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_moves_photo_and_embed_into_blocks_and_back():
    """0003: an update's photo and embed link become a photo block and an embed block after its
    text; migrating back puts them in their fields again."""
    before, after = [("liveblog", "0002_roles")], [("liveblog", "0003_update_blocks")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    story = live_story(["uk"])
    photo = PhotoFactory()
    OldUpdate = apps.get_model("liveblog", "LiveUpdate")
    both = OldUpdate.objects.create(
        article_id=story.pk,
        language="uk",
        status="draft",
        text="<p>Обидва</p>",
        photo_id=photo.pk,
        embed_url=TELEGRAM_POST,
    )
    plain = OldUpdate.objects.create(article_id=story.pk, language="uk", text="<p>Текст</p>")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    NewBlock = apps.get_model("liveblog", "LiveUpdateBlock")
    rows = NewBlock.objects.filter(update_id=both.pk).order_by("position")
    assert [(b.kind, b.photo_id, b.url, b.position) for b in rows] == [
        ("photo", photo.pk, "", 10),
        ("embed", None, TELEGRAM_POST, 20),
    ]
    assert not NewBlock.objects.filter(update_id=plain.pk).exists()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    back = apps.get_model("liveblog", "LiveUpdate").objects.get(pk=both.pk)
    assert (back.photo_id, back.embed_url) == (photo.pk, TELEGRAM_POST)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_an_update_of_blocks_only_is_named_by_their_words(people, coverage):
    """The desk's history names a blocks-only update by its quote, not by a number."""
    update = services.update_create(
        article=coverage.article,
        language="uk",
        by=people["editor"],
        blocks=[{"kind": "quote", "text": "Світло буде до вечора", "attribution": "Мер"}],
    )
    assert str(update) == "Світло буде до вечора Мер"
    assert update.events.first().note == "Світло буде до вечора Мер"
