#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Self-check of the staging world: creates the world staging_selfcheck, runs the service writer (300 users,
# 3000 operations, 2 % dropped legacy writes, 5 % sub-micro amounts, seed 7) and checks its ground truth, the
# grants of staging_cockpit_ro and staging_cockpit, the exporter and SIGTERM, then drops the world.
# Needs a running PostgreSQL (tests/scripts/ensure-postgres.sh), psql and python3-psycopg2.
# usage: tests/staging/check-world.sh      (same COCKPIT_TEST_PG_* variables as staging-world.sh)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
db=staging_selfcheck
host=${COCKPIT_TEST_PG_HOST:-127.0.0.1}
port=${COCKPIT_TEST_PG_PORT:-5432}
dsn="host=$host port=$port dbname=$db user=staging_service password=staging_service"
work=$(mktemp -d)
failures=0

cleanup() {
    "$here/staging-world.sh" drop "$db" >/dev/null || echo "check-world: could not drop $db" >&2
    rm -rf "$work"
}

pass() { echo "  ok   $*"; }
bad() {
    echo "  FAIL $*"
    failures=$((failures + 1))
}
now() { date +%s.%N; }
seconds() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

# as ROLE SQL: runs SQL as ROLE (password = role name) in the world; output and errors on stdout.
as() {
    PGPASSWORD=$1 psql -X -q -w -tA -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$1" -d "$db" -c "$2" 2>&1
}
expect_ok() {
    local output
    if output=$(as "$1" "$2"); then pass "$1 may: $2"; else bad "$1 may not: $2: $output"; fi
}
expect_denied() {
    local output
    if output=$(as "$1" "$2"); then
        bad "$1 was allowed: $2"
    elif grep -qE "permission denied|must be owner" <<<"$output"; then
        pass "$1 denied: $2"
    else
        bad "$1: $2 failed otherwise: $output"
    fi
}

"$here/staging-world.sh" drop "$db" >/dev/null 2>&1 || true
t0=$(now)
"$here/staging-world.sh" create "$db" || exit 1
t1=$(now)
trap cleanup EXIT
echo "check-world: world created in $(seconds "$t0" "$t1") s"

echo "check-world: writer, 300 users, 3000 operations"
t0=$(now)
"$here/service_writer.py" --dsn "$dsn" --users 300 --ops 3000 --drop-legacy 0.02 --sub-micro 0.05 --seed 7 \
    --ground-truth "$work/truth.json" 2>"$work/writer.err"
rc=$?
t1=$(now)
echo "check-world: writer exit $rc after $(seconds "$t0" "$t1") s (process, including setup and verification)"
grep -v 'WARN: Shadow mode' "$work/writer.err" | sed 's/^/  writer: /'
[ "$rc" = 0 ] && pass "writer exit 0 (its bookkeeping agrees with the database)" || bad "writer exit $rc"

python3 - "$work/truth.json" <<'PY' || failures=$((failures + 1))
import json, re, sys
t = json.load(open(sys.argv[1]))
problems = []
def check(condition, text):
    print("  %s %s" % ("ok  " if condition else "FAIL", text))
    if not condition:
        problems.append(text)
check(t["final"] and t["verified"], "ground truth final and verified")
check(t["users"] == 300 and t["ops"] == 3000, "300 users, 3000 ops (%d, %d)" % (t["users"], t["ops"]))
check(len(t["discrepancies"]) > 0, "%d discrepancies (> 0)" % len(t["discrepancies"]))
check(t["writesFailed"] == 0, "no failed writes (%d ok, %d failed)" % (t["writesOk"], t["writesFailed"]))
check(t["legacyDropped"] > 0, "%d legacy writes dropped" % t["legacyDropped"])
check(t["subMicroOps"] > 0, "%d sub-micro operations" % t["subMicroOps"])
check(t["tolerance"] == "0.01", "tolerance 0.01")
fmt = all(re.fullmatch(r"-?\d+\.\d{6}", d["ledger"]) and re.fullmatch(r"-?\d+\.\d{8}", d["legacy"])
          for d in t["discrepancies"])
check(fmt, "decimal texts with 6 (ledger) and 8 (legacy) decimals")
print("  info %d without a legacy row, %d of them discrepant; %d dormant users; ops %s"
      % (t["usersWithoutLegacyRow"], sum(1 for d in t["discrepancies"] if not d["legacyRow"]), t["dormantUsers"],
         t["opsByType"]))
sys.exit(1 if problems else 0)
PY

# Independently of the writer: the cockpit's read-only role computes the same discrepancies from the tables.
sql_count=$(as staging_cockpit_ro "
    SELECT count(*) FROM users u
    CROSS JOIN (VALUES ('usdc_balance'), ('fiat_exposure'), ('pending_investment')) m(account_type)
    LEFT JOIN ledger_accounts a ON a.user_id = u.id AND a.account_type = m.account_type
    LEFT JOIN balances b ON b.user_id = u.id
    WHERE abs(coalesce(a.balance, 0) - coalesce(CASE m.account_type WHEN 'usdc_balance' THEN b.pending_deposits
          WHEN 'fiat_exposure' THEN b.buying_power ELSE b.pending_investments END, 0)) > 0.01")
truth_count=$(python3 -c "import json, sys; print(len(json.load(open(sys.argv[1]))['discrepancies']))" \
    "$work/truth.json" 2>/dev/null)
[ -n "$truth_count" ] && [ "$sql_count" = "$truth_count" ] &&
    pass "staging_cockpit_ro finds the same $sql_count discrepancies in SQL" ||
    bad "discrepancies: SQL as staging_cockpit_ro '$sql_count', ground truth '$truth_count'"
sub_micro=$(as staging_cockpit_ro "SELECT count(*) FROM balances WHERE pending_deposits <> round(pending_deposits, 6)
    OR buying_power <> round(buying_power, 6) OR pending_investments <> round(pending_investments, 6)")
[ "${sub_micro:-0}" -gt 0 ] 2>/dev/null && pass "$sub_micro legacy rows carry 8-decimal amounts exactly" ||
    bad "no legacy value with 8 decimals ($sub_micro)"

echo "check-world: grants"
tables=$(as staging_cockpit_ro "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables
    WHERE schemaname = 'public'")
[ "$tables" = "balances ledger_accounts ledger_entries ledger_transactions users" ] &&
    pass "service tables: $tables" || bad "service tables: $tables"
owners=$(as staging_cockpit_ro "SELECT string_agg(DISTINCT tableowner, ' ') FROM pg_tables WHERE schemaname = 'public'")
[ "$owners" = staging_service ] && pass "owned by staging_service" || bad "owned by: $owners"
for table in $tables; do
    expect_ok staging_cockpit_ro "SELECT count(*) FROM $table"
    expect_ok staging_cockpit "SELECT count(*) FROM $table"
done
ro=staging_cockpit_ro
expect_denied $ro "INSERT INTO users (id, email) VALUES (gen_random_uuid(), 'ro@staging.example')"
expect_denied $ro "UPDATE balances SET buying_power = buying_power"
expect_denied $ro "UPDATE ledger_accounts SET balance = balance"
expect_denied $ro "DELETE FROM ledger_entries"
expect_denied $ro "TRUNCATE ledger_transactions"
expect_denied $ro "CREATE TABLE public.ro_probe (x int)"
expect_denied $ro "CREATE TABLE cockpit.ro_probe (x int)"
expect_denied $ro "CREATE TEMP TABLE ro_probe (x int)"
expect_denied $ro "CREATE SCHEMA ro_probe"
expect_denied $ro "CREATE FUNCTION public.ro_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'"
ck=staging_cockpit
expect_ok $ck "CREATE TABLE cockpit.selfcheck_probe (x int); INSERT INTO cockpit.selfcheck_probe VALUES (1)"
expect_denied $ro "SELECT * FROM cockpit.selfcheck_probe"
expect_ok $ck "DROP TABLE cockpit.selfcheck_probe"
expect_denied $ck "CREATE TABLE public.cockpit_probe (x int)"
expect_denied $ck "INSERT INTO users (id, email) VALUES (gen_random_uuid(), 'cockpit@staging.example')"
expect_denied $ck "UPDATE balances SET buying_power = buying_power"
expect_denied $ck "DELETE FROM ledger_accounts"
expect_denied $ck "INSERT INTO ledger_entries (transaction_id, account_id, entry_type, amount)
    SELECT transaction_id, account_id, entry_type, amount FROM ledger_entries LIMIT 1"
expect_denied $ck "ALTER TABLE balances ADD COLUMN change_seq bigint"
expect_denied $ck "CREATE INDEX cockpit_probe ON balances (updated_at)"
expect_denied $ck "CREATE SCHEMA cockpit_probe"

echo "check-world: exporter and SIGTERM (resuming the same world)"
metrics_port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$here/service_writer.py" --dsn "$dsn" --users 300 --ops 0 --rate 200 --seed 8 --metrics-port "$metrics_port" \
    --ground-truth "$work/truth2.json" >"$work/writer2.out" 2>"$work/writer2.err" &
writer=$!
scraped=""
for _ in $(seq 1 50); do
    sleep 0.2
    scraped=$(python3 -c "import sys, urllib.request
print(urllib.request.urlopen('http://127.0.0.1:%s/metrics' % sys.argv[1], timeout=2).read().decode())" \
        "$metrics_port" 2>/dev/null) && grep -q '^shadow_mode_write_lag_ms_count [1-9]' <<<"$scraped" && break
done
for line in 'ledger_shadow_discrepancy_count{account_type="usdc_balance"} ' \
    '# TYPE ledger_shadow_discrepancy_count counter' '# TYPE balance_query_duration_ms histogram' \
    'balance_query_duration_ms_bucket{source="ledger",le="+Inf"} ' 'balance_query_duration_ms_count{source="legacy"} ' \
    '# TYPE ledger_write_success_rate gauge' 'ledger_write_success_rate 1.0' \
    '# TYPE shadow_mode_write_lag_ms histogram' 'shadow_mode_write_lag_ms_bucket{le="0.5"} '; do
    grep -qF "$line" <<<"$scraped" && pass "metrics: $line" || bad "metrics: no '$line'"
done
sleep 1
kill -TERM "$writer"
wait "$writer"
rc=$?
[ "$rc" = 0 ] && pass "writer exit 0 on SIGTERM ($(cat "$work/writer2.out"))" ||
    bad "writer exit $rc on SIGTERM: $(grep -v WARN "$work/writer2.err" | tail -n 3)"
python3 -c "import json, sys; t = json.load(open(sys.argv[1])); sys.exit(0 if t['final'] and t['verified']
    and t['users'] == 300 and t['ops'] > 0 else 1)" "$work/truth2.json" &&
    pass "final ground truth after SIGTERM, verified" || bad "ground truth after SIGTERM"

if [ "$failures" -gt 0 ]; then
    echo "check-world: $failures check(s) failed"
    exit 1
fi
echo "check-world: all checks passed"
