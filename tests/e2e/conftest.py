"""Browser fixtures: one Debian Chromium for the e2e package, driven by Playwright against pytest-django's live
server, and a fresh browser context (cookies, storage) for every test."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect, sync_playwright

from tests.e2e.tools import CHROMIUM, require

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
TIMEOUT_MS = 15_000


@pytest.fixture(scope="package")
def browser():
    """Playwright's sync API keeps an event loop running in this thread, which Django's ORM takes for async code;
    the tests call the ORM only between browser steps, so the check is switched off while the browser lives."""
    require(CHROMIUM.exists(), f"Chromium was not found at {CHROMIUM} (apt-get install chromium)")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            # Playwright gives every launch a fresh temporary profile (user-data-dir).
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
            expect.set_options(timeout=TIMEOUT_MS)
            yield chromium
            chromium.close()


@pytest.fixture(scope="session")
def redirect_to_https_off():
    """The suite's SITE_URL is https, which turns on the redirect to HTTPS, but the live server speaks plain HTTP.
    SecurityMiddleware reads the setting once, when the server loads its middleware: it is off only until then."""
    override = override_settings(SECURE_SSL_REDIRECT=False)
    override.enable()
    yield override.disable


@pytest.fixture(scope="session")
def live_server(redirect_to_https_off, live_server):
    redirect_to_https_off()  # the server has loaded its middleware; every other test sees the suite's settings
    return live_server


@pytest.fixture(autouse=True)
def e2e_site(settings):
    """The live server also serves uploads (tests/e2e/urls.py); comment timing and flood rules are relaxed
    where a test says so, through the `settings` fixture."""
    settings.ROOT_URLCONF = "tests.e2e.urls"


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh contexts: `new_page(viewport=PHONE, color_scheme="dark")`. Uncaught script errors and
    anything the Content-Security-Policy refused fail the test."""
    contexts, errors = [], []

    def open_page(**options):
        options = {"viewport": DESKTOP, "color_scheme": "light", "reduced_motion": "reduce", **options}
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, f"Errors in the browser console: {errors}"


@pytest.fixture
def page(new_page):
    return new_page()
