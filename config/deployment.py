"""Production settings built from environment variables: cache, media storage, admin URL and the CSP."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_str


def admin_url_prefix(raw):
    """ADMIN_URL as a URL prefix such as "admin/" or "desk-7f3a/": no leading slash, one trailing slash."""
    prefix = (raw or "admin/").strip().strip("/")
    if not prefix or any(part in ("", ".", "..") for part in prefix.split("/")) or " " in prefix:
        raise ImproperlyConfigured(f"ADMIN_URL must be a path such as admin/ or desk/, not {raw!r}.")
    return prefix + "/"


def cache_settings(redis_url):
    """Django's CACHES: Redis (shared by every process and instance) when REDIS_URL is set, else per process."""
    if redis_url:
        if urlsplit(redis_url).scheme not in ("redis", "rediss", "unix"):
            raise ImproperlyConfigured(f"REDIS_URL must look like redis://127.0.0.1:6379/0, not {redis_url!r}.")
        return {
            "default": {
                "BACKEND": "config.cache.ResilientRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "quire"),
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "quire",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }


def s3_media_storage():
    """The default storage on S3-compatible object storage (django-storages) when AWS_STORAGE_BUCKET_NAME is set,
    with the origins media URLs point at (for the CSP's img-src); else None."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return None, []
    endpoint = env_str("AWS_S3_ENDPOINT_URL")
    custom_domain = env_str("AWS_S3_CUSTOM_DOMAIN")
    region = env_str("AWS_S3_REGION_NAME")
    options = {
        "bucket_name": bucket,
        "file_overwrite": False,
        # Public media under plain URLs: signed URLs would expire inside cached pages and feeds.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        "object_parameters": {"CacheControl": "public, max-age=604800"},
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if region:
        options["region_name"] = region
    if custom_domain:
        options["custom_domain"] = custom_domain
    if env_str("AWS_LOCATION"):
        options["location"] = env_str("AWS_LOCATION").strip("/")
    storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return storage, media_origins(bucket, endpoint, custom_domain, region)


def media_origins(bucket, endpoint, custom_domain, region):
    """Where browsers fetch media from: the CDN domain, else the endpoint (path- or host-style), else AWS S3."""
    if custom_domain:
        return [f"https://{custom_domain.strip('/')}"]
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    hosts = [f"{bucket}.s3.amazonaws.com"] + ([f"{bucket}.s3.{region}.amazonaws.com"] if region else [])
    return [f"https://{host}" for host in hosts]


def content_security_policy(media_sources, https):
    """An enforced policy with no inline script or style and no nonces (so pages stay cacheable)."""
    self_ = "'self'"
    directives = {
        "default-src": ["'none'"],
        "script-src": [self_],
        "style-src": [self_],
        "img-src": [self_, "data:", *media_sources],
        "font-src": [self_],
        "connect-src": [self_],
        "manifest-src": [self_],
        "form-action": [self_],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "upgrade-insecure-requests": https,
    }
    return {"DIRECTIVES": directives}
