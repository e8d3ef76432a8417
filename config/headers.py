"""Security headers Django's SecurityMiddleware does not set: Permissions-Policy."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses (camera, microphone, location, ...) for every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response
