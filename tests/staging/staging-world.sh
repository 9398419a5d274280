#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Creates or drops a "staging world": a PostgreSQL database the cockpit did not create, whose tables belong to
# the ledger service (role staging_service) and which the cockpit may only read, plus a schema "cockpit" that
# the cockpit owns. See tests/staging/README.md.
#
# usage: tests/staging/staging-world.sh create DBNAME
#        tests/staging/staging-world.sh drop DBNAME
#
# Connects as the test administrator (the role tests/scripts/ensure-postgres.sh creates; it needs CREATEDB and
# CREATEROLE), overridable like tests/support/pg_test_database.cpp: COCKPIT_TEST_PG_HOST (127.0.0.1),
# COCKPIT_TEST_PG_PORT (5432), COCKPIT_TEST_PG_USER (cockpit_test), COCKPIT_TEST_PG_PASSWORD (cockpit_test).
# The three staging roles are shared by every world on the server; `drop` leaves them.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
host=${COCKPIT_TEST_PG_HOST:-127.0.0.1}
port=${COCKPIT_TEST_PG_PORT:-5432}
admin=${COCKPIT_TEST_PG_USER:-cockpit_test}
admin_password=${COCKPIT_TEST_PG_PASSWORD:-cockpit_test}

fail() {
    echo "staging-world: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 create|drop DBNAME" >&2
    exit 2
}

[ $# -eq 2 ] || usage
action=$1
db=$2
case "$action" in create | drop) ;; *) usage ;; esac
# Lower-case identifiers only: no quoting needed anywhere below.
[[ "$db" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "bad database name '$db' (lower-case letters, digits, _; at most 63)"
case "$db" in postgres | template0 | template1) fail "refusing to $action the database '$db'" ;; esac
command -v psql >/dev/null 2>&1 || fail "psql is not installed (apt-get install postgresql-client)"

# run_sql STEP ROLE PASSWORD DATABASE [psql arguments...]: runs psql, stops the script with one message
# naming the step and the server's error.
run_sql() {
    local step=$1 role=$2 password=$3 database=$4
    shift 4
    local output
    if ! output=$(PGPASSWORD=$password PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-5} \
        psql -X -q -w -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$role" -d "$database" "$@" 2>&1); then
        local reason
        reason=$(printf '%s\n' "$output" | grep -m 1 -E 'ERROR|FATAL|error|could not' || true)
        [ -n "$reason" ] || reason=$(printf '%s\n' "$output" | head -n 1)
        fail "$action $db: $step failed (as $role on $host:$port): ${reason:-psql failed}"
    fi
}

if [ "$action" = drop ]; then
    run_sql "drop database" "$admin" "$admin_password" postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    echo "staging-world: dropped $db"
    exit 0
fi

[ -r "$here/service_schema.sql" ] || fail "create $db: tests/staging/service_schema.sql is missing"

# 1. The roles, shared by all worlds; serialised with an advisory lock so that parallel tests can create
# worlds at the same time. The administrator becomes a member of each role: PostgreSQL requires it to create
# the schema "cockpit" AUTHORIZATION staging_cockpit and to terminate their sessions in DROP ... WITH (FORCE).
run_sql "create roles" "$admin" "$admin_password" postgres <<SQL
SELECT pg_advisory_lock(hashtext('migration-cockpit staging-world roles'));
DO \$\$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['staging_service', 'staging_cockpit', 'staging_cockpit_ro'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD %L', name, name);
        ELSE
            EXECUTE format('ALTER ROLE %I LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD %L', name, name);
        END IF;
        IF NOT pg_has_role(current_user, name, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO %I', name, current_user);
        END IF;
    END LOOP;
END
\$\$;
SELECT pg_advisory_unlock(hashtext('migration-cockpit staging-world roles'));
SQL

# 2. The database, owned by the administrator, with nothing for PUBLIC (PostgreSQL gives PUBLIC CONNECT and
# TEMPORARY by default; TEMPORARY would let the read-only role create temporary tables).
exists=$(PGPASSWORD=$admin_password psql -X -q -w -tA -h "$host" -p "$port" -U "$admin" -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = '$db'" 2>/dev/null || true)
[ "$exists" != 1 ] || fail "create $db: the database already exists (run: $0 drop $db)"
run_sql "create database" "$admin" "$admin_password" postgres -c "CREATE DATABASE $db"

run_sql "grant database and schemas" "$admin" "$admin_password" "$db" -1 <<SQL
REVOKE ALL ON DATABASE $db FROM PUBLIC;
GRANT CONNECT ON DATABASE $db TO staging_service, staging_cockpit, staging_cockpit_ro;
-- PostgreSQL 15's default already; stated for clusters upgraded from older versions.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO staging_service;
GRANT USAGE ON SCHEMA public TO staging_cockpit, staging_cockpit_ro;
-- The DBA's one-time grant: the cockpit owns its own schema (its setup command creates its tables there).
CREATE SCHEMA cockpit AUTHORIZATION staging_cockpit;
SQL

# 3. The service creates its tables (so it owns them) and lets the cockpit read them, nothing more. No
# default privileges: a table the service adds later is invisible to the cockpit until granted.
run_sql "create service tables" staging_service staging_service "$db" -1 -f "$here/service_schema.sql"
run_sql "grant service tables" staging_service staging_service "$db" -1 <<SQL
GRANT SELECT ON users, ledger_accounts, ledger_transactions, ledger_entries, balances
    TO staging_cockpit, staging_cockpit_ro;
SQL

echo "staging-world: created $db on $host:$port (service: staging_service; cockpit: staging_cockpit, staging_cockpit_ro)"
