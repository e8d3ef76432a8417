"""Login throttling with django-axes: who is asking (user name, IP address), and the page a locked-out login gets.
Also the limits on password-reset requests.

Failed logins are counted in the database (axes' AccessAttempt), so the limit holds across worker processes. It
covers every login form that goes through `authenticate(request=...)`: the site's and the admin's.

Password-reset requests are counted in Django's cache per clock hour (shared by every worker with REDIS_URL, per
process without it): PASSWORD_RESET_EMAILS_PER_ADDRESS emails to one address, so that nobody can fill someone's
inbox, and PASSWORD_RESET_REQUESTS_PER_NETWORK requests from one network (/24, /48).
"""

import hashlib
import math
import time
import unicodedata

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

from config.client_ip import client_ip as visitor_address
from config.client_ip import truncate_ip

RESET_WINDOW_SECONDS = 60 * 60


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a login while its user name or IP address is locked out; authenticates no one itself.

    Without a request (the test client's `login()`, a management command) there is no visitor to throttle, so it
    steps aside instead of raising; every login form on the site passes the request."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The visitor's address, read the same way as for comment flood limits (TRUSTED_PROXY_COUNT)."""
    return visitor_address(request) or None


def minutes_until_unlocked(username, ip_address, now=None):
    """Whole minutes until the newest failure matching this user name or address is older than the cool-off."""
    now = now or timezone.now()
    matching = Q(ip_address=ip_address) if ip_address else Q(pk__in=[])
    if username:
        matching |= Q(username=username)
    latest = AccessAttempt.objects.filter(matching).aggregate(latest=Max("attempt_time"))["latest"]
    if latest is None:
        return math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    remaining = (latest + settings.AXES_COOLOFF_TIME - now).total_seconds()
    return max(1, math.ceil(remaining / 60))


def lockout_response(request, original_response=None, credentials=None):
    """429 with a page that says what happened, for how long, and how to get back in sooner."""
    username = get_client_username(request, credentials)
    minutes = minutes_until_unlocked(username, getattr(request, "axes_ip_address", None))
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def within_limit(key, limit):
    """Count one more event under `key` in this clock hour; whether the count is within `limit`. (A key per hour,
    kept two hours, so that a count never outlives its hour whatever the cache does between add and incr.)"""
    hour_key = f"{key}:{int(time.time() // RESET_WINDOW_SECONDS)}"
    cache.add(hour_key, 0, 2 * RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(hour_key)
    except ValueError:  # evicted between add() and incr()
        cache.set(hour_key, 1, 2 * RESET_WINDOW_SECONDS)
        count = 1
    return count <= limit


def seconds_until_next_hour():
    return RESET_WINDOW_SECONDS - int(time.time() % RESET_WINDOW_SECONDS)


def reset_request_allowed(request):
    """Whether this visitor's network may ask for another password reset this hour. An address that cannot be
    read is not limited by network (it would join every such visitor into one); the per-address limit holds."""
    network = truncate_ip(visitor_address(request))
    if network is None:
        return True
    return within_limit(f"password-reset:network:{network}", settings.PASSWORD_RESET_REQUESTS_PER_NETWORK)


def reset_email_allowed(address):
    """Whether another reset email may go to `address` this hour (compared as Django matches accounts: NFKC,
    case folded)."""
    normalised = unicodedata.normalize("NFKC", address.strip()).casefold()
    digest = hashlib.sha256(normalised.encode()).hexdigest()
    return within_limit(f"password-reset:address:{digest}", settings.PASSWORD_RESET_EMAILS_PER_ADDRESS)
