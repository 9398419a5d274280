// SPDX-License-Identifier: MIT
// Throughput of the control database: hash-chained audit appends against plain inserts (the baseline, run in
// the same process on the same database), verification, and full transitions. Prints figures; never fails on
// time.
#include "control/audit_log.h"
#include "control/postgres_control_store.h"
#include "control/sqlite_control_store.h"
#include "control/transition_service.h"
#include "pg_test_database.h"
#include "process_cpu.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <functional>

using namespace Cockpit;

namespace {

constexpr int kEntries = 1000;
constexpr int kTransitions = 200;

// CPU seconds of a process, 0 for this one (another's in clock ticks: measured over many polls).
double processCpu(qint64 pid)
{
    return pid ? CockpitTest::readProcStat(QString::number(pid)).cpuSeconds : CockpitTest::ownCpuSeconds();
}

double perSecond(int n, qint64 ms)
{
    return ms > 0 ? n * 1000.0 / double(ms) : 0;
}

// Plain single-row inserts, one transaction each, into a table shaped like the audit log.
qint64 baseline(const QString &connection, const QString &begin)
{
    QSqlDatabase db = QSqlDatabase::database(connection, false);
    QSqlQuery q(db);
    q.exec(QStringLiteral(
        "CREATE TABLE bench_plain (seq BIGINT, a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT)"));
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < kEntries; ++i) {
        q.exec(begin);
        q.prepare(QStringLiteral("INSERT INTO bench_plain VALUES (?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(i);
        for (int k = 0; k < 6; ++k)
            q.addBindValue(QStringLiteral("value %1 with some text of a realistic length").arg(i));
        q.exec();
        q.exec(QStringLiteral("COMMIT"));
    }
    return t.elapsed();
}

void run(QTextStream &out, const QString &name, ControlStore &store, const EnvironmentConfig &config)
{
    const Result<void> opened = store.open();
    if (!opened) {
        out << name << ": skipped (" << errorMessage(opened) << ")\n";
        return;
    }
    // The store's connection is the only one open in this process at this point: reuse it for the baseline.
    const QString connection = QSqlDatabase::connectionNames().constLast();
    const bool sqlite = name == QLatin1String("sqlite");
    const qint64 plainMs =
        baseline(connection, sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));

    QElapsedTimer t;
    t.start();
    for (int i = 0; i < kEntries; ++i) {
        AuditEntry e;
        e.osUser = QStringLiteral("bench");
        e.host = QStringLiteral("bench-host");
        e.environment = QStringLiteral("bench");
        e.migration = QStringLiteral("ledger");
        e.action = QStringLiteral("reconciliation_run");
        e.reason = QStringLiteral("value %1 with some text of a realistic length").arg(i);
        e.result = QStringLiteral("ok");
        // A timing of failed appends would measure nothing: the run stops at the first.
        if (const Result<void> appended = store.audit().append(e); !appended) {
            out << name << ": audit append failed: " << appended.error().message << '\n';
            return;
        }
    }
    const qint64 appendMs = t.elapsed();
    t.restart();
    const AuditLog::Verification v = store.audit().verify();
    const qint64 verifyMs = t.elapsed();

    OperatorIdentity who{QStringLiteral("bench"), QString(), QStringLiteral("bench-host")};
    GateRegistry gates;
    TransitionService service(config, who, false, store, gates);
    if (const Result<void> serviceOpened = service.open(); !serviceOpened) {
        out << name << ": " << serviceOpened.error().message << '\n';
        return;
    }
    t.restart();
    for (int i = 0; i < kTransitions; ++i) {
        const auto direction =
            i % 2 ? TransitionService::Direction::Rollback : TransitionService::Direction::Advance;
        service.execute(service.plan({QStringLiteral("state"), direction, {}, {}}),
                        {QStringLiteral("bench"), false, QString(), false});
    }
    const qint64 transitionMs = t.elapsed();

    // What following the store costs a window when nothing changes: its change stamp, once a second,
    // against a bare round trip (SELECT 1) on the same connection. On PostgreSQL the server's side is the
    // backend process' own CPU time.
    QSqlQuery ping(QSqlDatabase::database(connection, false));
    const qint64 backend = sqlite || !ping.exec(QStringLiteral("SELECT pg_backend_pid()")) || !ping.next()
                               ? 0
                               : ping.value(0).toLongLong();
    constexpr int kPolls = 2000;
    const auto measure = [&](const std::function<void()> &poll) {
        const double self = processCpu(0);
        const double server = backend ? processCpu(backend) : 0;
        for (int i = 0; i < kPolls; ++i)
            poll();
        return std::pair{(processCpu(0) - self) / kPolls * 1000,
                         backend ? (processCpu(backend) - server) / kPolls * 1000 : 0.0};
    };
    const auto [pingSelf, pingServer] = measure([&ping] { ping.exec(QStringLiteral("SELECT 1")); });
    int stampFailures = 0;
    const auto [stampSelf, stampServer] = measure([&] { stampFailures += store.changeStamp() ? 0 : 1; });

    out << name << ":\n"
        << "  plain insert (baseline)   " << QString::number(perSecond(kEntries, plainMs), 'f', 0)
        << " rows/s\n"
        << "  chained audit append      " << QString::number(perSecond(kEntries, appendMs), 'f', 0)
        << " entries/s  (" << QString::number(double(appendMs) / double(std::max<qint64>(plainMs, 1)), 'f', 2)
        << "x the baseline's time)\n"
        << "  verify                    " << QString::number(perSecond(int(v.entries), verifyMs), 'f', 0)
        << " entries/s over " << v.entries << " entries (" << (v.ok ? "intact" : "BROKEN") << ")\n"
        << "  transition (plan+execute) " << QString::number(perSecond(kTransitions, transitionMs), 'f', 1)
        << " transitions/s (gate, intent, completion, audit)\n"
        << "  bare round trip (baseline) " << QString::number(pingSelf * 1000, 'f', 1) << " us CPU here + "
        << QString::number(pingServer * 1000, 'f', 1) << " us server per poll\n"
        << "  change stamp               " << QString::number(stampSelf * 1000, 'f', 1) << " us CPU here + "
        << QString::number(stampServer * 1000, 'f', 1) << " us server per poll ("
        << QString::number((stampSelf + stampServer) / std::max(pingSelf + pingServer, 1e-9), 'f', 2)
        << "x the baseline); following at 1 poll/s costs "
        << QString::number((stampSelf + stampServer) * 60 / 60000 * 100, 'f', 4) << " % of one core\n";
    if (stampFailures > 0)
        out << "  change stamp reads that failed: " << stampFailures << " of " << kPolls << '\n';
    out.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTemporaryDir dir;
    {
        EnvironmentConfig config;
        config.name = QStringLiteral("bench");
        config.control.database.sqlitePath = dir.filePath(QStringLiteral("control.sqlite"));
        SqliteControlStore store(config.control.database.sqlitePath);
        run(out, QStringLiteral("sqlite"), store, config);
    }
    {
        CockpitTest::PgTestDatabase pg;
        if (!pg.isValid()) {
            out << "postgresql: skipped (" << pg.error() << ")\n";
            return 0;
        }
        EnvironmentConfig config;
        config.name = QStringLiteral("bench");
        config.control.database = pg.config();
        PostgresControlStore store(pg.config(), QStringLiteral("cockpit_control"));
        if (const Result<void> setUp = store.setupSchema(); !setUp) {
            out << "postgresql: " << setUp.error().message << '\n';
            return 1;
        }
        run(out, QStringLiteral("postgresql"), store, config);
    }
    return 0;
}
