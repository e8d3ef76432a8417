"""Keeps django.contrib.sites' Site (which redirects hang off) named after SITE_URL, after every migrate."""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.sites.management import create_default_site
from django.contrib.sites.models import Site
from django.db import DEFAULT_DB_ALIAS


def sync_site_with_site_url(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate receiver: make Site SITE_ID's domain and name the host of settings.SITE_URL."""
    if sender.label != "sites":
        return
    try:
        historical_site = apps.get_model("sites", "Site")
    except LookupError:
        return
    create_default_site(sender, verbosity=0, using=using, apps=apps)
    host = urlsplit(settings.SITE_URL).netloc
    historical_site.objects.using(using).filter(pk=settings.SITE_ID).exclude(domain=host, name=host).update(
        domain=host, name=host
    )
    Site.objects.clear_cache()
