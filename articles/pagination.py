"""Pages of a news list without counting the archive.

Django's Paginator runs COUNT(*) over every matching row to number the pages; over a million
articles that is the slowest query of the page, and readers of a feed only ever go to the next or
previous page. One extra row tells whether there is a next page.
"""

from dataclasses import dataclass

from django.http import Http404


@dataclass
class Page:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


MAX_PAGE = 1000


def paginate(request, queryset, per_page) -> Page:
    """The requested page (?page=N). A page that is not a number, below 1, beyond the last page
    or absurdly deep is a 404: nothing about the archive is revealed by guessing."""
    raw = request.GET.get("page", "1")
    # isascii(): "²" and other Unicode digits pass isdigit() but are no number for int().
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404
    number = int(raw)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404
    return Page(object_list=rows[:per_page], number=number, has_next=len(rows) > per_page)
