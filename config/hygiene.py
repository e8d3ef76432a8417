"""The first middleware: /healthz (before the Host check, for load balancers that call by address), and a
clear 4xx for requests too large to read, whose query string is not UTF-8, or that carry a cookie no browser would
send for this site (config/cookies.py)."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse
from django.template import loader

from config import cookies
from config.health import healthz

HEALTH_PATHS = ("/healthz", "/healthz/")
QUERY_NOT_UTF8 = (
    "The address's query string is not valid UTF-8 text, so it could not be read. "
    "If you typed or pasted it, check it; if you followed a link, it may be damaged."
)


def plain_error(status, title, message):
    response = HttpResponse(loader.render_to_string("errors/plain.html", {"title": title, "message": message}),
                            status=status)
    response["Cache-Control"] = "no-store"
    return response


def too_large(length):
    limit_mib = settings.MAX_REQUEST_BYTES / (1024 * 1024)
    return plain_error(
        413, "Request too large", f"This request is {length:,} bytes; the site accepts at most {limit_mib:.0f} MiB."
    )


def query_is_utf8(query_string):
    """WSGI hands the query string over decoded as ISO-8859-1: its bytes, raw or percent-encoded, must be UTF-8."""
    if query_string.isascii() and "%" not in query_string:
        return True
    try:
        unquote_to_bytes(query_string.encode("iso-8859-1", "replace")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class RequestHygieneMiddleware:
    """Answers /healthz first, refuses oversized bodies (413), query strings that are not UTF-8 and malformed
    cookies (400)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if request.path_info in HEALTH_PATHS:
            return healthz(request)
        length = meta.get("CONTENT_LENGTH")
        if length and length.isdigit() and int(length) > settings.MAX_REQUEST_BYTES:
            return too_large(int(length))
        raw_query = meta.get("QUERY_STRING")
        if raw_query and not query_is_utf8(raw_query):
            return plain_error(400, "Bad request", QUERY_NOT_UTF8)
        if "HTTP_COOKIE" in meta:
            refuse, damaged = cookies.refused_cookies(request)
            if refuse:
                return cookies.clear(plain_error(400, "Bad request", cookies.MESSAGE), damaged)
        return self.get_response(request)
