from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = admin.site.site_title = f"{settings.SITE_NAME} — newsroom"
admin.site.index_title = "Редакція"

urlpatterns = [
    path("admin/", admin.site.urls),
]

# Ukrainian is the unprefixed default; Russian lives under /ru/ and English under /en/.
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
