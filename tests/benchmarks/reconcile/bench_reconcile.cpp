// SPDX-License-Identifier: MIT
// The reconciler against its baselines, in one process: a full run on N users x 3
// account types (default 1,000,000, COCKPIT_BENCH_USERS to change) with the automatic split, in one part and
// in two parts compared at once, vs the bare SQL executed sequentially (on SQLite the merge's two scans
// stepped without processing, plus the former single-statement query for comparison; on PostgreSQL the FULL
// JOIN query and the migration plan's psql query) and the same bare SQL in two halves at once, vs the
// migration plan's per-user loop through the ledger facade (timed on a sample and extrapolated), plus the
// invariant checks and an incremental re-check of 1,000 changed users. Prints figures and ratios; never fails
// on time.
#include "db/sqlite_statement.h"
#include "ledger/ledger_integration.h"
#include "ledger/ledger_mode.h"
#include "ledger/ledger_store.h"
#include "pg_test_database.h"
#include "reconcile/postgres_part_query.h"
#include "reconcile/reconcile_sql.h"
#include "reconcile/reconciler.h"
#include "reconcile/sqlite_merge_scan.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <thread>

using namespace Cockpit;

namespace {

const QList<AccountMapping> mapping = {
    {QStringLiteral("usdc_balance"), QStringLiteral("pending_deposits")},
    {QStringLiteral("fiat_exposure"), QStringLiteral("buying_power")},
    {QStringLiteral("pending_investment"), QStringLiteral("pending_investments")}};

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

double ms(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

// Rounds of each timed candidate; COCKPIT_BENCH_ROUNDS for more on a noisy machine.
int rounds()
{
    const int n =
        QProcessEnvironment::systemEnvironment().value(QStringLiteral("COCKPIT_BENCH_ROUNDS")).toInt();
    return n > 0 ? n : 3;
}

struct Timing
{
    double best = 0;
    double worst = 0;
    void add(double t)
    {
        best = best == 0 ? t : std::min(best, t);
        worst = std::max(worst, t);
    }
    QString text() const
    {
        return QStringLiteral("%1 ms (%2-%3)")
            .arg(best, 0, 'f', 1)
            .arg(best, 0, 'f', 1)
            .arg(worst, 0, 'f', 1);
    }
};

bool exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        say(QLatin1String("SQL failed: ") + q.lastError().text() + QLatin1String("\n  ") + sql.left(200));
        return false;
    }
    return true;
}

// Every user gets the three accounts and a legacy row; one user in 1,000 has usdc_balance off by 0.05.
bool generate(QSqlDatabase db, bool pg, qint64 users)
{
    const QString n = QString::number(users);
    if (pg) {
        const QString series = QLatin1String(" FROM generate_series(1, ") + n + QLatin1String(") AS i");
        const QString id = QStringLiteral("'user-' || lpad(i::text, 7, '0')");
        const auto amount = [](int k) {
            return QStringLiteral("((i::numeric * %1) %% 1000000007) / 1000000")
                .arg(k)
                .replace(QLatin1String("%%"), QLatin1String("%"));
        };
        return exec(db, QLatin1String("INSERT INTO users (id) SELECT ") + id + series)
               && exec(
                   db,
                   QLatin1String("INSERT INTO ledger_accounts (user_id, account_type, balance, change_seq,"
                                 " created_at, updated_at) SELECT ")
                       + id + QLatin1String(", t.type, CASE t.type WHEN 'usdc_balance' THEN ") + amount(7919)
                       + QLatin1String(" WHEN 'fiat_exposure' THEN ") + amount(104729)
                       + QLatin1String(" ELSE ") + amount(1299709) + QLatin1String(" END, 1, 0, 0") + series
                       + QLatin1String(
                           ", (VALUES ('usdc_balance'), ('fiat_exposure'), ('pending_investment'))"
                           " AS t(type)"))
               && exec(db, QLatin1String("INSERT INTO balances (user_id, pending_deposits, buying_power,"
                                         " pending_investments, change_seq) SELECT ")
                               + id + QLatin1String(", ") + amount(7919)
                               + QLatin1String(" + CASE WHEN i % 1000 = 0 THEN 0.05 ELSE 0 END, ")
                               + amount(104729) + QLatin1String(", ") + amount(1299709) + QLatin1String(", 1")
                               + series)
               // VACUUM sets the visibility map, without which no index-only scan is possible (autovacuum
               // does the same on a live database).
               && exec(db, QStringLiteral("VACUUM ANALYZE users, ledger_accounts, balances"));
    }
    const QString seq =
        QLatin1String("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ") + n
        + QLatin1String(") ");
    const QString id = QStringLiteral("printf('user-%07d', i)");
    const auto amount = [](int k) {
        return QStringLiteral("((i * %1) % 1000000007)").arg(k);
    };
    bool ok =
        exec(db, QStringLiteral("BEGIN"))
        && exec(db, seq + QLatin1String("INSERT INTO users (id) SELECT ") + id + QLatin1String(" FROM n"));
    const struct
    {
        const char *type;
        int k;
    } types[] = {{"usdc_balance", 7919}, {"fiat_exposure", 104729}, {"pending_investment", 1299709}};
    for (const auto &t : types) {
        ok = ok
             && exec(db, seq
                             + QLatin1String(
                                 "INSERT INTO ledger_accounts (user_id, account_type, balance, change_seq,"
                                 " created_at, updated_at) SELECT ")
                             + id + QLatin1String(", '") + QLatin1String(t.type) + QLatin1String("', ")
                             + amount(t.k) + QLatin1String(", 1, 0, 0 FROM n ORDER BY 1"));
    }
    return ok
           && exec(db, seq
                           + QLatin1String("INSERT INTO balances (user_id, pending_deposits, buying_power,"
                                           " pending_investments, change_seq) SELECT ")
                           + id + QLatin1String(", ") + amount(7919)
                           + QLatin1String(" + CASE WHEN i % 1000 = 0 THEN 50000 ELSE 0 END, ")
                           + amount(104729) + QLatin1String(", ") + amount(1299709)
                           + QLatin1String(", 1 FROM n"))
           && exec(db, QStringLiteral("COMMIT")) && exec(db, QStringLiteral("ANALYZE"));
}

QSqlDatabase rawConnection(const DatabaseConfig &c)
{
    const QString name = QLatin1String("bench-") + QUuid::createUuid().toString(QUuid::Id128);
    QSqlDatabase db =
        QSqlDatabase::addDatabase(c.isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
    if (c.isSqlite()) {
        db.setDatabaseName(c.sqlitePath);
    } else {
        db.setHostName(c.host);
        db.setPort(c.port);
        db.setDatabaseName(c.dbname);
        db.setUserName(c.user);
        db.setPassword(QProcessEnvironment::systemEnvironment().value(c.passwordEnv));
    }
    db.open();
    return db;
}

void benchmark(const QString &label, const DatabaseConfig &config, qint64 users, int loopSample)
{
    say(QStringLiteral("== %1: %2 users x 3 account types ==").arg(label).arg(users));
    {
        std::unique_ptr<LedgerStore> store = LedgerStore::create(config, mapping);
        if (QString e = errorMessage(store->open()); !e.isEmpty()) {
            say(e);
            return;
        }
    }
    QSqlDatabase raw = rawConnection(config);
    double t = ms([&] {
        if (!generate(raw, !config.isSqlite(), users))
            say(QStringLiteral("data generation failed"));
    });
    say(QStringLiteral("generated with bulk SQL in %1 s").arg(t / 1000, 0, 'f', 1));

    Reconciler reconciler(config, mapping);
    if (QString e = errorMessage(reconciler.open()); !e.isEmpty()) {
        say(e);
        return;
    }
    Reconciler::Options options;
    options.checkInvariants = false; // generated accounts have no entries on purpose
    const ReconcileSql::Dialect dialect =
        config.isSqlite() ? ReconcileSql::Dialect::Sqlite : ReconcileSql::Dialect::Postgres;

    // The single statement: PostgreSQL's FULL JOIN query (its bare baseline); on SQLite the former
    // single-statement query, printed for comparison only.
    const ReconcileSql::Statement st =
        ReconcileSql::discrepancyQuery(dialect, mapping, options.tolerance, std::nullopt);
    const auto runQuery = [&](qint64 *rows) {
        QSqlQuery q(raw);
        q.setForwardOnly(true);
        q.prepare(st.sql);
        for (const QVariant &v : st.binds)
            q.addBindValue(v);
        q.exec();
        while (q.next()) {
            for (int i = 0; i < 9; ++i)
                q.value(i);
            ++*rows;
        }
    };
    // SQLite's bare baselines: the reconciler's own two scans in one read transaction, stepped to the end
    // without touching a value (what SQLite itself costs), and stepped reading every value the merge
    // reads, the way it reads them (what any consumer of these rows costs; the ratio target uses this).
    std::int64_t checksum = 0;
    const auto runScans = [&](bool readValues, qint64 *rows) {
        exec(raw, QStringLiteral("BEGIN"));
        SqliteMergeScan scan(mapping, std::nullopt);
        Result<void> stepped = scan.prepare(SqliteStatement::handle(raw));
        if (stepped)
            stepped = scan.stepOnly(readValues, rows, &checksum);
        if (!stepped)
            say(stepped.error().message);
        exec(raw, QStringLiteral("COMMIT"));
    };

    // The same bare statements in two halves at once, cut at the median user (the generated ids are
    // dense), each half on a connection of its own: what a split run's statements cost by themselves.
    // SQLite: one thread per half; PostgreSQL: both sent at once on connections importing one snapshot.
    const QString median = QStringLiteral("user-%1").arg(users / 2 + 1, 7, 10, QLatin1Char('0'));
    const ReconcileSql::KeyRange halves[2] = {{std::nullopt, median}, {median, std::nullopt}};
    sqlite3 *halfDb[2] = {nullptr, nullptr};
    std::unique_ptr<PostgresPartQuery> halfPg[2];
    for (int h = 0; h < 2; ++h) {
        // NOMUTEX, as QtSql's and the reconciler's connections: in the default serialized mode every
        // sqlite3_column_* call takes the connection's mutex, which the two halves would pay per column.
        if (config.isSqlite())
            sqlite3_open_v2(config.sqlitePath.toUtf8().constData(), &halfDb[h],
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
        else
            halfPg[h] = std::make_unique<PostgresPartQuery>(config);
    }
    const auto runHalves = [&](qint64 *rows) {
        if (config.isSqlite()) {
            qint64 counted[2] = {0, 0};
            std::int64_t sums[2] = {0, 0};
            {
                std::jthread threads[2];
                for (int h = 0; h < 2; ++h) {
                    threads[h] = std::jthread([&, h] {
                        sqlite3_exec(halfDb[h], "BEGIN", nullptr, nullptr, nullptr);
                        SqliteMergeScan scan(mapping, std::nullopt, halves[h]);
                        Result<void> stepped = scan.prepare(halfDb[h]);
                        if (stepped)
                            stepped = scan.stepOnly(true, &counted[h], &sums[h]);
                        if (!stepped)
                            qFatal("%s", qPrintable(stepped.error().message));
                        sqlite3_exec(halfDb[h], "COMMIT", nullptr, nullptr, nullptr);
                    });
                }
            }
            *rows += counted[0] + counted[1];
            checksum += sums[0] + sums[1];
            return;
        }
        exec(raw, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        QSqlQuery q(raw);
        q.exec(QStringLiteral("SELECT pg_export_snapshot()"));
        q.next();
        const QString snapshot = q.value(0).toString();
        for (int h = 0; h < 2; ++h) {
            Result<void> sent = halfPg[h]->begin(snapshot);
            if (sent)
                sent = halfPg[h]->send(ReconcileSql::discrepancyQuery(dialect, mapping, options.tolerance,
                                                                      std::nullopt, halves[h]));
            if (!sent)
                say(sent.error().message);
        }
        for (int h = 0; h < 2; ++h) {
            const Result<void> read = halfPg[h]->finish([rows](const PostgresPartQuery::ColumnReader &value) {
                for (int i = 0; i < 9; ++i)
                    value(i);
                ++*rows;
                return ok();
            });
            if (!read)
                say(read.error().message);
        }
        exec(raw, QStringLiteral("COMMIT"));
    };

    // Warm the cache the same way for everyone, then interleave the candidates so that the load of other
    // processes on this machine hits them alike; best and worst of the rounds are printed.
    reconciler.run(options);
    Timing full;
    Timing compareOnly;
    Timing onePart;
    Timing twoParts;
    Timing bare;
    Timing bareHalves;
    Timing stepsOnly;
    RunSummary summary;
    RunSummary onePartSummary;
    RunSummary twoPartsSummary;
    qint64 bareRows = 0;
    qint64 halvesRows = 0;
    Reconciler::Options unstored = options;
    unstored.record = false;
    Reconciler::Options single = options;
    single.parts = 1;
    Reconciler::Options split = options;
    split.parts = 2;
    for (int round = 0; round < rounds(); ++round) {
        full.add(ms([&] { summary = reconciler.run(options, [](const DiscrepancyRecord &) {}); }));
        compareOnly.add(ms([&] { reconciler.run(unstored, [](const DiscrepancyRecord &) {}); }));
        onePart.add(ms([&] { onePartSummary = reconciler.run(single, [](const DiscrepancyRecord &) {}); }));
        twoParts.add(ms([&] { twoPartsSummary = reconciler.run(split, [](const DiscrepancyRecord &) {}); }));
        bareRows = 0;
        bare.add(ms([&] { config.isSqlite() ? runScans(true, &bareRows) : runQuery(&bareRows); }));
        halvesRows = 0;
        bareHalves.add(ms([&] { runHalves(&halvesRows); }));
        if (config.isSqlite()) {
            qint64 rows = 0;
            stepsOnly.add(ms([&] { runScans(false, &rows); }));
        }
    }
    for (sqlite3 *db : halfDb)
        sqlite3_close_v2(db);
    say(QStringLiteral("reconciler full run (automatic) %1: %2 accounts, %3 discrepancies, %4")
            .arg(full.text())
            .arg(summary.accounts)
            .arg(summary.discrepancies)
            .arg(runStatusName(summary.status)));
    say(QStringLiteral("reconciler full run, not stored %1 (the comparison alone)").arg(compareOnly.text()));
    say(QStringLiteral("reconciler full run, one part   %1: %2 discrepancies (stored) -> automatic / one part"
                       " = %3x")
            .arg(onePart.text())
            .arg(onePartSummary.discrepancies)
            .arg(full.best / onePart.best, 0, 'f', 2));
    say(QStringLiteral(
            "reconciler full run, two parts  %1: %2 discrepancies (stored) -> one part / two parts = "
            "%3x")
            .arg(twoParts.text())
            .arg(twoPartsSummary.discrepancies)
            .arg(onePart.best / twoParts.best, 0, 'f', 2));
    say(QStringLiteral("%1 %2: %3 rows -> reconciler / bare = %4x (best of each)")
            .arg(config.isSqlite() ? QStringLiteral("bare scans, values read        ")
                                   : QStringLiteral("bare SQL query (same process)  "))
            .arg(bare.text())
            .arg(bareRows)
            .arg(full.best / bare.best, 0, 'f', 2));
    say(QStringLiteral("bare, two halves at once        %1: %2 rows -> two-part run / bare halves = %3x;"
                       " one-part run / sequential bare = %4x")
            .arg(bareHalves.text())
            .arg(halvesRows)
            .arg(twoParts.best / bareHalves.best, 0, 'f', 2)
            .arg(onePart.best / bare.best, 0, 'f', 2));
    if (config.isSqlite()) {
        say(QStringLiteral("bare scans, steps only          %1 -> reconciler / steps = %2x (checksum %3)")
                .arg(stepsOnly.text())
                .arg(full.best / stepsOnly.best, 0, 'f', 2)
                .arg(checksum));
        qint64 queryRows = 0;
        const double query = ms([&] { runQuery(&queryRows); });
        say(QStringLiteral("former single SQL query         %1 ms: %2 rows -> reconciler / query = %3x")
                .arg(query, 0, 'f', 1)
                .arg(queryRows)
                .arg(full.best / query, 0, 'f', 2));
    }

    // The invariant checks are part of a run but not of the comparison: timed apart. The generated
    // accounts have no entries, so every non-zero account is reported as a violation; a real ledger's
    // entries add to this figure.
    Reconciler::Options withInvariants = options;
    withInvariants.checkInvariants = true;
    RunSummary invSummary;
    const double withInv = ms([&] { invSummary = reconciler.run(withInvariants); });
    say(QStringLiteral("full run with invariant checks  %1 ms (%2 violations) -> invariants ~%3 ms")
            .arg(withInv, 0, 'f', 1)
            .arg(invSummary.invariantViolationCount)
            .arg(withInv - full.best, 0, 'f', 1));

    if (!config.isSqlite()) {
        double seedAll = 0;
        int seedRows = 0;
        for (const AccountMapping &m : mapping) {
            const QString seedSql =
                QStringLiteral(
                    "SELECT u.id as user_id, la.balance as ledger_balance, b.%2 as legacy_balance,"
                    " la.balance - b.%2 as difference FROM users u JOIN ledger_accounts la ON la.user_id = u.id"
                    " AND la.account_type = '%1' LEFT JOIN balances b ON b.user_id = u.id"
                    " WHERE ABS(la.balance - b.%2) > 0.01")
                    .arg(m.accountType, m.legacyColumn);
            const double one = ms([&] {
                QSqlQuery q(raw);
                q.setForwardOnly(true);
                q.exec(seedSql);
                while (q.next())
                    ++seedRows;
            });
            if (m.accountType == QLatin1String("usdc_balance"))
                say(QStringLiteral("seed's psql query, one pairing  %1 ms -> reconciler / seed = %2x")
                        .arg(one, 0, 'f', 1)
                        .arg(full.best / one, 0, 'f', 2));
            seedAll += one;
        }
        say(QStringLiteral("seed's query, all 3 pairings     %1 ms (%2 rows) -> reconciler / seed = %3x")
                .arg(seedAll, 0, 'f', 1)
                .arg(seedRows)
                .arg(full.best / seedAll, 0, 'f', 2));
    }

    // The migration plan's ReconcileAllBalances: GetAllUsers, then per user the facade's balance read of both
    // sides.
    {
        std::unique_ptr<LedgerStore> store = LedgerStore::create(config, mapping);
        if (QString e = errorMessage(store->open()); !e.isEmpty()) {
            say(QLatin1String("the migration plan's facade: cannot open the ledger: ") + e);
            return;
        }
        LedgerConfig ledgerConfig;
        ledgerConfig.database = config;
        ledgerConfig.mapping = mapping;
        LedgerIntegration facade(*store, ledgerConfig, *LedgerMode::forPhase(QStringLiteral("shadow")));
        int found = 0;
        const double sample = ms([&] {
            for (int i = 1; i <= loopSample; ++i) {
                const QString user =
                    QStringLiteral("user-%1").arg(qint64(i) * (users / loopSample), 7, 10, QLatin1Char('0'));
                const Result<UserBalanceView> view = facade.getUserBalance(user);
                if (view && !view->discrepancies.isEmpty())
                    ++found;
            }
        });
        const double extrapolated = sample * double(users) / loopSample;
        say(QStringLiteral("seed per-user loop via facade  %1 ms for %2 users (%3 with discrepancies) -> "
                           "extrapolated %4 s for all -> loop / reconciler = %5x")
                .arg(sample, 0, 'f', 1)
                .arg(loopSample)
                .arg(found)
                .arg(extrapolated / 1000, 0, 'f', 1)
                .arg(extrapolated / full.best, 0, 'f', 0));
    }

    // Incremental: 1,000 changed users.
    QStringList changed;
    for (int i = 1; i <= 1000; ++i)
        changed.append(
            QStringLiteral("user-%1").arg(qint64(i) * (users / 1000) - 1, 7, 10, QLatin1Char('0')));
    Reconciler::Options inc = options;
    inc.kind = RunKind::Incremental;
    inc.users = changed;
    reconciler.run(inc);
    RunSummary incSummary;
    Timing incremental;
    Timing incrementalCompare;
    Reconciler::Options incUnstored = inc;
    incUnstored.record = false;
    for (int round = 0; round < rounds(); ++round) {
        incremental.add(ms([&] { incSummary = reconciler.run(inc); }));
        incrementalCompare.add(ms([&] { reconciler.run(incUnstored); }));
    }
    say(QStringLiteral("incremental re-check of 1,000 users %1 (%2 accounts, %3); not stored %4")
            .arg(incremental.text())
            .arg(incSummary.accounts)
            .arg(runStatusName(incSummary.status))
            .arg(incrementalCompare.text()));
    const QString rawName = raw.connectionName();
    raw.close();
    raw = QSqlDatabase();
    QSqlDatabase::removeDatabase(rawName);
}

} // namespace

int main(int argc, char *argv[])
{
    Cockpit::SqliteStatement::configureProcess(); // before any connection opens
    QCoreApplication app(argc, argv);
    // The facade logs every discrepancy it reads; the loop below reads many on purpose.
    QLoggingCategory::setFilterRules(QStringLiteral("cockpit.ledger.warning=false"));
    const QString env = QProcessEnvironment::systemEnvironment().value(QStringLiteral("COCKPIT_BENCH_USERS"));
    const qint64 users = env.isEmpty() ? 1'000'000 : env.toLongLong();
    const QString only = QProcessEnvironment::systemEnvironment().value(QStringLiteral("COCKPIT_BENCH_ONLY"));
    if (only.isEmpty() || only == QLatin1String("sqlite")) {
        QTemporaryDir dir;
        DatabaseConfig sqlite;
        sqlite.sqlitePath = dir.filePath(QStringLiteral("bench.sqlite"));
        benchmark(QStringLiteral("SQLite"), sqlite, users, 2000);
    }
    if (only.isEmpty() || only == QLatin1String("postgres")) {
        CockpitTest::PgTestDatabase pg;
        if (!pg.isValid())
            say(QLatin1String("PostgreSQL unavailable, skipped: ") + pg.error());
        else
            benchmark(QStringLiteral("PostgreSQL"), pg.config(), users, 1000);
    }
    return 0;
}
