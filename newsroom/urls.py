import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from django.urls.converters import get_converters
from django.views.static import serve

from articles import sitemaps
from articles.api import api
from articles.previews import preview_link_view
from pagecache import keys
from pagecache.decorators import surrogate_keys

from . import params
from .health import readyz
from .metrics import metrics_view
from .views import healthz

# `<id:pk>`: an id in a path, bounded (see newsroom/params.py); before the apps' routes use it.
# Once per process: this module is imported again when tests reload the URLs.
if "id" not in get_converters():
    register_converter(params.IdConverter, "id")

# Sitemaps list thousands of addresses: one key for them all, purged with every publication.
in_sitemaps = surrogate_keys(keys.SITEMAPS)

admin.site.site_header = admin.site.site_title = f"{settings.SITE_NAME} — newsroom"
admin.site.index_title = "Редакція"

urlpatterns = [
    # The second step of a staff login (before the admin's own catch-all patterns).
    path("admin/2fa/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    # One address for every language: the frame is told the page's language.
    path("ads/", include("ads.urls")),
    # One index for all languages: each URL in it names its language versions.
    path("sitemap.xml", in_sitemaps(sitemaps.index), name="sitemap_index"),
    path("sitemap-<str:section>.xml", in_sitemaps(sitemaps.section), name="sitemap_section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    # Readiness (database, migrations, cache, storage, scheduler) and Prometheus metrics; like
    # /healthz, answered by newsroom.health.ProbeMiddleware before the Host check.
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    # Expiring preview links for people without an account: one address whatever the language
    # (the link names its version), outside the public namespaces, so never a shared-cache page.
    path("preview/<str:token>/", preview_link_view, name="preview_link"),
    # The JSON API: one address for every language (a `language` parameter), versioned.
    path("api/v1/", api.urls),
]

# The 500 page renders without the database: it may be what failed.
handler500 = "articles.views.server_error"

# Ukrainian is the unprefixed default; Russian lives under /ru/ and English under /en/.
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("", include("liveblog.urls")),
    # The public record of corrections and editor's notes of each language.
    path("corrections/", include("corrections.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Development and the local docker-compose setup only: in production nginx, a CDN or the
    # S3 bucket serves uploads, and Django never sees those requests.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
