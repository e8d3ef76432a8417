"""Cookies no browser would send for this site: a 400 that says so and clears them, so that a reload works.

- Control characters in the Cookie header: browsers refuse to store such cookies, so they come from a bot or a
  broken proxy.
- A `quire_commenter` cookie whose signature does not match (an expired one is fine: it is simply ignored).
Session and CSRF cookies in the wrong shape are not refused: another application on a parent domain may use the
same names, and Django already copes (a new session, a new CSRF token), whereas a 400 there could repeat forever.
"""

import re

from django.conf import settings
from django.core import signing

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
MESSAGE = (
    "Your browser sent a cookie for this site that the site never set, so the request was refused. "
    "The cookie has been cleared: reload the page and it will work."
)


def commenter_cookie_is_forged(request):
    from blog.comment_readers import AUTHOR_COOKIE_SALT

    if not request.COOKIES.get(settings.COMMENTS_AUTHOR_COOKIE):
        return False
    try:
        request.get_signed_cookie(settings.COMMENTS_AUTHOR_COOKIE, salt=AUTHOR_COOKIE_SALT)
    except signing.SignatureExpired:
        return False
    except signing.BadSignature:
        return True
    return False


def refused_cookies(request):
    """(whether to refuse the request, the cookies to clear) for this request's Cookie header."""
    damaged = set()
    control_characters = bool(CONTROL_CHARACTERS.search(request.META.get("HTTP_COOKIE", "")))
    if control_characters:
        damaged = {name for name, value in request.COOKIES.items() if CONTROL_CHARACTERS.search(name + value)}
    if commenter_cookie_is_forged(request):
        damaged.add(settings.COMMENTS_AUTHOR_COOKIE)
    return control_characters or bool(damaged), damaged


def clear(response, names):
    for name in sorted(names):
        response.delete_cookie(name, samesite="Lax")
    return response
