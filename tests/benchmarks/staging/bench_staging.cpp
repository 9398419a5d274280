// SPDX-License-Identifier: MIT
// The cockpit as a guest on a service's database and Prometheus, measured on the staging world
// (tests/staging/), each figure beside a baseline run by the same process:
//   reconcile  a full reconciliation of N users x 3 (default 1,000,000, COCKPIT_BENCH_USERS) with the
//              SELECT-only role, vs the bare comparison query on the same role and database;
//   live       live mode on that database: time from a service write to its discrepancy reaching the
//              cockpit, and the database CPU its polling costs while nothing changes, vs the same time
//              without live mode;
//   telemetry  every ledger gate and alert against a Prometheus holding 7 days of the migration plan's
//   metrics at
//              15 s resolution, vs the same PromQL sent bare.
// Arguments choose parts (default all). Prints figures and ratios; never fails on time.
#include "config/environment_config.h"
#include "db/postgres_connection.h"
#include "ledger/money.h"
#include "pg_test_database.h"
#include "process_cpu.h"
#include "reconcile/live_reconciler.h"
#include "reconcile/reconcile_sql.h"
#include "reconcile/reconciler.h"
#include "staging_world.h"
#include "wiring/ledger_telemetry.h"
#include "wiring/service_ledger_gates.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Cockpit;
using CockpitTest::StagingWorld;

namespace {

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

int envInt(const char *name, int fallback)
{
    const int n = QProcessEnvironment::systemEnvironment().value(QString::fromLatin1(name)).toInt();
    return n > 0 ? n : fallback;
}

double ms(const std::function<void()> &f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

// Best of `rounds` runs: the machines are noisy, the best run is the least disturbed one.
double best(int rounds, const std::function<void()> &f)
{
    double b = 0;
    for (int i = 0; i < rounds; ++i) {
        const double t = ms(f);
        b = i == 0 ? t : std::min(b, t);
    }
    return b;
}

QString fixed(double v, int decimals = 1)
{
    return QString::number(v, 'f', decimals);
}

bool check(const QString &step, const QString &error)
{
    if (error.isEmpty())
        return true;
    say(QStringLiteral("FAILED: %1: %2").arg(step, error));
    return false;
}

// The service's tables filled as the service would have them after a long shadow mode: every user with
// three accounts (but 1 % without any), a legacy row equal to the ledger except for 0.2 % of users off by
// 1.5, 0.14 % off by far less than the tolerance (8 decimals), and 0.2 % of users with no legacy row at all.
QString populate(StagingWorld &world, int users)
{
    const QString sql =
        QStringLiteral(
            "SET ROLE staging_service;"
            "INSERT INTO users (id, email) SELECT md5('bench' || i)::uuid, 'user' || i || '@bench.example'"
            " FROM generate_series(1, %1) i;"
            "INSERT INTO ledger_accounts (user_id, account_type, balance)"
            " SELECT u.id, t.type, (abs(hashtext(u.id::text || t.type)) % 10000000000)::numeric / 1000000"
            " FROM users u CROSS JOIN (VALUES ('usdc_balance'), ('fiat_exposure'), ('pending_investment')) t(type)"
            " WHERE abs(hashtext(u.id::text)) % 100 <> 3;"
            "INSERT INTO balances (user_id, buying_power, pending_deposits, pending_investments, total_portfolio)"
            " SELECT u.id,"
            "  coalesce(f.balance, 0) + CASE WHEN h % 500 = 0 THEN 1.5 ELSE 0 END,"
            "  coalesce(d.balance, 0) + CASE WHEN h % 700 = 1 THEN 0.00000003 ELSE 0 END,"
            "  coalesce(p.balance, 0), 0"
            " FROM (SELECT id, abs(hashtext(id::text)) AS h FROM users) u"
            " LEFT JOIN ledger_accounts f ON f.user_id = u.id AND f.account_type = 'fiat_exposure'"
            " LEFT JOIN ledger_accounts d ON d.user_id = u.id AND d.account_type = 'usdc_balance'"
            " LEFT JOIN ledger_accounts p ON p.user_id = u.id AND p.account_type = 'pending_investment'"
            " WHERE h % 500 <> 7;"
            "RESET ROLE;")
            .arg(users);
    const QString error = world.adminSql(sql);
    // Outside the transaction psql runs the statements above in; the visibility map set, as on a database
    // that has been live for a while.
    return error.isEmpty() ? world.adminSql(QStringLiteral("VACUUM ANALYZE")) : error;
}

// The (user, account type) pairs that differ by more than 0.01, a missing row counting as zero: the migration
// plan's semantics, written independently of the cockpit's query.
qint64 expectedDiscrepancies(StagingWorld &world, QString *error)
{
    QString out;
    *error = world.adminSql(
        QStringLiteral(
            "WITH g AS (SELECT user_id, 'usdc_balance' AS account_type, pending_deposits AS v FROM balances"
            " UNION ALL SELECT user_id, 'fiat_exposure', buying_power FROM balances"
            " UNION ALL SELECT user_id, 'pending_investment', pending_investments FROM balances)"
            " SELECT count(*) FROM (SELECT * FROM ledger_accounts WHERE user_id IS NOT NULL) l"
            " FULL JOIN g USING (user_id, account_type)"
            " WHERE abs(coalesce(l.balance, 0) - coalesce(g.v, 0)) > 0.01"),
        &out);
    return out.trimmed().toLongLong();
}

std::optional<EnvironmentConfig> load(const QString &path)
{
    const ConfigLoader::Result loaded = ConfigLoader::load(path);
    if (!loaded.ok()) {
        say(QStringLiteral("FAILED: %1: %2").arg(path, loaded.errors.join(QLatin1Char('\n'))));
        return std::nullopt;
    }
    return *loaded.config;
}

// ---- reconcile ----------------------------------------------------------------------------------------

void benchReconcile(StagingWorld &world, const EnvironmentConfig &config, int users)
{
    QString e;
    const qint64 expected = expectedDiscrepancies(world, &e);
    if (!check(QStringLiteral("expected discrepancies"), e))
        return;
    const int rounds = envInt("COCKPIT_BENCH_ROUNDS", 3);

    // The baseline: the comparison query alone, as the read-only role, rows read and dropped.
    ReconcileSql::Names names;
    names.service = config.ledger.service;
    names.userIdType = QStringLiteral("uuid");
    names.observed = true;
    const Money tolerance = *Money::parse(config.ledger.tolerance);
    const ReconcileSql::Statement st = ReconcileSql::discrepancyQuery(
        ReconcileSql::Dialect::Postgres, config.ledger.mapping, tolerance, std::nullopt, {}, names);
    qint64 bareRows = 0;
    double bare = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("bare"));
        PostgresConnection::configure(db, config.ledger.database);
        if (!db.open()) {
            say(QStringLiteral("FAILED: bare connection: ") + db.lastError().text());
            return;
        }
        bare = best(rounds, [&] {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            if (!st.exec(q)) {
                say(QStringLiteral("FAILED: bare query: ") + q.lastError().text());
                return;
            }
            bareRows = 0;
            while (q.next()) {
                for (int c = 0; c < q.record().count(); ++c)
                    (void)q.value(c).toString();
                ++bareRows;
            }
        });
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bare"));

    Reconciler reconciler(ReconcileStorage::of(config.ledger, config.filePath), config.ledger.mapping);
    if (!check(QStringLiteral("open the reconciler"), errorMessage(reconciler.open())))
        return;
    Reconciler::Options options;
    options.tolerance = tolerance;
    options.checkInvariants = false; // the baseline compares balances only
    RunSummary summary;
    const double full =
        best(rounds, [&] { summary = reconciler.run(options, [](const DiscrepancyRecord &) {}); });
    Reconciler::Options single = options;
    single.parts = 1;
    const double onePart = best(rounds, [&] { reconciler.run(single, [](const DiscrepancyRecord &) {}); });

    say(QStringLiteral("reconcile: %1 users x 3 as the SELECT-only role, %2 differing pairs expected")
            .arg(users)
            .arg(expected));
    say(QStringLiteral("  bare comparison query   %1 ms (%2 users with a discrepancy)")
            .arg(fixed(bare))
            .arg(bareRows));
    say(QStringLiteral("  full run (automatic)    %1 ms, %2 pairs, recorded: %3, ratio %4x")
            .arg(fixed(full))
            .arg(summary.discrepancies)
            .arg(reconciler.canRecord() ? QStringLiteral("yes") : QStringLiteral("no (read-only)"))
            .arg(fixed(full / bare, 2)));
    say(QStringLiteral("  full run in one part    %1 ms, ratio %2x")
            .arg(fixed(onePart))
            .arg(fixed(onePart / bare, 2)));
    say(summary.discrepancies == expected && summary.isComplete()
            ? QStringLiteral("  result equals the independent count")
            : QStringLiteral("FAILED: the run found %1 pairs (%2), expected %3")
                  .arg(summary.discrepancies)
                  .arg(summary.error)
                  .arg(expected));
}

// ---- live ---------------------------------------------------------------------------------------------

// CPU seconds (user + system) of every postgres process on this machine.
double postgresCpuSeconds()
{
    double total = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        if (!pid.front().isDigit())
            continue;
        const CockpitTest::ProcStat stat = CockpitTest::readProcStat(pid);
        if (stat.ok && stat.name.startsWith("postgres"))
            total += stat.cpuSeconds;
    }
    return total;
}

double ownCpuSeconds()
{
    return CockpitTest::ownCpuSeconds();
}

void wait(int msecs)
{
    QEventLoop loop;
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
}

void benchLive(StagingWorld &world, const EnvironmentConfig &config)
{
    const int idleSeconds = envInt("COCKPIT_BENCH_IDLE_SECONDS", 30);
    const int writes = envInt("COCKPIT_BENCH_WRITES", 40);
    QString out;
    if (!check(QStringLiteral("pick users"),
               world.adminSql(QStringLiteral("SELECT user_id FROM ledger_accounts WHERE account_type ="
                                             " 'usdc_balance' ORDER BY user_id LIMIT %1 OFFSET 1000")
                                  .arg(writes),
                              &out)))
        return;
    const QStringList users = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);

    // Nothing changes and no cockpit polls: the database's own background cost.
    double cpu0 = postgresCpuSeconds();
    wait(idleSeconds * 1000);
    const double baseline = postgresCpuSeconds() - cpu0;

    QThread thread;
    auto *live = new LiveReconciler(config.ledger, *Money::parse(config.ledger.tolerance));
    live->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, live, &QObject::deleteLater);
    bool up = false;
    QString down;
    QHash<QString, QElapsedTimer> waiting;
    QList<double> latencies;
    QObject::connect(live, &LiveReconciler::backendChanged, qApp,
                     [&](bool reachable, const QString &message) {
                         up = reachable;
                         down = message;
                     });
    QObject::connect(live, &LiveReconciler::discrepanciesFound, qApp,
                     [&](const QList<DiscrepancyRecord> &rows) {
                         for (const DiscrepancyRecord &r : rows) {
                             const auto it = waiting.find(r.userId);
                             if (it != waiting.end()) {
                                 latencies.append(double(it->nsecsElapsed()) / 1e6);
                                 waiting.erase(it);
                             }
                         }
                     });
    thread.start();
    QMetaObject::invokeMethod(live, "start", Qt::QueuedConnection, Q_ARG(bool, false));
    for (int i = 0; i < 100 && !up; ++i)
        wait(100);
    if (!up) {
        say(QStringLiteral("FAILED: live mode did not connect: ") + down);
        thread.quit();
        thread.wait();
        return;
    }
    wait(3 * config.ledger.liveIntervalMs); // its first marks

    // Polling while nothing changes.
    cpu0 = postgresCpuSeconds();
    const double own0 = ownCpuSeconds();
    wait(idleSeconds * 1000);
    const double polling = postgresCpuSeconds() - cpu0;
    const double own = ownCpuSeconds() - own0;

    // Service writes, one at a time, each a ledger posting whose legacy write is lost.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("service"));
    DatabaseConfig service = config.ledger.database;
    service.user = QStringLiteral("staging_service");
    qputenv("COCKPIT_BENCH_SERVICE_PASSWORD", "staging_service");
    service.passwordEnv = QStringLiteral("COCKPIT_BENCH_SERVICE_PASSWORD");
    PostgresConnection::configure(db, service);
    if (!db.open()) {
        say(QStringLiteral("FAILED: service connection: ") + db.lastError().text());
    } else {
        for (int i = 0; i < users.size(); ++i) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral(
                "WITH t AS (INSERT INTO ledger_transactions (user_id, transaction_type, idempotency_key)"
                " VALUES (CAST(? AS uuid), 'bench_credit', ?) RETURNING id),"
                " a AS (UPDATE ledger_accounts SET balance = balance + 1, updated_at = now()"
                " WHERE user_id = CAST(? AS uuid) AND account_type = 'usdc_balance' RETURNING id)"
                " INSERT INTO ledger_entries (transaction_id, account_id, entry_type, amount)"
                " SELECT t.id, a.id, 'credit', 1 FROM t, a"));
            q.addBindValue(users.at(i));
            q.addBindValue(
                QStringLiteral("bench-live-%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(i));
            q.addBindValue(users.at(i));
            if (!q.exec()) {
                say(QStringLiteral("FAILED: service write: ") + q.lastError().text());
                break;
            }
            waiting[users.at(i)].start(); // committed: the statement ran in autocommit
            // Writes at varying phases of the polling interval.
            wait(config.ledger.liveIntervalMs / 2 + (i * 137) % config.ledger.liveIntervalMs);
        }
        for (int i = 0; i < 50 && !waiting.isEmpty(); ++i)
            wait(100);
    }
    for (auto it = waiting.cbegin(); it != waiting.cend(); ++it)
        say(QStringLiteral("  not seen: %1").arg(it.key()));
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("service"));
    QMetaObject::invokeMethod(live, "stop", Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();

    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double p) {
        return latencies.isEmpty()
                   ? 0.0
                   : latencies.at(std::min<qsizetype>(latencies.size() - 1, qsizetype(p * latencies.size())));
    };
    say(QStringLiteral("live: polling every %1 ms, %2 service writes")
            .arg(config.ledger.liveIntervalMs)
            .arg(users.size()));
    say(QStringLiteral("  write -> discrepancy    p50 %1 ms, p95 %2 ms, max %3 ms, %4 not seen within 5 s")
            .arg(fixed(pct(0.5)))
            .arg(fixed(pct(0.95)))
            .arg(fixed(latencies.isEmpty() ? 0 : latencies.last()))
            .arg(waiting.size()));
    say(QStringLiteral(
            "  database CPU, %1 s idle  without live mode %2 s, with %3 s: polling costs %4 % of one core")
            .arg(idleSeconds)
            .arg(fixed(baseline, 3))
            .arg(fixed(polling, 3))
            .arg(fixed(100.0 * std::max(0.0, polling - baseline) / idleSeconds, 2)));
    say(QStringLiteral("  cockpit CPU while polling %1 s: %2 % of one core")
            .arg(fixed(own, 3))
            .arg(fixed(100.0 * own / idleSeconds, 2)));
}

// ---- telemetry ----------------------------------------------------------------------------------------

QString insertRuns(StagingWorld &world, int days)
{
    // One complete full run a day, as a daily reconciliation job leaves them, none finding anything.
    return world.adminSql(
        QStringLiteral(
            "SET ROLE staging_cockpit;"
            " INSERT INTO cockpit.reconcile_runs (kind, status, started_ms, finished_ms, tolerance, accounts)"
            " SELECT '%1', '%2', t - 60000, t, '0.01', 3000000 FROM ("
            "  SELECT (extract(epoch FROM now()) * 1000)::bigint - d * 86400000 - 3600000 AS t"
            "  FROM generate_series(0, %3) d) runs")
            .arg(runKindName(RunKind::Full), runStatusName(RunStatus::Complete))
            .arg(days));
}

void benchTelemetry(const EnvironmentConfig &config)
{
    const int rounds = envInt("COCKPIT_BENCH_ROUNDS", 3) * 3;
    qint64 now = 0;
    QList<LedgerAlert> alerts;
    QList<GateResult> gates;
    QStringList promql;
    const auto evaluate = [&] {
        now = QDateTime::currentMSecsSinceEpoch();
        const auto readings = LedgerTelemetry::read(config, now);
        if (readings) {
            alerts = LedgerTelemetry::alerts(config.ledger, *readings);
            promql = {readings->discrepancies.promql, readings->writeSuccessRate.promql,
                      readings->queryP95Ledger.promql, readings->queryP95Legacy.promql};
        }
        gates = {ServiceLedgerGates::cleanWindow(config, config.ledger.shadowCleanWindowSeconds, now),
                 ServiceLedgerGates::cleanWindow(config, 72 * 3600, now),
                 ServiceLedgerGates::strictClean(config, config.ledger.strictCleanWindowSeconds, now),
                 ServiceLedgerGates::performance(config, now)};
    };
    evaluate(); // warm: Prometheus loads the blocks' indexes on the first queries
    const double all = best(rounds, evaluate);

    // The same instant queries, each sent bare once, one after the other.
    const QStringList windows = {QStringLiteral("%1s").arg(config.ledger.shadowCleanWindowSeconds),
                                 QStringLiteral("259200s"),
                                 QStringLiteral("%1s").arg(config.ledger.strictCleanWindowSeconds)};
    QStringList sent = promql;
    for (const QString &w : windows) {
        sent.append(config.metrics.queries.value(QStringLiteral("ledger/discrepancies"))
                        .replace(QStringLiteral("{window}"), w));
    }
    sent.append(config.metrics.queries.value(QStringLiteral("ledger/write_success_rate_min"))
                    .replace(QStringLiteral("{window}"), windows.last()));
    QNetworkAccessManager net;
    const double bare = best(rounds, [&] {
        for (const QString &q : std::as_const(sent)) {
            const QUrl url(config.metrics.prometheusUrl.toString() + QStringLiteral("/api/v1/query?query=")
                           + QString::fromLatin1(QUrl::toPercentEncoding(q)) + QStringLiteral("&time=")
                           + QString::number(double(now) / 1000.0, 'f', 3));
            QNetworkReply *reply = net.get(QNetworkRequest(url));
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            reply->deleteLater();
        }
    });
    say(QStringLiteral("telemetry: 7 days of the migration plan's metrics at 15 s in a local Prometheus"));
    say(QStringLiteral("  %1 bare instant queries  %2 ms").arg(sent.size()).arg(fixed(bare)));
    say(QStringLiteral("  3 alerts + 4 gates       %1 ms, ratio %2x (target: 300 ms in all)")
            .arg(fixed(all))
            .arg(fixed(all / bare, 2)));
    for (const LedgerAlert &a : std::as_const(alerts))
        say(QStringLiteral("    alert %1: %2").arg(a.name, a.detail.english()));
    for (const GateResult &g : std::as_const(gates))
        say(QStringLiteral("    gate: %1").arg(g.evidence.english()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList parts = app.arguments().mid(1);
    if (parts.isEmpty())
        parts = {QStringLiteral("reconcile"), QStringLiteral("live"), QStringLiteral("telemetry")};
    StagingWorld world;
    if (!world.isValid()) {
        say(QStringLiteral("staging world unavailable, benchmark skipped: ") + world.error());
        return CockpitTest::PgTestDatabase::required() ? 1 : 0;
    }
    const int users = envInt("COCKPIT_BENCH_USERS", 1000000);
    const bool needsData =
        parts.contains(QStringLiteral("reconcile")) || parts.contains(QStringLiteral("live"));
    if (needsData) {
        const double t = ms([&] {
            if (!check(QStringLiteral("populate"), populate(world, users)))
                std::exit(1);
        });
        say(QStringLiteral("populated %1 users x 3 in %2 s").arg(users).arg(fixed(t / 1000.0)));
    }
    QString tsdb;
    if (parts.contains(QStringLiteral("telemetry"))) {
        QString e;
        const double t = ms([&] { tsdb = world.backfillMetrics(7, 15, &e); });
        if (!check(QStringLiteral("backfill"), e) || !check(QStringLiteral("prometheus"), [&] {
                QString error;
                world.startPrometheus(0, &error, tsdb);
                return error;
            }()))
            return 1;
        say(QStringLiteral("backfilled 7 days of metrics in %1 s").arg(fixed(t / 1000.0)));
    }
    const QJsonObject marks{
        {QStringLiteral("service"),
         QJsonObject{{QStringLiteral("entries"),
                      QJsonObject{{QStringLiteral("changeMark"), QStringLiteral("created_at")}}},
                     {QStringLiteral("legacy"),
                      QJsonObject{{QStringLiteral("changeMark"), QStringLiteral("updated_at")}}}}}};
    const QString owner = world.writeConfig(QStringLiteral("staging_cockpit"), marks);
    const QString readOnly = world.writeConfig(QStringLiteral("staging_cockpit_ro"), marks, true,
                                               QStringLiteral("staging-ro.json"));
    const StagingWorld::Cli setup =
        StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), owner});
    if (!check(QStringLiteral("cockpitctl setup"), setup.exitCode == 0 ? QString() : setup.err)
        || !check(QStringLiteral("grant"), world.grantCockpitRead(QStringLiteral("staging_cockpit_ro"))))
        return 1;
    const auto ownerConfig = load(owner);
    const auto readOnlyConfig = load(readOnly);
    if (!ownerConfig || !readOnlyConfig)
        return 1;
    if (parts.contains(QStringLiteral("reconcile")))
        benchReconcile(world, *readOnlyConfig, users);
    if (parts.contains(QStringLiteral("live")))
        benchLive(world, *ownerConfig);
    if (parts.contains(QStringLiteral("telemetry"))) {
        if (!check(QStringLiteral("runs"), insertRuns(world, 8)))
            return 1;
        benchTelemetry(*ownerConfig);
    }
    return 0;
}
