"""The header's account links: the signed-in reader (found without touching anonymous visitors' sessions), or a
"Log in" link that brings the reader back to the page they were on."""

from urllib.parse import urlencode

from django.urls import get_script_prefix

from blog.comment_readers import signed_in_user
from blog.context_processors import site_links


def login_url_returning_to(request):
    login = site_links(get_script_prefix())["login"]
    if request.method not in ("GET", "HEAD") or request.path.startswith(login.removesuffix("login/")):
        return login
    return f"{login}?{urlencode({'next': request.get_full_path()})}"


def account(request):
    return {"signed_in_user": signed_in_user(request), "login_url": login_url_returning_to(request)}
