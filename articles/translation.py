"""Which text fields exist once per language (modeltranslation adds name_uk, name_ru, name_en…).

Body blocks are not here: each language has its own ordered rows (`Block.language`), because a
translation is often shorter than the original and has a different number of blocks.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Article, Author, Photo, Section

ALL_LANGUAGES = ("uk", "ru", "en")


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ALL_LANGUAGES


@register(Author)
class AuthorTranslationOptions(TranslationOptions):
    fields = ("name", "bio")
    required_languages = {"default": ("name",)}


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "credit")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    # Required per language only when that language is published: checked by the services.
    fields = ("title", "lead", "seo_title", "meta_description")
