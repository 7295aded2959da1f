from django import template
from django.utils import timezone

from articles import seo

register = template.Library()


@register.filter
def note_time(value):
    """'8 November 2024, 15:10' in the page's language and Kyiv time: the date of a note."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{seo.long_date(local)}, {local:%H:%M}"


@register.filter
def placed(notes, placement):
    """The notes shown at `placement` (above / below the text), in their order."""
    return [note for note in notes or () if note.placement == placement]
