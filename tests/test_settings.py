"""Settings refuse to start without what production needs, and say clearly what is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    """Run manage.py in a fresh process whose environment holds only PATH, HOME and `env`."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    clean.update({name: value for name, value in env.items() if value is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_without_secret_key_refuses_to_start():
    result = manage("check", DEBUG="0", SITE_URL="https://quire.test")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "set DEBUG=1 for local development" in result.stderr


def test_debug_off_is_the_default():
    result = manage("check", SITE_URL="https://quire.test")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_models_and_migrations_can_be_compared_without_a_secret_key():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    assert manage("migrate", "--plan").returncode != 0


def test_development_starts_without_secret_key():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_with_secret_key_starts():
    result = manage("check", DEBUG="0", SECRET_KEY="a-long-random-test-key-" + "x" * 40, SITE_URL="https://quire.test")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("site_url", ["quire.test", "ftp://quire.test", "https://", "/just/a/path", "javascript:alert(1)"])
def test_bad_site_url_is_refused_clearly(site_url):
    result = manage("check", DEBUG="1", SITE_URL=site_url)
    assert result.returncode != 0
    assert "SITE_URL must be an absolute http(s) URL" in result.stderr
    assert repr(site_url.rstrip("/")) in result.stderr


def test_bad_boolean_is_refused_clearly():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr and "'maybe'" in result.stderr


def test_bad_number_is_refused_clearly():
    result = manage("check", DEBUG="1", CONN_MAX_AGE="sixty")
    assert result.returncode != 0
    assert "CONN_MAX_AGE must be a whole number" in result.stderr


def test_allowed_hosts_default_to_site_url_host():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.ALLOWED_HOSTS)",
        DEBUG="0", SECRET_KEY="k" * 50, SITE_URL="https://blog.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['blog.example.org']"
