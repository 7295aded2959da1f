import pytest

from newsroom.slugs import slugify_name, transliterate, unique_slug
from tests.factories import SectionFactory

# The national transliteration's own examples, and every letter that differs from Russian.
UKRAINIAN = [
    ("НАТО", "nato"),
    ("Зеленський", "zelenskyi"),
    ("Єнакієве", "yenakiieve"),  # є at the start ye, inside ie
    ("Їжакевич", "yizhakevych"),  # ї at the start yi
    ("Кадиївка", "kadyivka"),  # ї inside i
    ("Йосипівка", "yosypivka"),  # й at the start y
    ("Стрий", "stryi"),  # й inside i
    ("Іванків", "ivankiv"),  # і
    ("Ґалаґан", "galagan"),  # ґ is g, г is h
    ("Гадяч", "hadiach"),
    ("Згорани", "zghorany"),  # зг → zgh
    ("Щербухи", "shcherbukhy"),  # щ
    ("Львів", "lviv"),  # ь disappears
    ("Знам'янка", "znamianka"),  # apostrophe disappears
    ("Знам’янка", "znamianka"),  # typographic apostrophe too
    ("Юрій", "yurii"),
    ("Яготин", "yahotyn"),
    ("Харків", "kharkiv"),
    ("Жовква", "zhovkva"),
]
RUSSIAN = [
    ("Съезд", "sezd"),  # ъ disappears
    ("Крым", "krym"),  # ы
    ("Эхо", "ekho"),  # э
    ("Ёлка", "yolka"),  # ё
    ("Объём", "obyom"),
    ("Щука", "shchuka"),
    ("Горький", "gorkiy"),  # г is g and й is y in Russian
]


@pytest.mark.parametrize(("word", "expected"), UKRAINIAN)
def test_ukrainian_letters(word, expected):
    """Ukrainian is transliterated by the official national table."""
    assert transliterate(word, "uk") == expected


@pytest.mark.parametrize(("word", "expected"), RUSSIAN)
def test_russian_letters(word, expected):
    """Russian has its own table (г → g, и → i, ы, э, ё, ъ)."""
    assert transliterate(word, "ru") == expected


def test_russian_letters_in_ukrainian_text_are_not_dropped():
    """ы, э, ё and ъ inside a Ukrainian name still become Latin letters, not gaps."""
    assert slugify_name("Эхо Ёжика сыр объём") == "ekho-iozhyka-syr-obiom"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Верховна Рада", "verkhovna-rada"),
        ("  Чорне   море!  ", "chorne-more"),
        ("2024", "tag-2024"),
        ("1+1", "tag-11"),
        ("ЬЪ", "tag"),
        ("!!!", "tag"),
        ("🙂", "tag"),
        ("Café Київ", "cafe-kyiv"),
    ],
)
def test_slug_is_never_empty_or_numeric(name, expected):
    """Slugs are Latin and never empty or digits only."""
    assert slugify_name(name, fallback="tag") == expected


@pytest.mark.django_db
def test_unique_slug_appends_a_number():
    """A taken slug gets -2, -3… rather than an error or a silent clash."""
    SectionFactory(slug="news")
    SectionFactory(slug="news-2")
    from articles.models import Section

    assert unique_slug(Section, "news") == "news-3"
    assert unique_slug(Section, "sport") == "sport"


@pytest.mark.django_db
def test_saving_a_tag_in_another_active_language_keeps_its_names_apart():
    """Saved while English is active, a tag keeps its Ukrainian original and no English name."""
    from django.utils import translation

    from tags.models import Tag

    with translation.override("en"):
        tag = Tag(name_uk="НАТО")
        tag.save()
    tag.refresh_from_db()
    assert (tag.name_uk, tag.name_en, tag.slug) == ("НАТО", None, "nato")
    assert Tag.objects.filter(name="НАТО").exists()  # the column taggit looks tags up by
