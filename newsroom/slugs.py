"""Latin slugs for Cyrillic names.

Ukrainian follows the official national transliteration (Cabinet of Ministers resolution 55 of
2010, the one on passports and road signs), so НАТО → nato and Зеленський → zelenskyi. Russian has
its own table because its letters sound different (г is g, и is i). Slugs must never come out
empty or numeric-only: a numeric slug would look like an id in a URL.
"""

import re

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import slugify

# Letters whose spelling depends on being first in a word (є → ye at the start, ie elsewhere).
_UK_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    # Russian letters that turn up in Ukrainian text (quoted names, surzhyk).
    "ъ": "", "ы": "y", "э": "e", "ё": "io",
}  # fmt: skip
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian letters that turn up in Russian text (Ukrainian names).
    "є": "ye", "ї": "yi", "і": "i", "ґ": "g",
}  # fmt: skip
# Apostrophes inside a word (м'ята, ім’я) are not sounds: they disappear.
_APOSTROPHES = "'’ʼ`"


def transliterate(text: str, language: str = "uk") -> str:
    """Lower-case Latin rendering of `text`; characters outside the table pass through."""
    text = text.lower()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    table = _RU if language == "ru" else _UK
    out = []
    previous = ""
    for char in text:
        at_word_start = not previous.isalpha()
        if language != "ru":
            if at_word_start and char in _UK_WORD_START:
                out.append(_UK_WORD_START[char])
            elif char == "г" and previous == "з":
                # зг is written zgh so that it is not read as the digraph zh (Згорани → Zghorany).
                out.append("gh")
            else:
                out.append(table.get(char, char))
        else:
            out.append(table.get(char, char))
        previous = char
    return "".join(out)


def slugify_name(name: str, *, language: str = "uk", fallback: str = "item", max_length=80) -> str:
    """A Latin slug for `name`; never empty, never digits only."""
    slug = slugify(transliterate(name or "", language))[:max_length].strip("-")
    if not slug:
        return fallback
    if re.fullmatch(r"[\d-]+", slug):
        return f"{fallback}-{slug}"[:max_length]
    return slug


def unique_slug(model, base: str, *, instance_pk=None, field: str = "slug", max_length=100) -> str:
    """`base`, or `base-2`, `base-3`… — the first one no other row of `model` holds.

    The database's unique constraint still has the last word when two saves race.
    """
    base = base[: max_length - 4]
    taken = set(
        model._default_manager.filter(**{f"{field}__startswith": base})
        .exclude(pk=instance_pk)
        .values_list(field, flat=True)
    )
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class SluggedModel(models.Model):
    """A model with a Latin slug made from its Ukrainian name when left empty."""

    slug_fallback = "item"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                type(self),
                slugify_name(self.name_uk or "", fallback=self.slug_fallback),
                instance_pk=self.pk,
            )
        # modeltranslation fills the untranslated `name` column from the active language at
        # save time; it must always hold the Ukrainian original (taggit looks tags up by it).
        with translation.override(settings.LANGUAGE_CODE):
            super().save(*args, **kwargs)
