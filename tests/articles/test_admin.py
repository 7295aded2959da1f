from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.models import Article, Block, LanguageVersion, RelatedArticle, Status
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    HeroPhotoFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    live_article,
    ready_to_publish,
    sign,
    tag_article,
)
from tests.forms import form_data

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/articles/article/add/"
LIST_URL = "/admin/articles/article/"


def formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def article_post(section, *, uk_blocks=(), en_blocks=(), bylines=(), tags=(), **fields):
    data = {
        "section": section.pk,
        "hero_photo": "",
        "title_uk": "Міст через Дніпро відкрили",
        "lead_uk": "Рух відновили після ремонту.",
        "state_uk": Status.PUBLISHED,
        "publish_at_uk_0": "",
        "publish_at_uk_1": "",
        "title_ru": "",
        "lead_ru": "",
        "state_ru": Status.DRAFT,
        "title_en": "Bridge over the Dnipro reopens",
        "lead_en": "Traffic resumed after repairs.",
        "state_en": Status.DRAFT,
        **fields,
    }
    data |= formset("bylines", [{"author": a.pk, "position": i} for i, a in enumerate(bylines)])
    data |= formset("tagged_items", [{"tag": t.pk, "position": i} for i, t in enumerate(tags)])
    data |= formset("related_links", [])
    data |= formset("blocks-uk", list(uk_blocks))
    data |= formset("blocks-ru", [])
    data |= formset("blocks-en", list(en_blocks))
    data |= formset("history", [])
    return data


UK_BODY = [
    {"kind": "source", "text": 'Міська рада, <a href="https://example.org">сайт</a>'},
    {"kind": "details", "text": "<p>Ремонт тривав пів року.</p>"},
    {"kind": "quote", "text": "Міст готовий.", "attribution": "інженерка Олена Бондар"},
    {"kind": "background", "text": "", "items": "Перший пункт\nДругий пункт"},
]


def test_journalist_creates_a_bilingual_article_in_one_post(admin_client):
    """Title, lead, states, authors, tags and blocks of two languages are saved by one submit."""
    section, authors, tags = (
        SectionFactory(),
        AuthorFactory.create_batch(2),
        TagFactory.create_batch(2),
    )
    data = article_post(
        section,
        uk_blocks=UK_BODY,
        en_blocks=[{"kind": "paragraph", "text": "<p>Shorter translation.</p>"}],
        bylines=authors[::-1],
        tags=tags,
        hero_photo=HeroPhotoFactory().pk,
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    uk = list(article.blocks.filter(language="uk"))
    assert [b.kind for b in uk] == ["source", "details", "quote", "background"]
    assert [b.position for b in uk] == [10, 20, 30, 40]
    assert uk[2].attribution == "інженерка Олена Бондар"
    assert uk[3].item_list == ["Перший пункт", "Другий пункт"]
    assert [b.kind for b in article.blocks.filter(language="en")] == ["paragraph"]
    assert [b.author for b in article.bylines.all()] == authors[::-1]
    assert [t.tag for t in article.tagged_items.all()] == tags
    assert article.created_by.username == "boss"
    states = dict(article.versions.values_list("language", "status"))
    assert states == {"uk": Status.PUBLISHED, "en": Status.DRAFT}
    assert list(Article.objects.live("uk")) == [article]
    assert not Article.objects.live("en").exists()


def test_scheduling_from_the_admin_uses_kyiv_time(admin_client):
    """A publication time typed in the form is Kyiv time, stored as that instant."""
    data = article_post(
        SectionFactory(),
        tags=[TagFactory()],
        hero_photo=HeroPhotoFactory().pk,
        publish_at_uk_0="2030-05-01",
        publish_at_uk_1="09:30",
    )
    assert admin_client.post(ADD_URL, data).status_code == 302
    version = LanguageVersion.objects.get(language="uk")
    assert version.publish_at.isoformat() == "2030-05-01T06:30:00+00:00"
    assert version.is_scheduled and not Article.objects.live("uk").exists()


def test_publishing_a_language_without_title_is_a_form_error_and_keeps_the_text(admin_client):
    """Publishing English with no English title is refused; everything typed is shown back."""
    data = article_post(
        SectionFactory(),
        title_en="",
        state_en=Status.PUBLISHED,
        uk_blocks=[{"kind": "paragraph", "text": "<p>Унікальний текст журналістки</p>"}],
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("title_en", "title_required")
    page = response.content.decode()
    assert "Унікальний текст журналістки" in page and "Міст через Дніпро відкрили" in page
    assert not Article.objects.exists() and not Block.objects.exists()


def test_a_block_with_text_in_a_field_its_type_does_not_use_is_refused(admin_client):
    """Text in a field the block type ignores is an error, not silently dropped."""
    data = article_post(
        SectionFactory(),
        uk_blocks=[{"kind": "paragraph", "text": "<p>Абзац</p>", "attribution": "Хтось"}],
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][3].formset.forms[0]
    assert form.has_error("attribution", "unused_field")
    assert not Article.objects.exists()


def test_a_block_missing_its_required_field_is_refused(admin_client):
    """A Quote without words or an embed from an unknown site gets a clear error."""
    data = article_post(
        SectionFactory(),
        uk_blocks=[
            {"kind": "quote", "text": "", "attribution": "Хтось"},
            {"kind": "embed", "url": "https://evil.example/post/1"},
        ],
    )
    response = admin_client.post(ADD_URL, data)
    forms = response.context["inline_admin_formsets"][3].formset.forms
    assert forms[0].has_error("text", "required")
    assert forms[1].has_error("url", "bad_embed")


def test_a_refused_embed_is_explained_on_its_block_and_keeps_the_rest(admin_client):
    """An embed that is no post's address (here with a quote and a tag in it) is refused on its
    block with the accepted shapes named, in Ukrainian; everything else typed is shown back."""
    hostile = 'https://twitter.com/x/status/1"><script>alert(1)</script>'
    data = article_post(
        SectionFactory(),
        uk_blocks=[
            {"kind": "paragraph", "text": "<p>Унікальний текст журналістки</p>"},
            {"kind": "embed", "url": hostile},
        ],
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 200
    forms = response.context["inline_admin_formsets"][3].formset.forms
    assert forms[1].has_error("url", "bad_embed")
    page = response.content.decode()
    assert "Вбудовування приймає https-адресу одного допису" in page
    assert "https://x.com/&lt;користувач&gt;/status/&lt;номер&gt;" in page
    assert "Унікальний текст журналістки" in page and "Міст через Дніпро відкрили" in page
    assert "<script>alert(1)" not in page  # the refused address is shown back escaped
    assert not Article.objects.exists() and not Block.objects.exists()


def test_edit_form_shows_each_language_in_its_own_pane(admin_client):
    """The change form has a pane per language with its title, state and body blocks."""
    article = live_article(["uk"])
    Block.objects.create(article=article, language="en", kind="paragraph", text="<p>EN body</p>")
    response = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    for code in ["uk", "ru", "en"]:
        assert f"language-pane lang-{code}" in page
        assert f'id="blocks-{code}-group"' in page
    assert "EN body" in page
    assert response.context["adminform"].form.initial["state_uk"] == Status.PUBLISHED


def test_editing_keeps_unchanged_blocks_and_adds_new_ones_at_the_end(admin_client):
    """Re-saving an article keeps its blocks and appends a new block after them."""
    article = live_article(["uk"])
    Block.objects.create(
        article=article, language="uk", kind="paragraph", text="<p>Перший</p>", position=10
    )
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(change))
    data |= {
        "blocks-uk-TOTAL_FORMS": "2",
        "blocks-uk-1-kind": "subheading",
        "blocks-uk-1-text": "Новий підзаголовок",
    }
    response = admin_client.post(change, data)
    assert response.status_code == 302
    assert list(article.blocks.values_list("kind", "position")) == [
        ("paragraph", 10),
        ("subheading", 20),
    ]


def test_position_zero_is_kept_as_a_position(admin_client):
    """A block given position 0 goes first, not to the end."""
    article = live_article(["uk"])
    Block.objects.create(article=article, language="uk", kind="paragraph", text="x", position=10)
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(change)) | {
        "blocks-uk-TOTAL_FORMS": "2",
        "blocks-uk-1-kind": "subheading",
        "blocks-uk-1-text": "Спочатку",
        "blocks-uk-1-position": "0",
    }
    assert admin_client.post(change, data).status_code == 302
    assert [b.kind for b in article.blocks.all()] == ["subheading", "paragraph"]


def test_a_stale_form_does_not_put_a_withdrawn_article_back(admin_client):
    """A typo fix saved from a form opened before someone unpublished keeps it unpublished."""
    from articles import services

    article = live_article(["uk"])
    change = f"/admin/articles/article/{article.pk}/change/"
    stale = form_data(admin_client.get(change))
    services.article_unpublish(article=article, language="uk")
    response = admin_client.post(change, stale | {"lead_uk": "Виправлений лід."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead_uk == "Виправлений лід."
    assert not Article.objects.live("uk").exists()


def test_changing_the_state_on_a_stale_form_is_refused_then_applied_deliberately(admin_client):
    """Publishing from a form that predates another editor's change is refused with a message;
    the editor's text is kept, and saving again applies the choice knowingly."""
    from articles import services

    article = ready_to_publish(live_article(["uk"], title_en="Draft headline"))
    change = f"/admin/articles/article/{article.pk}/change/"
    stale = form_data(admin_client.get(change))
    services.article_unpublish(article=article, language="uk")
    mine = stale | {"state_en": Status.PUBLISHED, "lead_en": "My lead"}
    response = admin_client.post(change, mine)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.has_error("__all__", "publication_conflict")
    assert "My lead" in response.content.decode()
    assert not LanguageVersion.objects.filter(article=article, language="en").exists()
    # The re-rendered form carries the current snapshot: a second save is deliberate.
    again = form_data(response)
    assert again["state_en"] == Status.PUBLISHED
    response = admin_client.post(change, again)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.live("en").get() == article
    assert not Article.objects.live("uk").exists()  # the other editor's unpublish stands


def test_an_unchanged_time_in_the_repeated_dst_hour_does_not_block_saving(admin_client):
    """A version live at 03:30 on the night clocks go back can still be edited."""
    from datetime import UTC, datetime

    from articles import services

    article = ArticleFactory()
    ambiguous = datetime(2025, 10, 26, 0, 30, tzinfo=UTC)  # 03:30 Kyiv, which happens twice
    services.article_publish(article=article, language="uk", at=ambiguous)
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(change)) | {"title_uk": "Виправлено"}
    response = admin_client.post(change, data)
    assert response.status_code == 302
    version = LanguageVersion.objects.get(article=article, language="uk")
    assert version.publish_at == ambiguous


def test_changelist_filters_by_language_state_section_and_author(admin_client):
    """Filters combine: ?lang=en&state=scheduled lists English versions scheduled for later."""
    author = AuthorFactory()
    live_uk = live_article(["uk"], title_en="")
    scheduled_en = live_article(["uk"])
    from articles import services

    services.article_publish(
        article=scheduled_en, language="en", at=timezone.now() + timedelta(hours=2)
    )
    sign(scheduled_en, author)

    def listed(query):
        response = admin_client.get(LIST_URL + query)
        assert response.status_code == 200
        return set(response.context["cl"].result_list)

    assert listed("?lang=en&state=scheduled") == {scheduled_en}
    assert listed("?lang=uk&state=live") == {live_uk, scheduled_en}
    assert listed("?state=scheduled") == {scheduled_en}
    assert listed(f"?authors__id__exact={author.pk}") == {scheduled_en}
    assert listed(f"?section__id__exact={live_uk.section_id}") == {live_uk}


def test_search_finds_titles_in_every_language(admin_client):
    """The search box matches Ukrainian, Russian and English titles."""
    article = ArticleFactory(title_uk="Вишня", title_ru="Вишня ру", title_en="Cherry orchard")
    ArticleFactory()
    for term in ["Вишня", "ру", "orchard"]:
        response = admin_client.get(LIST_URL, {"q": term})
        assert list(response.context["cl"].result_list) == [article], term


def test_changelist_queries_do_not_grow_with_the_number_of_articles(admin_client):
    """Thumbnails, sections and per-language states cost the same queries for 2 or 12 rows."""

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(LIST_URL).status_code == 200
        return len(ctx)

    for _ in range(2):
        live_article(["uk", "en"], hero_photo=PhotoFactory())
    few = count_queries()
    for _ in range(10):
        live_article(["uk", "ru", "en"], hero_photo=PhotoFactory())
    assert count_queries() == few


def test_changelist_checkboxes_are_djangos_own(admin_client):
    """Each row's checkbox, written directly, is exactly what Django's widget renders (the
    select-all and bulk actions rely on its name, value and class), quotes escaped."""
    from django.contrib import admin as django_admin

    article = live_article(["uk"], title_uk='Мер & "міст" <b>')
    page = admin_client.get(LIST_URL).content.decode()
    expected = django_admin.ModelAdmin.action_checkbox(None, article)
    assert expected in page
    assert f'value="{article.pk}" class="action-select"' in page


@pytest.mark.parametrize(
    ("model", "field", "make"),
    [
        ("articles.articletag", "tag", lambda: TagFactory(name_uk="Енергетика")),
        ("articles.articleauthor", "author", lambda: AuthorFactory(name_uk="Енергетик Іван")),
        ("articles.relatedarticle", "related", lambda: ArticleFactory(title_uk="Енергетика міста")),
        ("articles.article", "hero_photo", lambda: PhotoFactory(caption_uk="Енергетика фото")),
    ],
)
def test_autocomplete_finds_tags_authors_articles_and_photos(admin_client, model, field, make):
    """Inline pickers search by Ukrainian name or title through the admin autocomplete."""
    target = make()
    app_label, model_name = model.split(".")
    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "Енергет", "app_label": app_label, "model_name": model_name, "field_name": field},
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(target.pk)]


def test_tag_slug_is_made_from_the_ukrainian_name_and_kept(admin_client):
    """A tag created in the admin gets a Latin slug that later renames do not change."""
    response = admin_client.post(
        "/admin/tags/tag/add/", {"name_uk": "Зеленський", "name_ru": "Зеленский", "name_en": ""}
    )
    assert response.status_code == 302
    from tags.models import Tag

    tag = Tag.objects.get()
    assert tag.slug == "zelenskyi" and tag.name_en is None
    admin_client.post(
        f"/admin/tags/tag/{tag.pk}/change/",
        {"name_uk": "Володимир Зеленський", "name_ru": "Зеленский", "name_en": "Zelenskyy"},
    )
    tag.refresh_from_db()
    assert tag.name_uk == "Володимир Зеленський" and tag.slug == "zelenskyi"


def test_every_admin_page_renders(admin_client):
    """Lists and add forms of every model open without error."""
    article = live_article(["uk"])
    tag_article(article, TagFactory())
    for path in [
        "articles/article",
        "articles/section",
        "articles/author",
        "articles/photo",
        "tags/tag",
    ]:
        assert admin_client.get(f"/admin/{path}/").status_code == 200, path
        assert admin_client.get(f"/admin/{path}/add/").status_code == 200, path


def test_admin_speaks_ukrainian_by_default(client, admin_user):
    """Without a language preference, labels and error messages are Ukrainian."""
    client.force_login(admin_user)
    data = article_post(SectionFactory(), title_en="", state_en=Status.PUBLISHED)
    response = client.post(ADD_URL, data)
    assert "Опублікована версія повинна мати заголовок" in response.content.decode()
    page = client.get(ADD_URL).content.decode()
    assert "Пряма мова" in page and "Передісторія" in page  # block types in the type menu


def test_public_block_labels_follow_the_page_language(client):
    """Source / Details / Quote / Background labels are in the page's language."""
    article = live_article(["uk", "ru", "en"])
    for code in ["uk", "ru", "en"]:
        for kind in ["source", "details", "quote"]:
            Block.objects.create(article=article, language=code, kind=kind, text="x")
        Block.objects.create(article=article, language=code, kind="background", items="a")
    expected = {
        "uk": ["Джерело:", "Деталі:", "Пряма мова:", "Передісторія:"],
        "ru": ["Источник:", "Детали:", "Прямая речь:", "Предыстория:"],
        "en": ["Source:", "Details:", "Quote:", "Background:"],
    }
    for code, labels in expected.items():
        page = client.get(article.get_absolute_url(code)).content.decode()
        for label in labels:
            assert label in page, (code, label)


def test_resaving_a_live_article_keeps_its_publication_time(admin_client):
    """Editing only the title of a live article does not touch its state or time."""
    from articles import services

    article = ArticleFactory()
    version = services.article_publish(article=article, language="uk")
    saved_at = version.updated_at
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(change)) | {"title_uk": "Новий заголовок"}
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    version.refresh_from_db()
    assert version.updated_at == saved_at  # the version row was not written again
    article.refresh_from_db()
    assert article.title_uk == "Новий заголовок"


def test_title_edit_in_the_admin_keeps_the_public_url(admin_client, client):
    """Renaming a published article in the admin leaves its address working and unchanged."""
    article = live_article(["uk"])
    url = article.get_absolute_url("uk")
    change = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(change)) | {"title_uk": "Зовсім інший заголовок"}
    assert admin_client.post(change, data).status_code == 302
    article.refresh_from_db()
    assert article.get_absolute_url("uk") == url
    assert "Зовсім інший заголовок" in client.get(url).content.decode()


def test_change_page_queries_do_not_grow_with_blocks_tags_authors_or_links(admin_client):
    """The edit page of an article with 40 rows costs the same queries as one with 4."""

    def article_with(n):
        article = live_article(["uk", "en"], hero_photo=PhotoFactory())
        sign(article, *AuthorFactory.create_batch(n))
        tag_article(article, *TagFactory.create_batch(n))
        for target in [live_article(["uk"]) for _ in range(n)]:
            RelatedArticle.objects.create(article=article, related=target)
            Block.objects.create(
                article=article, language="uk", kind="read_also", link_article=target
            )
            Block.objects.create(article=article, language="en", kind="photo", photo=PhotoFactory())
        return article

    def count(article):
        with CaptureQueriesContext(connection) as ctx:
            response = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
        assert response.status_code == 200
        return len(ctx)

    small, large = article_with(1), article_with(8)
    count(small)  # what a running server has read once (content types)
    assert count(large) == count(small)


def test_admin_sentences_with_a_model_name_need_no_grammatical_case(admin_client):
    """ "Додати: стаття", not "Додати стаття"; "Зміни збережено: стаття «…»", not "Стаття …
    було змінено"; "Додати ще: …" under the inlines."""
    article = live_article(["uk"])
    change = f"/admin/articles/article/{article.pk}/change/"
    page = admin_client.get("/admin/articles/article/add/").content.decode()
    assert "Додати: стаття" in page and "Додати стаття" not in page
    assert "Додати ще: " in page
    response = admin_client.post(change, form_data(admin_client.get(change)), follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Зміни збережено: стаття «")


def test_the_russian_catalog_words_them_the_same_way():
    """In Russian too: "Добавить: статья", "Изменения сохранены: статья «…»"."""
    with translation.override("ru"):
        assert gettext("Add %(name)s") % {"name": "статья"} == "Добавить: статья"
        changed = gettext("The {name} “{obj}” was changed successfully.")
        assert changed.format(name="статья", obj="X") == "Изменения сохранены: статья «X»."


def test_saving_warns_of_tags_without_a_name_in_a_language_the_article_is_in(admin_client):
    """A tag with no English name would silently vanish from the English page: the save says
    so, naming the tag and the language."""
    article = live_article(["uk", "en"])
    tag_article(
        article,
        TagFactory(name_uk="Енергетика", name_en=""),
        TagFactory(name_uk="Київ", name_en="Kyiv"),
    )
    change = f"/admin/articles/article/{article.pk}/change/"
    response = admin_client.post(change, form_data(admin_client.get(change)), follow=True)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "English" in warnings[0] and "«Енергетика»" in warnings[0]
    assert "Київ" not in warnings[0]


def test_an_embed_block_shows_a_plain_address_box(admin_client):
    """The embed's address is one box, without the admin's "Currently: … Change:" around it."""
    article = live_article(["uk"])
    Block.objects.create(
        article=article, language="uk", kind="embed", url="https://t.me/kyiv_metro/5530"
    )
    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'value="https://t.me/kyiv_metro/5530"' in page
    assert '<p class="url">' not in page
