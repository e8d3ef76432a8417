from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe

from blog.sitemaps import SITEMAPS, sitemap_index
from config.media import serve_media

urlpatterns = [
    path(f"{settings.ADMIN_URL}markdownx/", include("blog.admin_urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("sitemap.xml", require_safe(sitemap_index), name="sitemap"),
    re_path(rf"^sitemap-(?P<section>{'|'.join(SITEMAPS)})\.xml$", require_safe(sitemap), {"sitemaps": SITEMAPS},
            name="sitemap-section"),
    path("", include("blog.urls")),
]

if settings.SERVE_MEDIA:  # uploads served safely by Django when no web server in front does it (config/media.py)
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media")]

handler500 = "config.health.server_error"  # the plain 503 page when the database is down
