"""Values every template needs: the site's identity, its public base URL, and the links base.html puts on every
page."""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse

from blog.absolute import absolute_url
from blog.models import SiteSettings

PAGES = {"home": "blog:home", "tags": "blog:tags", "archive": "blog:archive", "search": "blog:search",
         "rss": "blog:rss", "atom": "blog:atom", "sitemap": "sitemap", "login": "accounts:login"}
ASSETS = {"site_css": "css/site.css", "tokens_css": "css/tokens.css", "prose_css": "css/prose.css",
          "code_css": "css/code.css", "favicon": "img/favicon.svg"}


@cache
def site_links(script_prefix):
    """The same on every page, so worked out once per process: reversing and hashing these on every page cost
    about a tenth of a page's rendering time."""
    links = {name: reverse(view) for name, view in PAGES.items()}
    links |= {f"{name}_absolute": absolute_url(links[name]) for name in ("rss", "atom")}
    return links | {name: static(path) for name, path in ASSETS.items()}


@receiver(setting_changed, dispatch_uid="quire.site_links.settings")
def forget_site_links(setting, **kwargs):
    if setting in ("SITE_URL", "STATIC_URL", "STORAGES", "ROOT_URLCONF"):
        site_links.cache_clear()


def site(request):
    return {"site": SiteSettings.load(), "SITE_URL": settings.SITE_URL, "links": site_links(get_script_prefix())}
