#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) for the home page and a post, mobile and
# desktop, measured with npm lighthouse@12.2.3 and Debian's Chromium against the demo site served as in production
# (DEBUG off, collectstatic, gunicorn, whitenoise) from a throwaway SQLite database; written into the
# "Lighthouse" section of docs/PERFORMANCE.md. Usage: bench/lighthouse.sh (takes about two minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE_VERSION="12.2.3"
TOOLS_DIR=".cache/lighthouse"
LIGHTHOUSE="$TOOLS_DIR/node_modules/.bin/lighthouse"
export CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"  # the variable Lighthouse reads
PYTHON=".venv/bin/python"
POST_PATH="/blog/permalinks-are-promises/"
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

[ -x "$CHROME_PATH" ] || { echo "Chromium not found at $CHROME_PATH (apt-get install chromium)." >&2; exit 1; }
[ -x "$PYTHON" ] || { echo "Run 'make install' first." >&2; exit 1; }
if ! "$LIGHTHOUSE" --version 2>/dev/null | grep -qx "$LIGHTHOUSE_VERSION"; then
  echo "Installing lighthouse@$LIGHTHOUSE_VERSION into $TOOLS_DIR..."
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$TOOLS_DIR" -E "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi

WORK=$(mktemp -d /tmp/quire-lighthouse.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
export DEBUG=0 SECRET_KEY="lighthouse-$RANDOM$RANDOM$RANDOM-not-a-production-key" SITE_URL="$BASE" \
  ALLOWED_HOSTS="127.0.0.1" DATABASE_URL="sqlite:///$WORK/db.sqlite3" MEDIA_ROOT="$WORK/media" \
  STATIC_ROOT="$WORK/static" LOG_LEVEL=WARNING

echo "Preparing the demo site in $WORK..."
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py seed_demo >/dev/null
"$PYTHON" manage.py collectstatic --noinput -v 0
# gunicorn.conf.py (the production settings) applies; the log goes to a file, shown if the server does not answer.
.venv/bin/gunicorn bench.serve_media:application --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "$BASE/" && break
  sleep 0.2
done
curl -fs -o /dev/null "$BASE/" || { cat "$WORK/server.log" >&2; echo "The server did not answer at $BASE." >&2; exit 1; }
curl -fs -o /dev/null "$BASE$POST_PATH"  # both pages answered once: what a returning server has cached

# Each page and device RUNS times (default 3); the run with the median performance score is reported.
for page in home post; do
  url="$BASE/"; [ "$page" = post ] && url="$BASE$POST_PATH"
  for preset in mobile desktop; do
    extra=(); [ "$preset" = desktop ] && extra=(--preset=desktop)
    for run in $(seq 1 "${RUNS:-3}"); do
      echo "Lighthouse: $page ($preset), run $run..."
      "$LIGHTHOUSE" "$url" --quiet --chrome-flags="$CHROME_FLAGS" --output=json \
        --output-path="$WORK/$page-$preset.run$run.json" --only-categories=performance,accessibility,best-practices,seo "${extra[@]}"
    done
  done
done

"$PYTHON" bench/lighthouse_scores.py docs/PERFORMANCE.md "$WORK"/*.run*.json
