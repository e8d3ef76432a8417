"""Typed readers for settings that come from environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


EMAIL_URL_SCHEMES = {"smtp": (25, False, False), "submission": (587, True, False), "smtps": (465, False, True)}


def email_settings_from_url(url):
    """Django's EMAIL_* settings from a URL such as smtp://user:pass@host:587/?tls=1, smtps://... (implicit TLS),
    submission://... (port 587 with STARTTLS) or console:// (mail printed to the log)."""
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in EMAIL_URL_SCHEMES or not parts.hostname:
        raise ImproperlyConfigured(
            f"EMAIL_URL must look like smtp://user:password@host:587/?tls=1 (schemes: smtp, submission, smtps, "
            f"console), not {url!r}."
        )
    default_port, use_tls, use_ssl = EMAIL_URL_SCHEMES[parts.scheme]
    query = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
    use_tls = query.get("tls", "1" if use_tls else "0") in TRUE_WORDS
    use_ssl = query.get("ssl", "1" if use_ssl else "0") in TRUE_WORDS
    if use_tls and use_ssl:
        raise ImproperlyConfigured("EMAIL_URL cannot ask for both tls (STARTTLS) and ssl (implicit TLS).")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or default_port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }
