from django.urls import path

from pagecache import keys
from pagecache.decorators import surrogate_keys

from . import feeds, sitemaps, views

app_name = "articles"
feed = feeds.feed_view()

urlpatterns = [
    path("", views.home, name="home"),
    path("news/", views.news, name="news"),
    path("news/date/<str:day>/", views.archive_day, name="archive_day"),
    path("support/", views.support, name="support"),
    path("search/", views.search_view, name="search"),
    # `str` rather than `int` for month and day: /news/2024/11/8/1/ must reach the view, which
    # answers every variant of an article's address with a 301 to the canonical one.
    # `id` (newsroom/params.py) rather than `int`: an id past the largest one is a 404, not a
    # number overflowing the query.
    path("news/<int:year>/<str:month>/<str:day>/<id:pk>/", views.article_detail, name="detail"),
    path("news/<id:pk>/", views.article_detail, name="short"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    # The sidebar's newest headlines alone, which Varnish includes in pages (pagecache/esi.py).
    path("fragments/recent-news/", views.recent_news_fragment, name="recent_news"),
    path(
        "news-sitemap.xml",
        surrogate_keys(keys.SITEMAPS)(sitemaps.news_sitemap),
        name="news_sitemap",
    ),
    # Feeds: the newest 50 live items of the language; …/full/ adds the text (content:encoded).
    path("rss/", feed, name="feed"),
    path("rss/full/", feed, {"full": True}, name="feed_full"),
    *(
        route
        for kind, prefix in [("section", "sections"), ("tag", "tags"), ("author", "authors")]
        for route in (
            path(f"rss/{prefix}/<slug:slug>/", feed, {"kind": kind}, name=f"{kind}_feed"),
            path(
                f"rss/{prefix}/<slug:slug>/full/",
                feed,
                {"kind": kind, "full": True},
                name=f"{kind}_feed_full",
            ),
        )
    ),
]
