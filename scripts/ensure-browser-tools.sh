#!/usr/bin/env bash
# Make sure the browser tests (tests/e2e) have their tools: Debian's Chromium (with a font for screenshots) and
# Java, installed with apt-get when missing and running as root, and the Nu HTML Checker (npm package vnu-jar) in
# .cache/test-tools. Whatever is still missing is named, and the tests that need it are skipped; in CI (CI=true)
# a missing tool is an error.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
VNU_VERSION="26.9.27"
TOOLS_DIR=".cache/test-tools"
VNU_JAR="$TOOLS_DIR/node_modules/vnu-jar/build/dist/vnu.jar"

in_ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; }

apt_packages=()
[ -x "$CHROMIUM" ] || apt_packages+=(chromium fonts-dejavu-core)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)

if [ "${#apt_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${apt_packages[*]} for the browser tests..."
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null; }; then
      echo "apt-get could not install ${apt_packages[*]}." >&2
    fi
  fi
fi

vnu_installed() {
  [ -f "$VNU_JAR" ] && grep -q "\"version\": \"$VNU_VERSION\"" "$TOOLS_DIR/node_modules/vnu-jar/package.json" 2>/dev/null
}
if ! vnu_installed && command -v npm >/dev/null 2>&1; then
  echo "Installing the Nu HTML Checker (vnu-jar@$VNU_VERSION) into $TOOLS_DIR..."
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
    --prefix "$TOOLS_DIR" "vnu-jar@$VNU_VERSION" >/dev/null || echo "npm could not install vnu-jar@$VNU_VERSION." >&2
fi

missing=()
[ -x "$CHROMIUM" ] || missing+=("Chromium ($CHROMIUM; apt-get install chromium)")
command -v java >/dev/null 2>&1 || missing+=("Java (apt-get install default-jre-headless)")
vnu_installed || missing+=("the Nu HTML Checker ($VNU_JAR; needs npm)")

if [ "${#missing[@]}" -gt 0 ]; then
  for tool in "${missing[@]}"; do echo "Missing for the browser tests: $tool." >&2; done
  if in_ci; then
    echo "CI=true: the browser tests must run, so this is an error." >&2
    exit 1
  fi
  echo "The browser tests that need it will be skipped. Run 'make test' as root to install it." >&2
fi
exit 0
