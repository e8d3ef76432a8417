#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster (initdb + pg_ctl in a temporary folder, on a free port),
# exported as DATABASE_URL, and remove the cluster afterwards. Without PostgreSQL server binaries it says so and
# runs the command on SQLite, unless REQUIRE_POSTGRES=1 (as in CI), where that is an error.
set -euo pipefail

export SECRET_KEY="${SECRET_KEY:-test-secret-key-not-for-production}"
export DEBUG="${DEBUG:-0}"
export SITE_URL="${SITE_URL:-https://quire.test}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-testserver,localhost,127.0.0.1,quire.test}"

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

PG_BIN=$(find_pg_bin)
if [ -z "$PG_BIN" ]; then
  if [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl) were not found, and REQUIRE_POSTGRES=1." >&2
    exit 1
  fi
  echo "PostgreSQL server binaries (initdb, pg_ctl) were not found: running the tests on SQLite instead." >&2
  echo "Install PostgreSQL (e.g. apt-get install postgresql) to test against the production database." >&2
  unset DATABASE_URL
  exec "$@"
fi

PG_DIR=$(mktemp -d /tmp/quire-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = "0" ]; then chown postgres "$PG_DIR"; fi

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -o \
  "-p $PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
echo "Throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PORT ($PG_DIR)."

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
"$@"
