"""Database health: /healthz for load balancers, and a plain 503 page (never a traceback) while the database is
down. Nothing here touches the database to answer; connections heal by themselves (CONN_HEALTH_CHECKS)."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("quire.health")

UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_is_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def healthz(request):
    """200 "ok" when the database answers, else 503; never cached."""
    up = database_is_up()
    response = HttpResponse("ok\n" if up else "database unavailable\n", status=200 if up else 503,
                            content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable_response():
    """The designed 503 page, rendered from a template that needs no database."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with the plain page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable_response()
        return None


def server_error(request):
    """handler500: the 503 page when the failure was the database (in a middleware, say), else Django's 500."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        return database_unavailable_response()
    try:
        return django_server_error(request)
    except Exception:  # the 500 page itself failed: plain text rather than nothing
        return HttpResponseServerError("Server error", content_type="text/plain")
