"""Cookies this site could never have set: a 400 that says so and clears them, so that a reload works.

Browsers send back what the site set. A session or CSRF cookie that is not in the shape Django makes, a commenter
cookie whose signature does not match, or a Cookie header carrying control characters comes from a damaged
browser profile, a proxy or a bot; answering it with an anonymous page would hide the problem, and a 500 would be
worse. Other sites' cookies on the same domain are left alone: their shape is not this site's business.
"""

import re

from django.conf import settings
from django.core import signing

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
SESSION_KEY = re.compile(r"[a-z0-9]{8,64}")
CSRF_SECRET = re.compile(r"[A-Za-z0-9]{32}|[A-Za-z0-9]{64}")
MESSAGE = (
    "Your browser sent a cookie for this site that the site never set, so the request was refused. "
    "The cookie has been cleared: reload the page and it will work."
)


def commenter_cookie_is_signed(request):
    from blog.comment_readers import AUTHOR_COOKIE_SALT

    try:
        request.get_signed_cookie(settings.COMMENTS_AUTHOR_COOKIE, salt=AUTHOR_COOKIE_SALT)
    except signing.BadSignature:  # an expired cookie is well formed: it is simply ignored later
        return False
    return True


def malformed_cookies(request):
    """(cookie names to clear, whether anything is malformed) for this request's Cookie header."""
    header = request.META.get("HTTP_COOKIE", "")
    cookies = request.COOKIES
    checks = {
        settings.SESSION_COOKIE_NAME: lambda: SESSION_KEY.fullmatch(cookies[settings.SESSION_COOKIE_NAME]),
        settings.CSRF_COOKIE_NAME: lambda: CSRF_SECRET.fullmatch(cookies[settings.CSRF_COOKIE_NAME]),
        settings.COMMENTS_AUTHOR_COOKIE: lambda: commenter_cookie_is_signed(request),
    }
    # An empty value is what deleting a cookie leaves behind in some clients: absent, not malformed.
    damaged = [name for name, is_well_formed in checks.items() if cookies.get(name) and not is_well_formed()]
    return damaged, bool(damaged or CONTROL_CHARACTERS.search(header))


def clear(response, names):
    domains = {settings.SESSION_COOKIE_NAME: settings.SESSION_COOKIE_DOMAIN,
               settings.CSRF_COOKIE_NAME: settings.CSRF_COOKIE_DOMAIN}
    for name in names:
        response.delete_cookie(name, domain=domains.get(name), samesite="Lax")
    return response
