#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The ledger service of the staging world, in shadow mode.

Plays the seed's Go service (its LedgerIntegration facade with LEDGER_SHADOW_MODE=true,
LEDGER_STRICT_MODE=false) against a world made by tests/staging/staging-world.sh, completely independent of the
cockpit: it connects as staging_service and writes the service's own tables (tests/staging/service_schema.sql).

Every operation is ONE database transaction for the ledger (a ledger_transactions row, a debit and a credit
entry, the two accounts' balances), then the legacy `balances` UPDATE in its own transaction (the dual write),
unless the legacy write is dropped on purpose (--drop-legacy). Then it reads both sides back for the user, like
the seed's "compare balances on reads", which feeds the exporter's discrepancy counter.

    operation                 debit                      credit                      legacy
    CreditUserUSDC            system_usdc_clearing       usdc_balance                pending_deposits += a
    MoveFundsToFiatExposure   usdc_balance               fiat_exposure               pending_deposits -= a, buying_power += a
    ReserveForInvestment      fiat_exposure              pending_investment          buying_power -= a, pending_investments += a
    ReleaseReservation        pending_investment         fiat_exposure               pending_investments -= a, buying_power += a
    ExecuteInvestment         pending_investment         system_investment_clearing  pending_investments -= a

Sign convention: an account's balance = sum(credits) - sum(debits) of its entries. User accounts never go
negative (an operation the balance does not cover is not attempted; the ledger transaction re-checks it under
FOR UPDATE). System accounts go negative. Amounts are decimal.Decimal, never float. With --sub-micro P a fraction
P of the operations write an 8-decimal amount (e.g. 12.34567891) to the legacy table, exactly, and the same
amount rounded half-even to 6 decimals (12.345679) to the ledger: a difference far below the tolerance.

Users (--users N in total; an existing world is resumed: its users and balances are loaded first): about 2 %
never get a legacy balances row but do get ledger postings (--no-legacy-row); about 1 % are dormant: a balances
row of zeros and no ledger account, never touched (--dormant); of the others some have all three accounts from
sign-up, some only usdc_balance and fiat_exposure, some none (created lazily by their first posting).

Ground truth (--ground-truth FILE; written atomically -- temp file, fsync, rename -- about every second and at
the end), from the writer's own bookkeeping of what it committed:

    {"tolerance": "0.01",
     "discrepancies": [{"userId": "<uuid>", "accountType": "usdc_balance", "legacyColumn": "pending_deposits",
                        "ledger": "12.340000", "legacy": "0.00000000",
                        "ledgerAccount": true, "legacyRow": true}, ...],
     "writesOk": n, "writesFailed": n, "legacyDropped": n, "users": n, "ops": n,
     ... further counters (see README.md) ..., "final": bool, "verified": bool}

A (user, account type) is a discrepancy when |ledger - legacy| > tolerance, a missing account or a missing
balances row counting as 0; listed by userId, then in the order usdc_balance, fiat_exposure,
pending_investment. Decimal text format: exactly what PostgreSQL prints for the column type -- ledger values as
numeric(38,6), legacy values as numeric(36,8): an optional '-', at least one integer digit, no grouping, no
exponent, a '.' and exactly 6 (ledger) or 8 (legacy) fraction digits, never "-0"; a missing account is
"0.000000", a missing row "0.00000000" (with ledgerAccount / legacyRow false). At the end the bookkeeping is
checked against the database with one SQL query (every user's three pairs, the discrepancy flag computed by
PostgreSQL, each account's balance against its entries) and a ledger integrity query; on disagreement the
writer says so and exits 1.

A write that raises (any database error) counts in writesFailed, is logged to stderr, and the writer goes on
(the ledger part rolls back; a failed legacy write leaves a discrepancy, as in the seed). Lock waits and
statements are bounded by --timeout-ms, so a write blocked by someone else's lock fails instead of hanging.

Exporter (--metrics-port P > 0, on 127.0.0.1, GET /metrics, Prometheus text format 0.0.4), the seed's names:
ledger_shadow_discrepancy_count{account_type} (counter), balance_query_duration_ms{source="ledger"|"legacy"}
(histogram of the read-backs), ledger_write_success_rate (gauge, last 60 s, 1 when none),
shadow_mode_write_lag_ms (histogram, ledger commit to legacy commit).

SIGTERM / SIGINT: the current operation finishes, the final ground truth is written, exit 0 (1 if the
verification fails). Exit 2: bad arguments, no database, the world is missing or the port is taken.
"""

import argparse
import collections
import decimal
import http.server
import json
import math
import os
import random
import signal
import sys
import tempfile
import threading
import time
import uuid
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

try:
    import psycopg2
    import psycopg2.extras
except ImportError:  # pragma: no cover
    sys.stderr.write("service_writer: psycopg2 is missing (apt-get install python3-psycopg2)\n")
    sys.exit(2)

decimal.getcontext().prec = 60

PROG = "service_writer"
ACCOUNT_TYPES = ("usdc_balance", "fiat_exposure", "pending_investment")
LEGACY_COLUMN = {
    "usdc_balance": "pending_deposits",
    "fiat_exposure": "buying_power",
    "pending_investment": "pending_investments",
}
LEGACY_COLUMNS = tuple(LEGACY_COLUMN[t] for t in ACCOUNT_TYPES)
SYSTEM_USDC = "system_usdc_clearing"
SYSTEM_INVESTMENT = "system_investment_clearing"
SYSTEM_TYPES = (SYSTEM_USDC, SYSTEM_INVESTMENT)
TOLERANCE = Decimal("0.01")
Q6 = Decimal("0.000001")
Q8 = Decimal("0.00000001")
ZERO = Decimal(0)
BUCKETS = (0.5, 1, 2, 5, 10, 25, 50, 100, 250)

# name -> (debit, credit, {legacy column: sign}, transaction_type, reference_type, weight); a side is a user
# account type or ("system", type).
OPERATIONS = {
    "CreditUserUSDC": (("system", SYSTEM_USDC), "usdc_balance", {"pending_deposits": 1},
                       "deposit", "deposit", 30),
    "MoveFundsToFiatExposure": ("usdc_balance", "fiat_exposure", {"pending_deposits": -1, "buying_power": 1},
                                "internal_transfer", "conversion", 25),
    "ReserveForInvestment": ("fiat_exposure", "pending_investment",
                             {"buying_power": -1, "pending_investments": 1}, "investment_reserve", "order", 20),
    "ReleaseReservation": ("pending_investment", "fiat_exposure",
                           {"pending_investments": -1, "buying_power": 1}, "investment_release", "order", 8),
    "ExecuteInvestment": ("pending_investment", ("system", SYSTEM_INVESTMENT), {"pending_investments": -1},
                          "investment_execute", "order", 17),
}


def log(message):
    sys.stderr.write("%s: %s\n" % (PROG, message))
    sys.stderr.flush()


def text6(value):
    value = value.quantize(Q6)
    return format(abs(value) if value == 0 else value, "f")


def text8(value):
    value = value.quantize(Q8)
    return format(abs(value) if value == 0 else value, "f")


def share(count, fraction):
    """round(count * fraction), half up, and at least 1 of 10 or more when the fraction is not 0."""
    n = int(math.floor(count * fraction + 0.5))
    return max(n, 1) if fraction > 0 and count >= 10 else n


def first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else error.__class__.__name__


# --------------------------------------------------------------------------------------------------- metrics

class Histogram:
    def __init__(self):
        self.counts = [0] * len(BUCKETS)
        self.total = 0
        self.sum = 0.0

    def observe(self, value):
        for i, bound in enumerate(BUCKETS):
            if value <= bound:
                self.counts[i] += 1
        self.total += 1
        self.sum += value

    def lines(self, name, labels):
        prefix = labels + "," if labels else ""
        out = []
        for bound, count in zip(BUCKETS, self.counts):
            out.append('%s_bucket{%sle="%s"} %d' % (name, prefix, repr(float(bound)) if bound != int(bound)
                                                    else str(bound), count))
        out.append('%s_bucket{%sle="+Inf"} %d' % (name, prefix, self.total))
        suffix = "{%s}" % labels if labels else ""
        out.append("%s_sum%s %s" % (name, suffix, repr(round(self.sum, 6))))
        out.append("%s_count%s %d" % (name, suffix, self.total))
        return out


class Metrics:
    def __init__(self):
        self.lock = threading.Lock()
        self.discrepancies = {t: 0 for t in ACCOUNT_TYPES}
        self.query = {"ledger": Histogram(), "legacy": Histogram()}
        self.lag = Histogram()
        self.writes = collections.deque()  # (monotonic time, ok)

    def discrepancy(self, account_type):
        with self.lock:
            self.discrepancies[account_type] += 1

    def query_ms(self, source, ms):
        with self.lock:
            self.query[source].observe(ms)

    def lag_ms(self, ms):
        with self.lock:
            self.lag.observe(ms)

    def ledger_write(self, ok):
        with self.lock:
            self.writes.append((time.monotonic(), ok))
            self._prune()

    def _prune(self):
        horizon = time.monotonic() - 60.0
        while self.writes and self.writes[0][0] < horizon:
            self.writes.popleft()

    def counters(self):
        with self.lock:
            return dict(self.discrepancies)

    def render(self):
        with self.lock:
            self._prune()
            attempted = len(self.writes)
            ok = sum(1 for _, good in self.writes if good)
            rate = 1.0 if attempted == 0 else ok / attempted
            out = [
                "# HELP ledger_shadow_discrepancy_count Balance read-backs after a dual write that found "
                "|ledger - legacy| > tolerance, by account type.",
                "# TYPE ledger_shadow_discrepancy_count counter",
            ]
            for t in ACCOUNT_TYPES:
                out.append('ledger_shadow_discrepancy_count{account_type="%s"} %d' % (t, self.discrepancies[t]))
            out += [
                "# HELP balance_query_duration_ms Duration of a user's balance query in milliseconds, by source.",
                "# TYPE balance_query_duration_ms histogram",
            ]
            for source in ("ledger", "legacy"):
                out += self.query[source].lines("balance_query_duration_ms", 'source="%s"' % source)
            out += [
                "# HELP ledger_write_success_rate Successful / attempted ledger writes over the last 60 s "
                "(1 when none).",
                "# TYPE ledger_write_success_rate gauge",
                "ledger_write_success_rate %s" % repr(float(rate)),
                "# HELP shadow_mode_write_lag_ms Time from the ledger commit to the legacy commit of a dual write "
                "in milliseconds.",
                "# TYPE shadow_mode_write_lag_ms histogram",
            ]
            out += self.lag.lines("shadow_mode_write_lag_ms", "")
            return "\n".join(out) + "\n"


def start_exporter(metrics, port):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] not in ("/metrics", "/"):
                self.send_error(404)
                return
            body = metrics.render().encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="exporter", daemon=True)
    thread.start()
    return server


# ------------------------------------------------------------------------------------------------ bookkeeping

class User:
    __slots__ = ("id", "accounts", "ledger", "legacy", "active")

    def __init__(self, user_id):
        self.id = user_id
        self.accounts = {}  # account type -> account id (committed)
        self.ledger = {}  # account type -> Decimal (committed)
        self.legacy = None  # legacy column -> Decimal, None without a balances row
        self.active = True

    def available(self, account_type):
        return self.ledger.get(account_type, ZERO)


class Writer:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.metrics = Metrics()
        self.stop = threading.Event()
        self.users = {}
        self.active = []
        self.system = {}  # type -> account id
        self.conn = None
        self.read_conn = None
        self.discrepant = set()  # (user, type) the read-backs currently see as discrepant
        self.stats = collections.Counter()
        self.ops_by_type = collections.Counter()
        self.ops = 0
        self.started = time.monotonic()

    # -- connections

    def connect(self, autocommit):
        conn = psycopg2.connect(self.args.dsn, application_name="staging-service-writer")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SET lock_timeout = %s", (int(self.args.timeout_ms),))
            cur.execute("SET statement_timeout = %s", (int(self.args.timeout_ms) * 2,))
        conn.autocommit = autocommit
        return conn

    def write_conn(self):
        if self.conn is None or self.conn.closed:
            self.conn = self.connect(False)
        return self.conn

    def reader(self):
        if self.read_conn is None or self.read_conn.closed:
            self.read_conn = self.connect(True)
        return self.read_conn

    def abort(self):
        if self.conn is not None and not self.conn.closed:
            try:
                self.conn.rollback()
            except psycopg2.Error:
                self.conn.close()

    # -- setup

    def setup(self):
        conn = self.write_conn()
        with conn.cursor() as cur:
            for account_type in SYSTEM_TYPES:
                cur.execute("INSERT INTO ledger_accounts (user_id, account_type) VALUES (NULL, %s)"
                            " ON CONFLICT (account_type) WHERE user_id IS NULL DO NOTHING", (account_type,))
                cur.execute("SELECT id::text FROM ledger_accounts WHERE user_id IS NULL AND account_type = %s",
                            (account_type,))
                self.system[account_type] = cur.fetchone()[0]
            # Resume: whatever a previous run left.
            cur.execute("SELECT id::text FROM users")
            for (user_id,) in cur.fetchall():
                self.users[user_id] = User(user_id)
            cur.execute("SELECT user_id::text, account_type, id::text, balance FROM ledger_accounts"
                        " WHERE user_id IS NOT NULL")
            for user_id, account_type, account_id, balance in cur.fetchall():
                if account_type in ACCOUNT_TYPES:
                    self.users[user_id].accounts[account_type] = account_id
                    self.users[user_id].ledger[account_type] = balance.quantize(Q6)
            cur.execute("SELECT user_id::text, pending_deposits, buying_power, pending_investments FROM balances")
            for user_id, deposits, buying, investments in cur.fetchall():
                self.users[user_id].legacy = {"pending_deposits": deposits.quantize(Q8),
                                              "buying_power": buying.quantize(Q8),
                                              "pending_investments": investments.quantize(Q8)}
            for user in self.users.values():  # a zero row and no account: dormant, as created
                if not user.accounts and user.legacy is not None and not any(user.legacy.values()):
                    user.active = False
            resumed = len(self.users)

            count = max(0, self.args.users - resumed)
            new_ids = []
            while len(new_ids) < count:
                user_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
                if user_id not in self.users and user_id not in new_ids:
                    new_ids.append(user_id)
            no_legacy = share(count, self.args.no_legacy_row)
            dormant = share(count, self.args.dormant)
            users_rows, balance_rows, account_rows = [], [], []
            for index, user_id in enumerate(new_ids):
                user = User(user_id)
                users_rows.append((user_id, "user-%s@staging.example" % user_id))
                if index < no_legacy:
                    kind = "no_legacy"
                elif index < no_legacy + dormant:
                    kind = "dormant"
                    user.active = False
                else:
                    kind = "normal"
                if kind != "no_legacy":
                    user.legacy = {c: Decimal("0.00000000") for c in LEGACY_COLUMNS}
                    balance_rows.append((user_id,))
                if kind != "dormant":
                    eager = self.rng.random()
                    types = ACCOUNT_TYPES if eager < 0.35 else ACCOUNT_TYPES[:2] if eager < 0.6 else ()
                    for account_type in types:
                        account_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
                        account_rows.append((account_id, user_id, account_type))
                        user.accounts[account_type] = account_id
                        user.ledger[account_type] = Decimal("0.000000")
                self.users[user_id] = user
            psycopg2.extras.execute_values(cur, "INSERT INTO users (id, email) VALUES %s", users_rows, page_size=500)
            psycopg2.extras.execute_values(cur, "INSERT INTO balances (user_id) VALUES %s", balance_rows,
                                           page_size=500)
            psycopg2.extras.execute_values(cur, "INSERT INTO ledger_accounts (id, user_id, account_type) VALUES %s",
                                           account_rows, page_size=500)
        conn.commit()
        self.active = sorted(u.id for u in self.users.values() if u.active)
        self.stats["usersCreated"] = count
        self.stats["usersResumed"] = resumed
        log("%d users (%d new, %d resumed), %d active" % (len(self.users), count, resumed, len(self.active)))

    # -- one operation

    def amount(self, available):
        """(ledger amount with 6 decimals, legacy amount with 6 or 8 decimals) for a debit of at most
        `available` (None for a credit)."""
        if available is None:
            shape = self.rng.random()
            if shape < 0.7:
                base = Decimal(self.rng.randint(1000, 250000)) / 100
            elif shape < 0.9:
                base = Decimal(self.rng.randint(1, 5000)) + Decimal(self.rng.randint(0, 99)) / 100
            else:
                base = Decimal(self.rng.randint(1, 10 ** 9)) / 10 ** 6
            base = base.quantize(Q6)
        else:
            if self.rng.random() < 0.3:
                base = available
            else:
                base = (available * self.rng.randint(1, 99) / 100).quantize(Decimal("0.01"), ROUND_DOWN)
                if base <= 0:
                    base = available
            base = base.quantize(Q6)
        sub_micro = self.rng.random() < self.args.sub_micro
        if sub_micro and base >= Decimal("0.000002"):
            # Debits stay within `available` (base - k e-8 rounds to base or base - 1e-6); credits may go up.
            k = self.rng.randint(1, 99)
            legacy = base - k * Q8 if available is not None or self.rng.random() < 0.5 else base + k * Q8
            ledger = legacy.quantize(Q6, rounding=ROUND_HALF_EVEN)
            return ledger, legacy.quantize(Q8), True
        return base, base.quantize(Q8), False

    def pick(self):
        user = self.users[self.rng.choice(self.active)]
        feasible = []
        for name, (debit, _credit, _legacy, _tt, _rt, weight) in OPERATIONS.items():
            if isinstance(debit, tuple) or user.available(debit) >= Decimal("0.000001"):
                feasible.append((name, weight))
        total = sum(w for _, w in feasible)
        point = self.rng.random() * total
        for name, weight in feasible:
            point -= weight
            if point < 0:
                return user, name
        return user, feasible[-1][0]

    def account_id(self, cur, user, side, created):
        if isinstance(side, tuple):
            return self.system[side[1]]
        if side in user.accounts:
            return user.accounts[side]
        cur.execute("INSERT INTO ledger_accounts (user_id, account_type) VALUES (%s, %s)"
                    " ON CONFLICT (user_id, account_type) DO NOTHING RETURNING id::text", (user.id, side))
        row = cur.fetchone()
        if row is None:
            cur.execute("SELECT id::text FROM ledger_accounts WHERE user_id = %s AND account_type = %s",
                        (user.id, side))
            row = cur.fetchone()
        created[side] = row[0]
        return row[0]

    def ledger_write(self, user, name, amount, legacy_amount):
        """One database transaction. Returns True (committed), False (failed) or None (not covered)."""
        debit, credit, _legacy, transaction_type, reference_type, _w = OPERATIONS[name]
        created = {}
        try:
            conn = self.write_conn()
            with conn.cursor() as cur:
                debit_id = self.account_id(cur, user, debit, created)
                credit_id = self.account_id(cur, user, credit, created)
                if not isinstance(debit, tuple):
                    cur.execute("SELECT balance FROM ledger_accounts WHERE id = %s FOR UPDATE", (debit_id,))
                    if cur.fetchone()[0] < amount:
                        conn.rollback()
                        log("%s for %s: %s does not cover %s, skipped" % (name, user.id, debit, text6(amount)))
                        return None
                cur.execute(
                    "INSERT INTO ledger_transactions (user_id, transaction_type, reference_id, reference_type,"
                    " idempotency_key, description, metadata) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                    (user.id, transaction_type, str(uuid.uuid4()), reference_type,
                     "staging:%s:%s" % (name, uuid.uuid4()), "%s %s USDC" % (name, text6(amount)),
                     psycopg2.extras.Json({"operation": name, "shadowMode": True,
                                           "legacyAmount": text8(legacy_amount)})))
                transaction_id = cur.fetchone()[0]
                cur.execute("INSERT INTO ledger_entries (transaction_id, account_id, entry_type, amount, description)"
                            " VALUES (%s, %s, 'debit', %s, %s), (%s, %s, 'credit', %s, %s)",
                            (transaction_id, debit_id, amount, name, transaction_id, credit_id, amount, name))
                cur.execute("UPDATE ledger_accounts SET balance = balance + CASE WHEN id = %s THEN %s ELSE -%s END,"
                            " updated_at = now() WHERE id IN (%s, %s)",
                            (credit_id, amount, amount, debit_id, credit_id))
                if cur.rowcount != 2:
                    raise RuntimeError("updated %d accounts instead of 2" % cur.rowcount)
            conn.commit()
        except Exception as error:  # any database error: counted, logged, the writer goes on
            self.abort()
            log("ledger write %s for %s failed: %s" % (name, user.id, first_line(error)))
            return False
        for account_type, account_id in created.items():
            user.accounts[account_type] = account_id
            user.ledger.setdefault(account_type, Decimal("0.000000"))
        if not isinstance(debit, tuple):
            user.ledger[debit] = (user.ledger[debit] - amount).quantize(Q6)
        if not isinstance(credit, tuple):
            user.ledger[credit] = (user.ledger[credit] + amount).quantize(Q6)
        return True

    def legacy_write(self, user, name, legacy_amount):
        deltas = OPERATIONS[name][2]
        assignments = ", ".join("%s = %s + %%s" % (c, c) for c in deltas)
        values = [legacy_amount * sign for sign in deltas.values()]
        try:
            conn = self.write_conn()
            with conn.cursor() as cur:
                cur.execute("UPDATE balances SET %s, updated_at = now() WHERE user_id = %%s" % assignments,
                            values + [user.id])
                rows = cur.rowcount
            conn.commit()
        except Exception as error:
            self.abort()
            log("legacy write %s for %s failed: %s" % (name, user.id, first_line(error)))
            return False
        if rows == 0:
            self.stats["legacyNoRow"] += 1
        if user.legacy is not None:
            for column, value in zip(deltas, values):
                user.legacy[column] = (user.legacy[column] + value).quantize(Q8)
        return True

    def read_back(self, user):
        """The seed's "compare balances on reads", timed per source; feeds the exporter."""
        try:
            cur = self.reader().cursor()
            start = time.perf_counter()
            cur.execute("SELECT account_type, balance FROM ledger_accounts WHERE user_id = %s", (user.id,))
            ledger = dict(cur.fetchall())
            middle = time.perf_counter()
            cur.execute("SELECT pending_deposits, buying_power, pending_investments FROM balances"
                        " WHERE user_id = %s", (user.id,))
            row = cur.fetchone()
            end = time.perf_counter()
            cur.close()
        except Exception as error:
            if self.read_conn is not None and not self.read_conn.closed:
                self.read_conn.close()
            log("balance read-back for %s failed: %s" % (user.id, first_line(error)))
            return
        self.metrics.query_ms("ledger", (middle - start) * 1000.0)
        self.metrics.query_ms("legacy", (end - middle) * 1000.0)
        legacy = dict(zip(LEGACY_COLUMNS, row)) if row else {}
        for account_type in ACCOUNT_TYPES:
            ledger_value = ledger.get(account_type, ZERO)
            legacy_value = legacy.get(LEGACY_COLUMN[account_type], ZERO)
            key = (user.id, account_type)
            if abs(ledger_value - legacy_value) > TOLERANCE:
                self.metrics.discrepancy(account_type)
                if key not in self.discrepant:
                    self.discrepant.add(key)
                    log("WARN: Shadow mode: balance discrepancy | user_id=%s | account_type=%s | ledger=%s"
                        " | legacy=%s" % (user.id, account_type, text6(ledger_value), text8(legacy_value)))
            else:
                self.discrepant.discard(key)

    def operation(self):
        user, name = self.pick()
        debit = OPERATIONS[name][0]
        available = None if isinstance(debit, tuple) else user.available(debit)
        amount, legacy_amount, sub_micro = self.amount(available)
        drop = self.rng.random() < self.args.drop_legacy
        self.ops += 1
        self.ops_by_type[name] += 1
        if sub_micro:
            self.stats["subMicroOps"] += 1
        ok = self.ledger_write(user, name, amount, legacy_amount)
        if ok is None:
            self.stats["skippedInsufficient"] += 1
            return
        self.metrics.ledger_write(ok)
        if not ok:
            self.stats["ledgerWritesFailed"] += 1
            return
        self.stats["ledgerWritesOk"] += 1
        ledger_committed = time.perf_counter()
        if drop:
            self.stats["legacyDropped"] += 1
        elif self.legacy_write(user, name, legacy_amount):
            self.metrics.lag_ms((time.perf_counter() - ledger_committed) * 1000.0)
            self.stats["legacyWritesOk"] += 1
        else:
            self.stats["legacyWritesFailed"] += 1
        self.read_back(user)

    # -- ground truth

    def truth(self, final, verified):
        discrepancies = []
        for user_id in sorted(self.users):
            user = self.users[user_id]
            for account_type in ACCOUNT_TYPES:
                column = LEGACY_COLUMN[account_type]
                ledger = user.ledger.get(account_type, ZERO)
                legacy = user.legacy[column] if user.legacy is not None else ZERO
                if abs(ledger - legacy) > TOLERANCE:
                    discrepancies.append({
                        "userId": user_id, "accountType": account_type, "legacyColumn": column,
                        "ledger": text6(ledger), "legacy": text8(legacy),
                        "ledgerAccount": account_type in user.accounts, "legacyRow": user.legacy is not None,
                    })
        s = self.stats
        return {
            "tolerance": str(TOLERANCE),
            "discrepancies": discrepancies,
            "writesOk": s["ledgerWritesOk"] + s["legacyWritesOk"],
            "writesFailed": s["ledgerWritesFailed"] + s["legacyWritesFailed"],
            "legacyDropped": s["legacyDropped"],
            "users": len(self.users),
            "ops": self.ops,
            "ledgerWritesOk": s["ledgerWritesOk"], "ledgerWritesFailed": s["ledgerWritesFailed"],
            "legacyWritesOk": s["legacyWritesOk"], "legacyWritesFailed": s["legacyWritesFailed"],
            "legacyNoRow": s["legacyNoRow"], "skippedInsufficient": s["skippedInsufficient"],
            "subMicroOps": s["subMicroOps"], "opsByType": dict(sorted(self.ops_by_type.items())),
            "usersWithoutLegacyRow": sum(1 for u in self.users.values() if u.legacy is None),
            "dormantUsers": sum(1 for u in self.users.values() if not u.active),
            "shadowDiscrepancyCount": self.metrics.counters(),
            "seed": self.args.seed,
            "elapsedSeconds": round(time.monotonic() - self.started, 3),
            "final": final,
            "verified": verified,
        }

    def write_truth(self, final=False, verified=False):
        path = self.args.ground_truth
        if not path:
            return
        directory = os.path.dirname(os.path.abspath(path))
        data = json.dumps(self.truth(final, verified), indent=1) + "\n"
        fd, temp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, path)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
        try:
            dir_fd = os.open(directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass

    # -- verification against the database

    VERIFY_SQL = """
        WITH m(account_type, legacy_column, ord) AS (
            VALUES ('usdc_balance', 'pending_deposits', 1), ('fiat_exposure', 'buying_power', 2),
                   ('pending_investment', 'pending_investments', 3))
        SELECT u.id::text, m.account_type, a.balance::text, l.value::text, b.user_id IS NOT NULL,
               CASE WHEN a.id IS NULL THEN NULL ELSE
                   coalesce((SELECT sum(CASE e.entry_type WHEN 'credit' THEN e.amount ELSE -e.amount END)
                             FROM ledger_entries e WHERE e.account_id = a.id), 0)::numeric(38,6)::text END,
               abs(coalesce(a.balance, 0) - coalesce(l.value, 0)) > %s
        FROM users u CROSS JOIN m
        LEFT JOIN ledger_accounts a ON a.user_id = u.id AND a.account_type = m.account_type
        LEFT JOIN balances b ON b.user_id = u.id
        CROSS JOIN LATERAL (SELECT CASE m.legacy_column WHEN 'pending_deposits' THEN b.pending_deposits
                                   WHEN 'buying_power' THEN b.buying_power ELSE b.pending_investments END) l(value)
        ORDER BY u.id::text, m.ord"""

    INTEGRITY_SQL = """
        SELECT (SELECT count(*) FROM (SELECT 1 FROM ledger_entries GROUP BY transaction_id
                HAVING count(*) < 2 OR sum(CASE entry_type WHEN 'credit' THEN amount ELSE -amount END) <> 0) x)
             + (SELECT count(*) FROM ledger_transactions t
                WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)),
               (SELECT count(*) FROM ledger_accounts a WHERE a.balance <> coalesce((SELECT sum(CASE e.entry_type
                WHEN 'credit' THEN e.amount ELSE -e.amount END) FROM ledger_entries e WHERE e.account_id = a.id), 0)),
               (SELECT count(*) FROM ledger_accounts WHERE user_id IS NOT NULL AND balance < 0)"""

    def verify(self):
        """Problems (empty when the database agrees with the bookkeeping)."""
        problems = []
        try:
            conn = self.connect(False)
            try:
                conn.set_session(isolation_level="REPEATABLE READ", readonly=True)  # one snapshot for both
                with conn.cursor() as cur:
                    cur.execute(self.VERIFY_SQL, (TOLERANCE,))
                    rows = cur.fetchall()
                    cur.execute(self.INTEGRITY_SQL)
                    unbalanced, mismatched, negative = cur.fetchone()
                conn.rollback()
            finally:
                conn.close()
        except Exception as error:
            return ["cannot read the database: %s" % first_line(error)]
        expected = {(d["userId"], d["accountType"]) for d in self.truth(False, False)["discrepancies"]}
        seen_users = set()
        flagged = set()
        for user_id, account_type, balance, legacy, has_row, entries_sum, discrepant in rows:
            seen_users.add(user_id)
            user = self.users.get(user_id)
            where = "%s %s" % (user_id, account_type)
            if user is None:
                problems.append("%s: a user the writer does not know" % user_id)
                continue
            mine = text6(user.ledger[account_type]) if account_type in user.accounts else None
            if balance != mine:
                problems.append("%s: ledger %s in the database, %s committed" % (where, balance, mine))
            if balance is not None and entries_sum != balance:
                problems.append("%s: balance %s but entries sum to %s" % (where, balance, entries_sum))
            if has_row != (user.legacy is not None):
                problems.append("%s: balances row %s in the database" % (where, "present" if has_row else "missing"))
            elif has_row and legacy != text8(user.legacy[LEGACY_COLUMN[account_type]]):
                problems.append("%s: legacy %s in the database, %s committed"
                                % (where, legacy, text8(user.legacy[LEGACY_COLUMN[account_type]])))
            if discrepant:
                flagged.add((user_id, account_type))
        missing = set(self.users) - seen_users
        if missing:
            problems.append("%d users missing from the database" % len(missing))
        if flagged != expected:
            problems.append("discrepancies: database %d, ground truth %d, %d differ"
                            % (len(flagged), len(expected), len(flagged ^ expected)))
        if unbalanced:
            problems.append("%d ledger transactions unbalanced or with fewer than 2 entries" % unbalanced)
        if mismatched:
            problems.append("%d accounts whose balance is not the sum of their entries" % mismatched)
        if negative:
            problems.append("%d user accounts negative" % negative)
        return problems

    # -- main loop

    def run(self):
        args = self.args
        last_truth = time.monotonic()
        deadline = self.started + args.seconds if args.seconds > 0 else None
        loop_start = time.monotonic()
        index = 0
        while not self.stop.is_set():
            if args.ops > 0 and index >= args.ops:
                break
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                break
            if args.rate > 0:
                due = loop_start + index / args.rate
                while now < due and not self.stop.is_set():
                    self.stop.wait(min(due - now, 0.25))
                    now = time.monotonic()
                    if now - last_truth >= 1.0:
                        self.write_truth()
                        last_truth = now
                if self.stop.is_set():
                    break
            self.operation()
            index += 1
            if time.monotonic() - last_truth >= 1.0:
                self.write_truth()
                last_truth = time.monotonic()
        elapsed = time.monotonic() - loop_start
        return elapsed


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="service_writer.py",
        description="The ledger service of the staging world (shadow mode dual writes), independent of the "
                    "cockpit. See tests/staging/README.md.")
    p.add_argument("--dsn", required=True, help="libpq conninfo or URI, as staging_service")
    p.add_argument("--users", type=int, default=200, help="users in the world in total (default 200)")
    p.add_argument("--ops", type=int, default=1000,
                   help="operations to perform; 0 = until SIGTERM/SIGINT or --seconds (default 1000)")
    p.add_argument("--seconds", type=float, default=0, help="stop after S seconds (0 = no limit)")
    p.add_argument("--drop-legacy", type=float, default=0.02,
                   help="fraction of legacy writes silently skipped (default 0.02)")
    p.add_argument("--sub-micro", type=float, default=0.0,
                   help="fraction of operations with an 8-decimal legacy amount (default 0)")
    p.add_argument("--no-legacy-row", type=float, default=0.02,
                   help="fraction of new users without a legacy balances row (default 0.02)")
    p.add_argument("--dormant", type=float, default=0.01,
                   help="fraction of new users with a zero balances row and no account, never touched (default 0.01)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--ground-truth", default="", help="JSON file written atomically about every second and at the end")
    p.add_argument("--metrics-port", type=int, default=0, help="Prometheus exporter on 127.0.0.1:P (0 = none)")
    p.add_argument("--rate", type=float, default=0, help="operations per second at most (0 = as fast as possible)")
    p.add_argument("--timeout-ms", type=int, default=5000,
                   help="lock_timeout (statement_timeout twice that) of the writer's sessions (default 5000)")
    args = p.parse_args(argv)
    for name in ("drop_legacy", "sub_micro", "no_legacy_row", "dormant"):
        if not 0 <= getattr(args, name) <= 1:
            p.error("--%s must be between 0 and 1" % name.replace("_", "-"))
    if args.users < 0 or args.ops < 0 or args.seconds < 0 or args.rate < 0 or args.timeout_ms <= 0:
        p.error("--users, --ops, --seconds and --rate must not be negative, --timeout-ms must be positive")
    if not 0 <= args.metrics_port <= 65535:
        p.error("--metrics-port must be a port number")
    return args


def main(argv):
    args = parse_args(argv)
    writer = Writer(args)

    def on_signal(signum, _frame):
        writer.stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        writer.setup()
    except psycopg2.Error as error:
        log("cannot set up the world: %s" % first_line(error))
        return 2
    if not writer.active:
        log("no active users (--users %d): nothing to do" % args.users)
    server = None
    if args.metrics_port > 0:
        try:
            server = start_exporter(writer.metrics, args.metrics_port)
        except OSError as error:
            log("cannot serve metrics on 127.0.0.1:%d: %s" % (args.metrics_port, error))
            return 2
    writer.write_truth()
    elapsed = writer.run() if writer.active else 0.0
    for conn in (writer.conn, writer.read_conn):
        if conn is not None and not conn.closed:
            conn.close()
    problems = writer.verify()
    writer.write_truth(final=True, verified=not problems)
    if server is not None:
        server.shutdown()
        server.server_close()
    truth = writer.truth(True, not problems)
    print("%s: %d ops in %.2f s (%.0f ops/s); writes ok %d, failed %d; legacy dropped %d; %d users; "
          "%d discrepancies" % (PROG, writer.ops, elapsed, writer.ops / elapsed if elapsed > 0 else 0,
                                truth["writesOk"], truth["writesFailed"], truth["legacyDropped"], truth["users"],
                                len(truth["discrepancies"])), flush=True)
    if problems:
        log("the database disagrees with the ground truth:")
        for problem in problems[:20]:
            log("  " + problem)
        if len(problems) > 20:
            log("  ... %d more" % (len(problems) - 20))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
