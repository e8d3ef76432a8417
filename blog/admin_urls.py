"""Editor endpoints under /admin/markdownx/ (paths match MARKDOWNX_*_URLS_PATH in settings)."""

from django.urls import path

from blog import editor

urlpatterns = [
    path("markdownify/", editor.markdown_preview, name="markdownx_markdownify"),
    path("upload/", editor.image_upload, name="markdownx_upload"),
]
