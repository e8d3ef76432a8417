#!/usr/bin/env bash
# Make sure redis-server is installed for the multi-instance test (tests/test_production_multiinstance.py starts
# its own throwaway Redis): installed with apt-get when missing and running as root. Without it that test is
# skipped, except with REQUIRE_REDIS=1 (as in CI), where it fails.
set -uo pipefail

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing redis-server for the multi-instance test..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; } ||
      echo "apt-get could not install redis-server." >&2
  fi
fi
command -v redis-server >/dev/null 2>&1 || echo "redis-server is not installed: the multi-instance test will be skipped." >&2
exit 0
