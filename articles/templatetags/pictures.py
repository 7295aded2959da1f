"""`{% picture photo %}`: a photo as a responsive <picture>, from the renditions recorded on it.

Everything comes from the Photo row already loaded (`Photo.renditions`, width, height, alt text):
no query, no file access, no image work while a page renders.
"""

from django import template

from articles import renditions

register = template.Library()

DEFAULT_SIZES = "(min-width: 48rem) 46rem, 100vw"
# The <img src> for browsers without srcset, and what crawlers that ignore srcset pick up.
FALLBACK_WIDTH = 960


@register.inclusion_tag("articles/_picture.html")
def picture(photo, sizes=DEFAULT_SIZES, loading="lazy", css_class=""):
    """Render `photo` as <picture>: WebP and JPEG srcsets, and width/height so the browser
    reserves the space. `loading="eager"` is for the photo at the top of a page (the likely
    largest paint): it then loads at once, with high priority. Renders nothing without a photo.

        {% load pictures %}
        {% picture article.hero_photo loading="eager" %}
        {% picture block.photo sizes="(min-width: 48rem) 46rem, 100vw" css_class="wide" %}
    """
    if not photo or not photo.image:
        return {"photo": None}
    src = renditions.best(photo, "jpeg", "original", FALLBACK_WIDTH)
    eager = loading == "eager"
    return {
        "photo": photo,
        "src": src[0],
        "webp_srcset": renditions.srcset(photo, "webp") if renditions.has(photo, "webp") else "",
        "jpeg_srcset": renditions.srcset(photo, "jpeg"),
        "sizes": sizes,
        "loading": "" if eager else loading,
        "fetchpriority": "high" if eager else "",
        "css_class": css_class,
    }
