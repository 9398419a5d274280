#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starts Debian's PostgreSQL cluster on loopback and creates the role the tests use. Idempotent.
set -euo pipefail
user=${COCKPIT_TEST_PG_USER:-cockpit_test}
password=${COCKPIT_TEST_PG_PASSWORD:-cockpit_test}
port=${COCKPIT_TEST_PG_PORT:-5432}

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    echo "ensure-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
fi
if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_createcluster "$version" main --port="$port" >/dev/null
fi
read -r version cluster cport status _ < <(pg_lsclusters -h | head -n 1)
if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" "$cluster" start
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
for _ in $(seq 1 30); do
    as_postgres psql -p "$cport" -qtAc 'select 1' >/dev/null 2>&1 && break
    sleep 0.5
done
exists=$(as_postgres psql -p "$cport" -qtAc "select 1 from pg_roles where rolname = '$user'")
if [ "$exists" != "1" ]; then
    as_postgres psql -p "$cport" -qc "create role $user login createdb createrole password '$password'"
elif [ "$(as_postgres psql -p "$cport" -qtAc "select rolcreaterole from pg_roles where rolname = '$user'")" != "t" ]; then
    # tests/staging/staging-world.sh creates the staging roles as this user.
    as_postgres psql -p "$cport" -qc "alter role $user createrole"
fi
echo "ensure-postgres: PostgreSQL $version/$cluster online on 127.0.0.1:$cport (role $user)"
