"""Who is reading, as far as comments care, without making anonymous pages uncacheable.

The session is only looked at when the request carries a session cookie (touching it otherwise would add
`Vary: Cookie`); anonymous authors are recognised by a signed cookie listing their recent comments, set on the
redirect after they post. A page that used either is marked private (see `mark_personal`).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

AUTHOR_COOKIE_SALT = "blog.comments.author"
AUTHOR_COOKIE_MAX_IDS = 20


@dataclass
class Reader:
    user: object = None
    own_comment_ids: frozenset = field(default_factory=frozenset)

    @property
    def is_personal(self):
        """Whether the page shown to this reader may differ from the one everyone else gets."""
        return self.user is not None or bool(self.own_comment_ids)


def signed_in_user(request):
    """The signed-in user, or None; anonymous requests without a session cookie never touch the session."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = request.user
    return user if user.is_authenticated else None


def own_comment_ids(request):
    raw = request.get_signed_cookie(
        settings.COMMENTS_AUTHOR_COOKIE,
        default="",
        salt=AUTHOR_COOKIE_SALT,
        max_age=settings.COMMENTS_AUTHOR_COOKIE_AGE,
    )
    return frozenset(int(part) for part in raw.split(",") if part.isdigit())


def reader_for(request):
    return Reader(user=signed_in_user(request), own_comment_ids=own_comment_ids(request))


def remember_comment(request, response, comment):
    """Add `comment` to the anonymous author's signed cookie (newest kept), on the personal redirect response."""
    ids = sorted(own_comment_ids(request) | {comment.pk})[-AUTHOR_COOKIE_MAX_IDS:]
    response.set_signed_cookie(
        settings.COMMENTS_AUTHOR_COOKIE,
        ",".join(str(pk) for pk in ids),
        salt=AUTHOR_COOKIE_SALT,
        max_age=settings.COMMENTS_AUTHOR_COOKIE_AGE,
        secure=settings.SITE_URL.startswith("https://") or request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def mark_personal(response, reader):
    """A page that shows this reader's own comments or account must not be stored by shared caches."""
    if reader.is_personal:
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ("Cookie",))
    return response
