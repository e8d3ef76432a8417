"""Pages rendered for a signed-in reader carry their name (the header) or their data: keep them out of shared caches."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateForSignedInMiddleware:
    """Marks every response to a signed-in reader `Cache-Control: private`. Requests without a session cookie are
    let through without touching the session, so anonymous pages stay cacheable (no `Vary: Cookie`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and getattr(request, "user", None) is not None:
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
                patch_vary_headers(response, ("Cookie",))
        return response
