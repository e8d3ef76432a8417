"""The browser tests' outside tools (scripts/ensure-browser-tools.sh installs them): Chromium, axe-core and the
Nu HTML Checker, with helpers that run them. A missing tool skips the test, except in CI where it fails it."""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import axe_playwright_python
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
VNU_JAR = ROOT / ".cache/test-tools/node_modules/vnu-jar/build/dist/vnu.jar"
SCREENSHOTS = ROOT / "docs" / "screenshots"
SERIOUS = {"serious", "critical"}


def in_ci():
    return os.environ.get("CI", "").lower() in ("true", "1")


def require(available, what):
    """Skip the test when a tool is missing (fail it in CI, where every browser test must run)."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{what}, and in CI (CI=true) the browser tests must run. scripts/ensure-browser-tools.sh installs it.")
    pytest.skip(f"{what}: browser test skipped. `make test` as root installs it (scripts/ensure-browser-tools.sh).")


def axe_violations(page):
    """Run axe-core in the page (WCAG 2.x A and AA rules and best practices); serious and critical violations only,
    as readable lines."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
    ]


def html_errors(files):
    """Errors the Nu HTML Checker reports for the given HTML files (one Java start for all of them)."""
    require(shutil.which("java"), "Java was not found (apt-get install default-jre-headless)")
    require(VNU_JAR.exists(), f"The Nu HTML Checker was not found at {VNU_JAR}")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=180, check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(message.get('url', '?')).name}:{message.get('lastLine', '?')}: {message['message']}"
        f" — {message.get('extract', '').strip()}"
        for message in messages
        if message["type"] in ("error", "non-document-error") or message.get("subType") == "fatal"
    ]


def save_screenshot(page, name, *, locator=None, max_height=1000):
    """Save a screenshot for the README to docs/screenshots/<name>.png: the viewport (or one element), at most
    `max_height` pixels tall, reduced to a 256-colour palette to keep the repository small."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = locator or page
    png = target.screenshot(animations="disabled", caret="hide")
    image = Image.open(io.BytesIO(png))
    image = image.crop((0, 0, image.width, min(image.height, max_height))).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(SCREENSHOTS / f"{name}.png", optimize=True)
