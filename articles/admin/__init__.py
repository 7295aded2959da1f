"""The newsroom's admin for articles, split by concern (one module each).

`article.py` holds `ArticleAdmin`; its extra pages (calendar, revisions, previews, the editing
heartbeat) are mixins in their own modules, each adding its URLs in `get_urls()`.
"""

from .article import ArticleAdmin
from .changelist import ArticleListQuerySet
from .forms import ArticleAdminForm, BlockForm
from .library import AuthorAdmin, PhotoAdmin, SectionAdmin

__all__ = [
    "ArticleAdmin",
    "ArticleAdminForm",
    "ArticleListQuerySet",
    "AuthorAdmin",
    "BlockForm",
    "PhotoAdmin",
    "SectionAdmin",
]
