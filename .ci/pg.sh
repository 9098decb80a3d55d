#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1:${PGPORT:-55432} and prints its URL.
# Usage: eval "$(bash .ci/pg.sh start)"; ...; bash .ci/pg.sh stop
set -euo pipefail
port=${PGPORT:-55432}
dir=${PGDATA_DIR:-/tmp/orms-pg-$port}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-start}" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_pg "$bin/initdb -D $dir -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    as_pg "$bin/pg_ctl -D $dir -l $dir/server.log -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl -D $dir -m fast -w stop" >/dev/null || true
    ;;
esac
