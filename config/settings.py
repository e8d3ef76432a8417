"""Django settings for Quire. Every deployment-specific value comes from an environment variable
(documented in README.md and .env.example)."""

import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.deployment import admin_url_prefix, cache_settings, content_security_policy, s3_media_storage
from config.env import email_settings_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
# `makemigrations` only compares models with migrations and signs nothing, so it may run without a key.
KEYLESS_COMMANDS = {"makemigrations"}
if not SECRET_KEY and sys.argv[1:2] and sys.argv[1] in KEYLESS_COMMANDS and Path(sys.argv[0]).name == "manage.py":
    SECRET_KEY = "makemigrations-only-never-used-to-sign"
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random string "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.netloc:
    raise ImproperlyConfigured(f"SITE_URL must be an absolute http(s) URL such as https://example.com, not {SITE_URL!r}.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [_site.hostname, "localhost", "127.0.0.1", "[::1]"] if DEBUG else [_site.hostname])
# Forms posted from the public address are same-origin even when a proxy in front speaks plain HTTP to Django.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"{_site.scheme}://{_site.netloc}"])

INSTALLED_APPS = [
    "accounts",
    "blog",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "markdownx",
    "django.contrib.sites",
    "django.contrib.redirects",
    "axes",  # login throttling (README.md, "Accounts")
    "csp",  # Content-Security-Policy (docs/DEPLOYMENT.md, "Security")
]
# django.contrib.sites backs redirects (old URLs of imported posts); blog/sites.py keeps Site 1 in step with SITE_URL.
SITE_ID = 1

MIDDLEWARE = [
    # First: /healthz, and a 4xx for oversized bodies and non-UTF-8 query strings.
    "config.hygiene.RequestHygieneMiddleware",
    # Anonymous pages from the cache, and 304s, before any other work (blog/page_cache.py).
    "blog.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.headers.PermissionsPolicyMiddleware",
    "config.health.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Any response to a signed-in reader shows their name in the header: never stored by shared caches.
    "accounts.middleware.PrivateForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a refused login (too many failures, AXES_* settings below) into the "try again later" page.
    "axes.middleware.AxesMiddleware",
    # Last: turns a 404 for an old URL listed under Redirects in the admin into a 301.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blog.context_processors.site",
                "accounts.context_processors.account",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same backend, with a health check that polls the socket instead of a round trip (config/postgres_backend).
    DATABASES["default"]["ENGINE"] = "config.postgres_backend"
    # A database that does not answer fails requests quickly (a 503 page) instead of holding every worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = False  # English only: no translation lookups on every date and URL
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Media on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set (docs/DEPLOYMENT.md, "Media").
_s3_storage, MEDIA_ORIGINS = s3_media_storage()
if _s3_storage:
    STORAGES["default"] = _s3_storage
# Local media served by Django (config/media.py) unless a web server in front serves MEDIA_URL itself.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True) and not _s3_storage

# Per process by default; Redis (shared by every worker and instance) when REDIS_URL is set.
CACHES = cache_settings(env_str("REDIS_URL"))

# django-markdownx: the editor's preview uses the site's own pipeline (blog/markdown.py).
MARKDOWNX_MARKDOWNIFY_FUNCTION = "blog.markdown.render_markdown"
ADMIN_URL = admin_url_prefix(env_str("ADMIN_URL", "admin/"))  # the admin (and the editor's endpoints) live here
MARKDOWNX_URLS_PATH = f"/{ADMIN_URL}markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = f"/{ADMIN_URL}markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_UPLOAD_MAX_SIZE = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Blog behaviour
POSTS_PER_PAGE = 10
FEED_ITEMS = 20
WORDS_PER_MINUTE = 230
PREVIEW_LINK_DAYS = env_int("PREVIEW_LINK_DAYS", 7)

# Email (README.md, "Email"): printed to the log by default; SMTP when EMAIL_URL or EMAIL_HOST is set.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if env_str("EMAIL_URL"):
    globals().update(email_settings_from_url(env_str("EMAIL_URL")))
elif env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"Quire <noreply@{_site.hostname}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Comments (README.md, "Comments"): moderation defaults; blog/moderation.py applies them.
COMMENTS_MAX_LENGTH = 5000  # characters of Markdown; longer is a form error
COMMENTS_HOLD_LINK_COUNT = 2  # a comment with this many links or more waits for a moderator
COMMENTS_MIN_FORM_SECONDS = 3  # a form sent back sooner after it was shown is refused (bots are fast)
COMMENTS_MAX_FORM_SECONDS = 2 * 60 * 60  # a form older than this is refused (asks the reader to send it again)
COMMENTS_FLOOD_LIMITS = [(15, 1), (60 * 60, 10)]  # (seconds, comments): at most this many per IP network or email
COMMENTS_DUPLICATE_SECONDS = 60 * 60  # the same words from the same person on the same post within this: stored once
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 0)  # 0: comments never close by age
COMMENTS_EDIT_MINUTES = 15  # how long an author may edit or delete their comment
COMMENTS_MAX_DEPTH = 3  # replies nest this deep; a reply to the deepest level becomes its sibling
COMMENTS_AUTHOR_COOKIE = "quire_commenter"  # signed cookie naming an anonymous author's recent comments
COMMENTS_AUTHOR_COOKIE_AGE = 7 * 24 * 60 * 60  # seconds the author cookie lasts (to see a held comment)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)  # reverse proxies in front that append to X-Forwarded-For

# Accounts (README.md, "Accounts"): sign-up, email verification, login throttling (django-axes).
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "blog:home"
ACCOUNTS_VERIFY_LINK_DAYS = 3  # an email verification link works this long
ACCOUNTS_RESEND_SECONDS = 60  # at most one verification email per account this often
# The throttle backend goes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = ["accounts.throttling.LoginThrottleBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5  # failed logins for one user name, or from one IP address, ...
AXES_COOLOFF_TIME = timedelta(minutes=15)  # ... within this time lock it out until this long after the last one
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one alone is enough to lock
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused attempts do not prolong the lockout
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"  # honours TRUSTED_PROXY_COUNT, like comments
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # keep failed attempts only, not a log of every successful login
AXES_VERBOSE = False
# Password-reset requests an hour (accounts/throttling.py): emails to one address; requests from one network.
PASSWORD_RESET_EMAILS_PER_ADDRESS = env_int("PASSWORD_RESET_EMAILS_PER_ADDRESS", 3)
PASSWORD_RESET_REQUESTS_PER_NETWORK = env_int("PASSWORD_RESET_REQUESTS_PER_NETWORK", 10)
LOGGING.setdefault("loggers", {})["axes"] = {"level": "WARNING"}  # failures and lockouts, not every login

# Production hardening (docs/DEPLOYMENT.md, "Security"). HTTPS features follow SITE_URL's scheme.
HTTPS = _site.scheme == "https"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
if env_str("SECURE_PROXY_SSL_HEADER"):  # e.g. X-Forwarded-Proto: the proxy in front says the visitor used HTTPS
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + env_str("SECURE_PROXY_SSL_HEADER").upper().replace("-", "_"), "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 2 * 365 * 24 * 60 * 60 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script needs it: markdownx falls back to the form's csrfmiddlewaretoken
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer", "microphone",
    "midi", "payment", "usb", "interest-cohort", "browsing-topics",
]
# Enforced, with no 'unsafe-inline' and no nonces (a nonce would make every page uncacheable).
CONTENT_SECURITY_POLICY = content_security_policy(MEDIA_ORIGINS, HTTPS)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields beyond 2.5 MiB: 400
# Any larger body is refused (413) before it is read; room above the upload limit lets the editor explain that one.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 2 * MARKDOWNX_UPLOAD_MAX_SIZE + 1024 * 1024)

# Caching (README.md, "Caching"): anonymous pages from the cache, revalidated by the content stamp.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)  # 0: no server-side page cache (HTTP headers stay)
HTTP_CACHE_MAX_AGE = env_int("HTTP_CACHE_MAX_AGE", 60)  # browsers and CDNs reuse a page this long...
HTTP_CACHE_STALE_SECONDS = env_int("HTTP_CACHE_STALE_SECONDS", 300)  # ... then serve it stale while revalidating
# Parts of post pages kept per version of what they show (blog/fragments.py); 0: rendered every time.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 24 * 60 * 60)
DERIVED_CACHE_SECONDS = 24 * 60 * 60  # whole-site aggregates (tag counts, archive years), kept per content stamp
