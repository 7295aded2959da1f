""" "Updated" on the article page is per language: it follows that language's text and notes,
not the article's last save."""

import html
from datetime import timedelta

import pytest

from articles.models import Block, LanguageVersion
from corrections import services as notes
from tests.forms import form_data

from .conftest import PUBLISHED

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodied(story):
    for code in ("uk", "en"):
        Block.objects.create(
            article=story, language=code, kind="paragraph", text=f"<p>Текст {code}.</p>"
        )
    return story


def updated(client, article, language):
    """The page's "Updated" time as written, or None."""
    page = html.unescape(client.get(article.get_absolute_url(language)).content.decode())
    if 'class="updated"' not in page:
        return None
    return page.split('class="updated"', 1)[1].split("</time>", 1)[0].rsplit(">", 1)[1]


def save_form(client, article, **changes):
    change = f"/admin/articles/article/{article.pk}/change/"
    response = client.post(change, form_data(client.get(change)) | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_editing_the_english_text_updates_the_english_page_only(admin_client, client, bodied):
    """A new English title: "Updated" in English; the Ukrainian page says nothing."""
    save_form(admin_client, bodied, title_en="Mayor and engineers agree on bridge repair")
    assert updated(client, bodied, "en") is not None
    assert updated(client, bodied, "uk") is None


def test_editing_the_ukrainian_body_updates_the_ukrainian_page(admin_client, client, bodied):
    """A changed Ukrainian paragraph: "Updated" on the Ukrainian page, not the English one."""
    form = form_data(admin_client.get(f"/admin/articles/article/{bodied.pk}/change/"))
    field = next(name for name in form if name.startswith("blocks-uk-") and name.endswith("-text"))
    save_form(admin_client, bodied, **{field: "<p>Текст uk, виправлений.</p>"})
    assert updated(client, bodied, "uk") is not None
    assert updated(client, bodied, "en") is None


def test_shared_settings_and_unchanged_saves_update_no_language(admin_client, client, bodied):
    """Marking the story important, or saving it unchanged, is not new text for readers."""
    save_form(admin_client, bodied, is_important="on")
    save_form(admin_client, bodied)
    assert updated(client, bodied, "uk") is None
    assert updated(client, bodied, "en") is None
    assert not LanguageVersion.objects.filter(text_updated_at__isnull=False).exists()


def test_a_correction_well_after_publication_updates_its_language(client, story):
    """A note dated two hours after publication: "Updated" at its time, in its language."""
    notes.correction_add(
        article=story,
        language="en",
        text="Fixed.",
        by=None,
        dated_at=PUBLISHED + timedelta(hours=2),
    )
    assert updated(client, story, "en") == "Friday, 8 November 2024, 15:56"
    assert updated(client, story, "uk") is None


def test_a_change_within_minutes_of_publication_is_not_an_update(client, story):
    """A typo fixed three minutes after going live does not say "Updated"."""
    LanguageVersion.objects.filter(article=story, language="uk").update(
        text_updated_at=PUBLISHED + timedelta(minutes=3)
    )
    assert updated(client, story, "uk") is None
    LanguageVersion.objects.filter(article=story, language="uk").update(
        text_updated_at=PUBLISHED + timedelta(hours=2)
    )
    assert updated(client, story, "uk") == "П'ятниця, 8 листопада 2024, 15:56"


def test_structured_data_and_meta_follow_the_language(client, story):
    """dateModified and article:modified_time say the language's update, not another's."""
    LanguageVersion.objects.filter(article=story, language="en").update(
        text_updated_at=PUBLISHED + timedelta(hours=2)
    )
    uk = client.get(story.get_absolute_url("uk")).content.decode()
    en = client.get(story.get_absolute_url("en")).content.decode()
    assert '"dateModified": "2024-11-08T13:56:00+02:00"' in uk
    assert '"dateModified": "2024-11-08T15:56:00+02:00"' in en
    assert 'property="article:modified_time" content="2024-11-08T15:56:00+02:00"' in en


def test_restoring_a_revision_updates_the_languages_it_changes(admin_client, client, bodied):
    """Back to an older English title: the English page is updated, the Ukrainian one not."""
    from articles import revisions

    save_form(admin_client, bodied, title_en="First title")
    save_form(admin_client, bodied, title_en="Second title")
    LanguageVersion.objects.update(text_updated_at=None)
    first = revisions.revisions_of(bodied).order_by("revision__date_created").first()
    response = admin_client.post(
        f"/admin/articles/article/{bodied.pk}/revisions/{first.pk}/restore/"
    )
    assert response.status_code == 302
    assert updated(client, bodied, "en") is not None
    assert updated(client, bodied, "uk") is None
