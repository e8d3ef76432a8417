#!/usr/bin/env bash
# `make bench`: install the load generator and servers when missing (Debian packages, as root), then run
# bench/run.py against a throwaway PostgreSQL. Not part of `make test`. Loopback only; every run is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "Please install: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "Installing ${missing[*]}..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

REQUIRE_POSTGRES=1 exec scripts/with-postgres.sh "${PYTHON:-.venv/bin/python}" bench/run.py
