// SPDX-License-Identifier: MIT
// Ledger throughput: facade operations/s ledger-only vs shadow mode, batched vs one commit per operation,
// and balance reads/s, on SQLite and PostgreSQL. Prints figures and ratios against baselines measured in
// the same process; never passes or fails on time.
#include "db/sqlite_statement.h"
#include "ledger/ledger_integration.h"
#include "ledger/ledger_store.h"
#include "ledger/ledger_workload.h"
#include "pg_test_database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <memory>

using namespace Cockpit;

namespace {

QTextStream out(stdout);

struct Backend
{
    QString name;
    std::function<DatabaseConfig()> fresh; // a new, empty database per measurement
    QString durability;
};

LedgerConfig ledgerConfig(const DatabaseConfig &db)
{
    LedgerConfig c;
    c.database = db;
    c.mapping = {{QStringLiteral("usdc_balance"), QStringLiteral("pending_deposits")},
                 {QStringLiteral("fiat_exposure"), QStringLiteral("buying_power")},
                 {QStringLiteral("pending_investment"), QStringLiteral("pending_investments")}};
    return c;
}

// Operations/s of the demo mix (deposits, moves, reservations, fills, releases) without reads.
// *cpuUsPerOp: this process's CPU time per operation, which other processes' load disturbs less than the
// wall clock (database server time on PostgreSQL not included).
double writeRate(const Backend &b, const char *phase, qint64 ops, int batch, qint64 *elapsedNs = nullptr,
                 double *cpuUsPerOp = nullptr)
{
    const LedgerConfig config = ledgerConfig(b.fresh());
    auto store = LedgerStore::create(config.database, config.mapping);
    if (QString e = errorMessage(store->open()); !e.isEmpty()) {
        out << "  open failed: " << e << '\n';
        return 0;
    }
    const LedgerMode mode = *LedgerMode::forPhase(QString::fromLatin1(phase));
    LedgerIntegration facade(*store, config, mode);
    LedgerWorkloadOptions options;
    options.users = 1000;
    options.operations = ops;
    options.batchSize = batch;
    options.readEvery = 0;
    options.seed = 42;
    LedgerWorkload workload(config, mode, options);
    QElapsedTimer t;
    const std::clock_t cpuStart = std::clock();
    t.start();
    if (QString e = errorMessage(workload.runWith(facade)); !e.isEmpty()) {
        out << "  run failed: " << e << '\n';
        return 0;
    }
    const qint64 ns = t.nsecsElapsed();
    if (elapsedNs)
        *elapsedNs = ns;
    if (cpuUsPerOp)
        *cpuUsPerOp = double(std::clock() - cpuStart) * 1e6 / CLOCKS_PER_SEC / double(ops);
    return double(ops) * 1e9 / double(ns);
}

// Balance reads/s over 1,000 users: the store's ledger read, and the facade in a phase.
void readRates(const Backend &b, double *storeRate, double *legacyRate, double *ledgerOnly,
               double *shadowCompare)
{
    const LedgerConfig config = ledgerConfig(b.fresh());
    auto store = LedgerStore::create(config.database, config.mapping);
    if (QString e = errorMessage(store->open()); !e.isEmpty())
        return;
    {
        LedgerIntegration facade(*store, config, *LedgerMode::forPhase(QStringLiteral("shadow")));
        LedgerWorkloadOptions options;
        options.users = 1000;
        options.operations = 5000;
        options.batchSize = 1000;
        options.readEvery = 0;
        LedgerWorkload workload(config, facade.mode(), options);
        if (QString e = errorMessage(workload.runWith(facade)); !e.isEmpty()) {
            out << "  seeding failed: " << e << '\n';
            return;
        }
    }
    const int reads = b.name == QLatin1String("SQLite") ? 100000 : 5000;
    // A failed read would make a rate meaningless: counted, and the run refused below.
    int failed = 0;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < reads; ++i)
        failed += store->ledgerBalances(QStringLiteral("user-") + QString::number(i % 1000)) ? 0 : 1;
    *storeRate = reads * 1e9 / double(t.nsecsElapsed());
    // The legacy read of the same users: the baseline of the migration plan's "ledger reads within 10 % of
    // legacy".
    t.restart();
    for (int i = 0; i < reads; ++i)
        failed += store->legacyBalances(QStringLiteral("user-") + QString::number(i % 1000)) ? 0 : 1;
    *legacyRate = reads * 1e9 / double(t.nsecsElapsed());
    for (const auto &[phase, rate] :
         {std::pair{"ledger_only", ledgerOnly}, std::pair{"ledger_reads", shadowCompare}}) {
        LedgerIntegration facade(*store, config, *LedgerMode::forPhase(QString::fromLatin1(phase)));
        t.restart();
        for (int i = 0; i < reads; ++i)
            failed += facade.getUserBalance(QStringLiteral("user-") + QString::number(i % 1000)) ? 0 : 1;
        *rate = reads * 1e9 / double(t.nsecsElapsed());
    }
    if (failed > 0)
        qFatal("%d reads failed: the rates would not measure reads", failed);
}

// Both phases measured in three rounds, alternating, best of each: whichever phase ran first used to pay for
// the machine settling (a 2-core VM with CPU steal), which showed as shadow mode running faster than
// ledger-only.
struct PhasePair
{
    double ledgerRate = 0;
    double shadowRate = 0;
    qint64 ledgerNs = 0;
    qint64 shadowNs = 0;
    double ledgerCpu = 0;
    double shadowCpu = 0;
};

PhasePair bestOfThree(const Backend &b, qint64 ops, int batch)
{
    PhasePair p;
    for (int round = 0; round < 3; ++round) {
        for (const bool shadow : {round % 2 == 1, round % 2 == 0}) {
            qint64 ns = 0;
            double cpu = 0;
            const double rate = writeRate(b, shadow ? "shadow" : "ledger_only", ops, batch, &ns, &cpu);
            double &best = shadow ? p.shadowRate : p.ledgerRate;
            if (rate > best) {
                best = rate;
                (shadow ? p.shadowNs : p.ledgerNs) = ns;
            }
            double &bestCpu = shadow ? p.shadowCpu : p.ledgerCpu;
            bestCpu = bestCpu == 0 ? cpu : std::min(bestCpu, cpu);
        }
    }
    return p;
}

void runBackend(const Backend &b, qint64 batchedOps, int batch, qint64 singleOps)
{
    out << "== " << b.name << " (" << b.durability << ")\n";
    out.flush();
    // Warm-up (page cache, code paths), not reported.
    writeRate(b, "shadow", 1000, batch);
    const PhasePair batched = bestOfThree(b, batchedOps, batch);
    const PhasePair single = bestOfThree(b, singleOps, 1);
    out << QStringLiteral(
               "  batched (%4 ops/commit), %1 ops, best of 3:  ledger-only %2 ops/s, shadow %3 ops/s\n")
               .arg(batchedOps)
               .arg(batched.ledgerRate, 0, 'f', 0)
               .arg(batched.shadowRate, 0, 'f', 0)
               .arg(batch);
    out << QStringLiteral("    shadow overhead: %1 % (%2 us per operation)\n")
               .arg((batched.ledgerRate / batched.shadowRate - 1.0) * 100.0, 0, 'f', 1)
               .arg(double(batched.shadowNs - batched.ledgerNs) / double(batchedOps) / 1000.0, 0, 'f', 2);
    out << QStringLiteral(
               "    CPU per operation (this process, least of 3): ledger-only %1 us, shadow %2 us (%3 %)\n")
               .arg(batched.ledgerCpu, 0, 'f', 1)
               .arg(batched.shadowCpu, 0, 'f', 1)
               .arg((batched.shadowCpu / batched.ledgerCpu - 1.0) * 100.0, 0, 'f', 1);
    out << QStringLiteral("  one commit per op, %1 ops, best of 3:  ledger-only %2 ops/s, shadow %3 ops/s\n")
               .arg(singleOps)
               .arg(single.ledgerRate, 0, 'f', 0)
               .arg(single.shadowRate, 0, 'f', 0);
    out << QStringLiteral("    shadow overhead: %1 % (%2 us per operation); CPU per operation %3 / %4 us\n")
               .arg((single.ledgerRate / single.shadowRate - 1.0) * 100.0, 0, 'f', 1)
               .arg(double(single.shadowNs - single.ledgerNs) / double(singleOps) / 1000.0, 0, 'f', 2)
               .arg(single.ledgerCpu, 0, 'f', 1)
               .arg(single.shadowCpu, 0, 'f', 1);
    out << QStringLiteral("  batched / one-commit-per-op (shadow): %1 x\n")
               .arg(batched.shadowRate / single.shadowRate, 0, 'f', 1);
    out.flush();
    double storeRate = 0, legacyRate = 0, ledgerOnly = 0, compare = 0;
    readRates(b, &storeRate, &legacyRate, &ledgerOnly, &compare);
    out << QStringLiteral(
               "  balance reads/s: store %1 (legacy read of the same users %4: ledger / legacy time %5), "
               "facade ledger_only %2, facade ledger_reads (both sides + compare) %3\n")
               .arg(storeRate, 0, 'f', 0)
               .arg(ledgerOnly, 0, 'f', 0)
               .arg(compare, 0, 'f', 0)
               .arg(legacyRate, 0, 'f', 0)
               .arg(legacyRate / storeRate, 0, 'f', 2);
    out.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    Cockpit::SqliteStatement::configureProcess(); // before any connection opens
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "cockpit.ledger.warning=false");
    out << "bench_ledger: facade operations (demo mix, 1,000 users) and balance reads\n";

    QTemporaryDir dir;
    int counter = 0;
    Backend sqlite{QStringLiteral("SQLite"),
                   [&] {
                       DatabaseConfig db;
                       db.sqlitePath = dir.filePath(QStringLiteral("bench-%1.sqlite").arg(++counter));
                       return db;
                   },
                   QStringLiteral("WAL, synchronous=FULL")};
    // `bench_ledger --profile <phase> <operations>`: one batched SQLite run of the phase and nothing else,
    // for an instruction count per operation under callgrind (--toggle-collect='*writeRate*').
    const QStringList args = app.arguments();
    if (args.size() == 4 && args.at(1) == QLatin1String("--profile")) {
        const qint64 ops = args.at(3).toLongLong();
        double cpu = 0;
        const double rate = writeRate(sqlite, args.at(2).toLatin1().constData(), ops, 1000, nullptr, &cpu);
        out << QStringLiteral("  %1, %2 ops batched: %3 ops/s, %4 us CPU per operation\n")
                   .arg(args.at(2))
                   .arg(ops)
                   .arg(rate, 0, 'f', 0)
                   .arg(cpu, 0, 'f', 1);
        return 0;
    }
    runBackend(sqlite, 50000, 1000, 1000);

    std::list<std::unique_ptr<CockpitTest::PgTestDatabase>> pgs;
    CockpitTest::PgTestDatabase probe;
    if (!probe.isValid()) {
        out << "== PostgreSQL skipped: " << probe.error() << '\n';
        return 0;
    }
    QString durability;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("probe"));
        db.setHostName(probe.config().host);
        db.setPort(probe.config().port);
        db.setDatabaseName(probe.name());
        db.setUserName(probe.config().user);
        db.setPassword(qEnvironmentVariable("COCKPIT_TEST_PG_PASSWORD"));
        if (db.open()) {
            QSqlQuery q(db);
            for (const char *setting : {"fsync", "synchronous_commit"}) {
                if (q.exec(QLatin1String("SHOW ") + QLatin1String(setting)) && q.next())
                    durability +=
                        QLatin1String(setting) + QLatin1Char('=') + q.value(0).toString() + QLatin1Char(' ');
            }
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    Backend pg{QStringLiteral("PostgreSQL"),
               [&] {
                   pgs.push_back(std::make_unique<CockpitTest::PgTestDatabase>());
                   return pgs.back()->config();
               },
               durability.trimmed()};
    // Each operation of a batch uses savepoints; PostgreSQL slows down sharply past 64 subtransactions in one
    // transaction, so its batches stay below that.
    runBackend(pg, 3000, 30, 500);
    return 0;
}
