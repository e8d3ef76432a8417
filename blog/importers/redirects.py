"""Old URLs of imported posts: normalised to paths, and kept working as redirects to /blog/<slug>/."""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.utils.encoding import escape_uri_path

MAX_PATH = Redirect._meta.get_field("old_path").max_length


def old_url_path(url):
    """The path part of an old URL or permalink, escaped as requests arrive; None when it cannot be a redirect."""
    parts = urlsplit(url.strip())
    path = parts.path
    if parts.query or not path or path == "/" or ":" in path or "{" in path:
        return None
    if not path.startswith("/"):
        path = "/" + path
    path = escape_uri_path(unquote(path))
    return path if len(path) <= MAX_PATH else None


def redirect_paths(old_urls, new_path):
    """The distinct old paths among `old_urls` that differ from `new_path`, and warnings for unusable ones."""
    paths, warnings = [], []
    for url in old_urls:
        path = old_url_path(url)
        if path is None:
            warnings.append(f"old URL {url!r} cannot become a redirect (not a plain path, or too long)")
        elif path != new_path and path not in paths:
            paths.append(path)
    return paths, warnings


def missing_redirects(paths, new_path):
    """The old paths that do not yet redirect to `new_path`."""
    existing = set(
        Redirect.objects.filter(site_id=settings.SITE_ID, old_path__in=paths, new_path=new_path).values_list(
            "old_path", flat=True
        )
    )
    return [path for path in paths if path not in existing]


def save_redirects(paths, new_path):
    for path in paths:
        Redirect.objects.update_or_create(site_id=settings.SITE_ID, old_path=path, defaults={"new_path": new_path})
