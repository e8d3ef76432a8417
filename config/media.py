"""Uploaded media served by Django when no web server does it (SERVE_MEDIA): for gunicorn alone.

Safe by construction: no directory listings, no path outside MEDIA_ROOT (and no hidden files), content types from
a short list of images (anything else is a download), `nosniff`, a sandboxing CSP, conditional requests answered
with 304, and the file handed to the server's sendfile through FileResponse.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"}
MEDIA_POLICY = "default-src 'none'; img-src 'self'; sandbox"
MAX_AGE = 7 * 24 * 60 * 60


def media_file(path):
    """The regular file at `path` under MEDIA_ROOT, or 404."""
    parts = Path(path).parts
    if not parts or any(part.startswith(".") for part in parts) or "\x00" in path:
        raise Http404("No such file.")
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, path))
    except (SuspiciousFileOperation, ValueError):
        raise Http404("No such file.") from None
    if not full.is_file():
        raise Http404("No such file.")
    return full


@require_safe
def serve_media(request, path):
    full = media_file(path)
    stat = full.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), int(stat.st_mtime)):
        return HttpResponseNotModified()
    content_type, encoding = mimetypes.guess_type(full.name)
    inline = content_type in INLINE_TYPES and not encoding
    response = FileResponse(
        full.open("rb"),
        content_type=content_type if inline else "application/octet-stream",
        as_attachment=not inline,
        filename=full.name,
    )
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Content-Security-Policy"] = MEDIA_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        del response["Content-Disposition"]
    response["Content-Length"] = str(stat.st_size)
    return response

