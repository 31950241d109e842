#!/usr/bin/env bash
# Make sure a PostgreSQL server for the tests runs on 127.0.0.1:${YJ_PG_PORT:-54329}, with role and database
#   postgresql+psycopg://yjplans:yjplans@127.0.0.1:54329/yjplans_test   (the URL tests/warehouse/test_postgres.py reads)
# Idempotent and fast when the server already answers. On a fresh Debian/Ubuntu machine it installs Debian's
# `postgresql` package (apt-get, non-interactive: fine in CI with CI=true and no stdin), creates a cluster
# of its own under $YJ_PG_DATA (default /var/lib/postgresql/yjplans-<port>, or ~/.cache/yjplans-pg-<port>
# when not root), and starts it as the postgres user (or as you, when not root). It never touches the
# distribution's own cluster on port 5432. Test settings: fsync off (a throwaway test server).
# Another port: YJ_PG_PORT=N here, and YJ_TEST_PG_URL=postgresql+psycopg://yjplans:yjplans@127.0.0.1:N/yjplans_test
# for pytest.
set -euo pipefail

PORT="${YJ_PG_PORT:-54329}"
HOST=127.0.0.1
ROLE=yjplans
PASSWORD=yjplans
DB=yjplans_test

say() { echo "ensure_postgres: $*" >&2; }

if [ "$(id -u)" = 0 ]; then
    RUN_AS=postgres
    DATA="${YJ_PG_DATA:-/var/lib/postgresql/yjplans-$PORT}"
else
    RUN_AS="$(id -un)"
    DATA="${YJ_PG_DATA:-$HOME/.cache/yjplans-pg-$PORT}"
fi

as_owner() {  # run a command as the cluster's owner
    if [ "$(id -un)" = "$RUN_AS" ]; then "$@"; else runuser -u "$RUN_AS" -- "$@"; fi
}

find_bin() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

install_postgres() {
    say "installing Debian's postgresql (apt-get)"
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || { say "need root or sudo to install postgresql"; exit 1; }
        sudo="sudo -n"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq </dev/null
    $sudo apt-get install -y -qq --no-install-recommends postgresql </dev/null >/dev/null
}

psql_admin() {  # as the cluster's superuser over its unix socket (trust auth, local only)
    as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DATA" -p "$PORT" -U postgres -d postgres "$@"
}

ensure_role_and_db() {
    psql_admin <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
    if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
        psql_admin -c "CREATE DATABASE $DB OWNER $ROLE"
    fi
}

BIN="$(find_bin || true)"
[ -n "$BIN" ] || { install_postgres; BIN="$(find_bin)"; }

if "$BIN/pg_isready" -q -h "$HOST" -p "$PORT"; then
    if [ -S "$DATA/.s.PGSQL.$PORT" ]; then ensure_role_and_db; fi
    say "PostgreSQL answers on $HOST:$PORT"
    exit 0
fi

if [ ! -s "$DATA/PG_VERSION" ]; then
    say "creating a cluster in $DATA"
    mkdir -p "$DATA"
    [ "$(id -u)" != 0 ] || chown "$RUN_AS" "$DATA"
    chmod 700 "$DATA"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >/dev/null
fi

say "starting PostgreSQL on $HOST:$PORT"
as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start \
    -o "-p $PORT -c listen_addresses=$HOST -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { say "PostgreSQL did not start; its log:"; tail -n 30 "$DATA/server.log" >&2; exit 1; }
ensure_role_and_db
say "PostgreSQL ready: postgresql+psycopg://$ROLE:$PASSWORD@$HOST:$PORT/$DB"
