"""Values every template needs: the site's identity and its public base URL."""

from django.conf import settings

from blog.models import SiteSettings


def site(request):
    return {"site": SiteSettings.load(), "SITE_URL": settings.SITE_URL}
