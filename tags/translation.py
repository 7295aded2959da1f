from modeltranslation.translator import TranslationOptions, register

from .models import Tag


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("uk",)
    # A tag without a Russian or English name stores NULL there, so the unique index allows many.
    empty_values = {"name": None}
