#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the storage tests and print its URL on stdout.
# Installs Debian's postgresql when missing. The cluster lives in /tmp and listens on
# 127.0.0.1:${PGPORT:-54329} only; `scripts/start_postgres.sh stop` stops it.
set -euo pipefail
port="${PGPORT:-54329}"; data=/tmp/rumbo-pg
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ "${1:-}" = "stop" ]; then
  [ -n "$bin" ] && su postgres -c "$bin/pg_ctl -D $data stop -m fast" >/dev/null 2>&1 || true
  exit 0
fi
if [ -z "$bin" ]; then
  echo "installing postgresql (Debian package)..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
run() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
  run "$bin/initdb -D $data -A trust -U postgres" >/dev/null
fi
if ! run "$bin/pg_ctl -D $data status" >/dev/null 2>&1; then
  run "$bin/pg_ctl -D $data -l $data/log -o '-p $port -k /tmp -c listen_addresses=127.0.0.1' -w start" >/dev/null
fi
run "$bin/psql -h 127.0.0.1 -p $port -U postgres -tc \"SELECT 1 FROM pg_database WHERE datname='rumbo_test'\"" \
  | grep -q 1 || run "$bin/createdb -h 127.0.0.1 -p $port -U postgres rumbo_test"
echo "postgresql+psycopg://postgres@127.0.0.1:$port/rumbo_test"
