"""The site's URLs plus uploaded media, which the live server must serve for the browser to see images."""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("media/<path:path>", lambda request, path: serve(request, path, document_root=settings.MEDIA_ROOT)),
    *site_urlpatterns,
]
