// SPDX-License-Identifier: MIT
// The ledger service judged by its own telemetry: a real Prometheus scraping the service writer's exporter
// (the migration plan's metric names), the migration plan's alert rule loaded into it, and the cockpit's
// gates resting on it and on the cockpit's own reconciliation runs.
#include "cockpitctl/exit_code.h"
#include "ledger/ledger_monitor.h"
#include "pg_test_database.h"
#include "staging_world.h"
#include "wiring/ledger_telemetry.h"
#include "wiring/service_ledger_gates.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

namespace {

QJsonObject parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// Sets keys of the config file's "metrics" object; false when the file cannot be rewritten.
bool setMetrics(const QString &config, const QJsonObject &keys)
{
    QFile file(config);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QJsonObject metrics = root.value(QStringLiteral("metrics")).toObject();
    for (auto it = keys.begin(); it != keys.end(); ++it)
        metrics.insert(it.key(), it.value());
    root.insert(QStringLiteral("metrics"), metrics);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(QJsonDocument(root).toJson()) > 0;
}

} // namespace

class TstStagingTelemetry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The service judged by its own telemetry: the migration plan's alert rules as PromQL against a real
    // Prometheus scraping the service's exporter, agreeing with Prometheus' own alerting, firing or not.
    void ledgerAlertsFollowTheServicesPrometheus_data()
    {
        QTest::addColumn<QString>("dropLegacy");
        QTest::addColumn<bool>("firing");
        QTest::newRow("lost legacy writes") << QStringLiteral("0.2") << true;
        QTest::newRow("in sync") << QStringLiteral("0") << false;
    }
    void ledgerAlertsFollowTheServicesPrometheus()
    {
        QFETCH(QString, dropLegacy);
        QFETCH(bool, firing);
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        const QUrl prometheus = world.startServiceWithPrometheus(
            {QStringLiteral("--users"), QStringLiteral("100"), QStringLiteral("--ops"), QStringLiteral("0"),
             QStringLiteral("--rate"), QStringLiteral("100"), QStringLiteral("--drop-legacy"), dropLegacy,
             QStringLiteral("--no-legacy-row"), QStringLiteral("0")},
            &e);
        QVERIFY2(prometheus.isValid(), qPrintable(e));
        const QString config = world.writeConfig(QStringLiteral("staging_cockpit_ro"));
        const QStringList alerts = {QStringLiteral("ledger"),   QStringLiteral("alerts"),
                                    QStringLiteral("--config"), config,
                                    QStringLiteral("--format"), QStringLiteral("json")};
        const auto highDiscrepancy = [&] {
            const StagingWorld::Cli r = StagingWorld::cockpitctl(alerts);
            for (const QJsonValue &a : parse(r.out).value(QStringLiteral("alerts")).toArray()) {
                if (a.toObject().value(QStringLiteral("name")).toString()
                    == QLatin1String("HighDiscrepancyRate"))
                    return a.toObject();
            }
            return QJsonObject();
        };
        if (firing) {
            // Prometheus fires first (its rule is evaluated every second); the cockpit then says the same.
            QTRY_VERIFY_WITH_TIMEOUT(world.prometheusAlertFiring(QStringLiteral("HighDiscrepancyRate"), &e),
                                     30000);
            const QJsonObject high = highDiscrepancy();
            QVERIFY2(high.value(QStringLiteral("firing")).toBool(), QJsonDocument(high).toJson().constData());
            QVERIFY(high.value(QStringLiteral("detail"))
                        .toString()
                        .contains(QLatin1String("increase(ledger_shadow_discrepancy_count[300s])")));
            QCOMPARE(StagingWorld::cockpitctl(alerts).exitCode, int(ExitFindings));
        } else {
            QTest::qWait(4000); // several scrapes and rule evaluations of a service in sync
            QVERIFY(!world.prometheusAlertFiring(QStringLiteral("HighDiscrepancyRate"), &e));
            const QJsonObject high = highDiscrepancy();
            QVERIFY2(!high.value(QStringLiteral("firing")).toBool()
                         && !high.value(QStringLiteral("inconclusive")).toBool(),
                     QJsonDocument(high).toJson().constData());
        }
        world.stopWriter(&e);
    }

    // The guard's ledger lane (ledger.autoRollbackFromStrict): strict mode while HighDiscrepancyRate fires in
    // the service's own Prometheus is disabled once, audited with the figure it rests on; off by default.
    void guardDisablesStrictModeOnHighDiscrepancyRate()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        QVERIFY2(world
                     .startServiceWithPrometheus({QStringLiteral("--users"), QStringLiteral("100"),
                                                  QStringLiteral("--ops"), QStringLiteral("0"),
                                                  QStringLiteral("--rate"), QStringLiteral("100"),
                                                  QStringLiteral("--drop-legacy"), QStringLiteral("0.2")},
                                                 &e)
                     .isValid(),
                 qPrintable(e));
        QTRY_VERIFY_WITH_TIMEOUT(world.prometheusAlertFiring(QStringLiteral("HighDiscrepancyRate"), &e),
                                 30000);
        const QString guarded = world.writeConfig(QStringLiteral("staging_cockpit"),
                                                  {{QStringLiteral("autoRollbackFromStrict"), true}}, false,
                                                  QStringLiteral("guarded.json"));
        const QString plain =
            world.writeConfig(QStringLiteral("staging_cockpit"), {}, false, QStringLiteral("plain.json"));
        const auto run = [](const QString &config, QStringList args) {
            return StagingWorld::cockpitctl(args << QStringLiteral("--config") << config);
        };
        const auto phase = [&run](const QString &config) {
            for (const QJsonValue &m : parse(run(config, {QStringLiteral("status"),
                                                          QStringLiteral("--format"), QStringLiteral("json")})
                                                 .out)
                                           .value(QStringLiteral("migrations"))
                                           .toArray()) {
                if (m.toObject().value(QStringLiteral("id")).toString() == QLatin1String("ledger"))
                    return m.toObject().value(QStringLiteral("phase")).toString();
            }
            return QString();
        };
        // Into strict mode (the gates overridden: this test is about what happens there).
        for (int i = 0; i < 3; ++i) {
            const StagingWorld::Cli r =
                run(plain, {QStringLiteral("migrate"), QStringLiteral("ledger"), QStringLiteral("advance"),
                            QStringLiteral("--yes"), QStringLiteral("--override"), QStringLiteral("--reason"),
                            QStringLiteral("test")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        QCOMPARE(phase(plain), QStringLiteral("strict"));

        // Not configured: the guard leaves strict mode alone.
        StagingWorld::Cli r = run(plain, {QStringLiteral("guard"), QStringLiteral("--once")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(phase(plain), QStringLiteral("strict"));

        // Configured: strict mode is disabled, once, audited with the service's figure and the migration
        // plan's action.
        r = run(guarded, {QStringLiteral("guard"), QStringLiteral("--once")});
        QVERIFY2(r.exitCode == 0
                     && r.err.contains(QLatin1String("rolled-back ledger: rolled back to ledger_reads")),
                 qPrintable(r.err));
        QCOMPARE(phase(guarded), QStringLiteral("ledger_reads"));
        const QJsonArray rollbacks =
            parse(
                run(guarded, {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                              QStringLiteral("json"), QStringLiteral("--action"), QStringLiteral("rollback")})
                    .out)
                .value(QStringLiteral("entries"))
                .toArray();
        QCOMPARE(rollbacks.size(), 1);
        const QString reason = rollbacks.first().toObject().value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.contains(QLatin1String("HighDiscrepancyRate firing in strict mode"))
                     && reason.contains(QLatin1String("increase(ledger_shadow_discrepancy_count"))
                     && reason.contains(QLatin1String("Disable strict mode if it is on, investigate")),
                 qPrintable(reason));
        r = run(guarded, {QStringLiteral("guard"), QStringLiteral("--once")});
        QVERIFY2(!r.err.contains(QLatin1String("rolled-back")), qPrintable(r.err));
        world.stopWriter(&e);
    }

    // The Ledger page's charts on an observed ledger: range queries of the service's own series, on clock
    // time, agreeing with the alert that fires.
    void chartsComeFromTheServicesPrometheus()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        const QUrl prometheus = world.startServiceWithPrometheus(
            {QStringLiteral("--users"), QStringLiteral("100"), QStringLiteral("--ops"), QStringLiteral("0"),
             QStringLiteral("--rate"), QStringLiteral("100"), QStringLiteral("--drop-legacy"),
             QStringLiteral("0.2")},
            &e);
        QVERIFY2(prometheus.isValid(), qPrintable(e));
        QTRY_VERIFY_WITH_TIMEOUT(world.prometheusAlertFiring(QStringLiteral("HighDiscrepancyRate"), &e),
                                 30000);
        const ConfigLoader::Result loaded =
            ConfigLoader::load(world.writeConfig(QStringLiteral("staging_cockpit_ro")));
        QVERIFY(loaded.ok());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const Result<LedgerChartData> chart = LedgerTelemetry::chart(*loaded.config, 600, now);
        QVERIFY2(chart, qPrintable(errorMessage(chart)));
        QVERIFY2(chart->problems.isEmpty(), qPrintable(chart->problems));
        QCOMPARE(chart->fromMs, now - 600 * 1000);
        QCOMPARE(chart->toMs, now);
        QCOMPARE(chart->bucketSeconds, loaded.config->ledger.discrepancyAlertWindowSeconds);
        QCOMPARE(chart->latencyUnit, QStringLiteral("ms"));
        QVERIFY2(chart->source.contains(prometheus.toString()), qPrintable(chart->source));
        // The demo store's own series do not exist here: absent, not zeros.
        QVERIFY(!chart->shadowFailures && !chart->failedWrites);
        QVERIFY(chart->discrepancies && !chart->discrepancies->isEmpty());
        double most = 0;
        for (const QPointF &p : *chart->discrepancies) {
            QVERIFY(p.x() >= chart->fromMs - 15000 && p.x() <= chart->toMs);
            most = std::max(most, p.y());
        }
        // Prometheus fires HighDiscrepancyRate: the chart shows more than its threshold in a window.
        QVERIFY2(most > loaded.config->ledger.discrepancyAlertCount, qPrintable(QString::number(most)));
        QVERIFY(chart->ledgerP95 && !chart->ledgerP95->isEmpty() && chart->ledgerP95->last().y() > 0);
        QVERIFY(chart->legacyP95 && !chart->legacyP95->isEmpty());
        world.stopWriter(&e);
    }

    // No data is no evidence: a template naming a metric the service does not export is inconclusive.
    void ledgerAlertsWithoutDataAreInconclusive()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        QVERIFY2(world
                     .startServiceWithPrometheus({QStringLiteral("--users"), QStringLiteral("10"),
                                                  QStringLiteral("--ops"), QStringLiteral("0"),
                                                  QStringLiteral("--rate"), QStringLiteral("5")},
                                                 &e)
                     .isValid(),
                 qPrintable(e));
        const QString config = world.writeConfig(QStringLiteral("staging_cockpit_ro"));
        QVERIFY(setMetrics(config,
                           {{QStringLiteral("queries"),
                             QJsonObject{{QStringLiteral("ledger/discrepancies"),
                                          QStringLiteral("sum(increase(no_such_counter[{window}]))")}}}}));
        const StagingWorld::Cli r = StagingWorld::cockpitctl(
            {QStringLiteral("ledger"), QStringLiteral("alerts"), QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, int(ExitFindings));
        QVERIFY2(r.out.contains(QLatin1String("NO DATA HighDiscrepancyRate")), qPrintable(r.out));
        world.stopWriter(&e);
    }

    // A "without discrepancies" gate on a service's ledger rests on both sources: the service's counter in
    // its Prometheus and the cockpit's own complete full runs covering the window; its evidence names both.
    void ledgerGateNeedsTelemetryAndReconciliation()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        QVERIFY2(world
                     .startServiceWithPrometheus({QStringLiteral("--users"), QStringLiteral("50"),
                                                  QStringLiteral("--ops"), QStringLiteral("0"),
                                                  QStringLiteral("--rate"), QStringLiteral("50"),
                                                  QStringLiteral("--drop-legacy"), QStringLiteral("0"),
                                                  QStringLiteral("--no-legacy-row"), QStringLiteral("0")},
                                                 &e)
                     .isValid(),
                 qPrintable(e));
        QTest::qWait(3000); // an increase needs two scrapes in its range
        // The service stops writing: a dual write caught between its ledger and its legacy commit would be a
        // real, transient discrepancy for the reconciliation below. Its scraped samples stay in the window.
        world.stopWriter(&e);
        const QString config = world.writeConfig(
            QStringLiteral("staging_cockpit"),
            QJsonObject{{QStringLiteral("gates"),
                         QJsonObject{{QStringLiteral("shadowCleanWindow"), QStringLiteral("1m")},
                                     {QStringLiteral("reconcilePeriod"), QStringLiteral("1m")}}}});
        QCOMPARE(
            StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config}).exitCode,
            0);
        const ConfigLoader::Result loaded = ConfigLoader::load(config);
        QVERIFY(loaded.ok());
        const qint64 window = loaded.config->ledger.shadowCleanWindowSeconds;

        // No reconciliation yet: the service's counter alone proves nothing.
        GateResult gate =
            ServiceLedgerGates::cleanWindow(*loaded.config, window, QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(gate.verdict, GateResult::Verdict::Inconclusive);
        QVERIFY2(
            gate.evidence.english().contains(QLatin1String("increase(ledger_shadow_discrepancy_count[60s])"))
                && gate.evidence.english().contains(QLatin1String("0 complete full runs")),
            qPrintable(gate.evidence.english()));

        // A clean full run covers the window: both sources agree.
        QCOMPARE(StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), config})
                     .exitCode,
                 0);
        gate = ServiceLedgerGates::cleanWindow(*loaded.config, window, QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(gate.verdict == GateResult::Verdict::Pass, qPrintable(gate.evidence.english()));
        QVERIFY2(gate.evidence.english().contains(
                     QLatin1String("service's telemetry: discrepancies in the last 1 min: 0 ("))
                     && gate.evidence.english().contains(QLatin1String("1 complete full runs"))
                     && gate.evidence.english().contains(
                         QLatin1String("0 of them found discrepancies; the newest, run 1 at ")),
                 qPrintable(gate.evidence.english()));
        // A role that only reads, before it may read the cockpit's schema: the runs are unknown to it, not
        // absent, and the gate says why instead of counting none.
        const QJsonObject gates{{QStringLiteral("shadowCleanWindow"), QStringLiteral("1m")},
                                {QStringLiteral("reconcilePeriod"), QStringLiteral("1m")}};
        const ConfigLoader::Result readOnly = ConfigLoader::load(world.writeConfig(
            QStringLiteral("staging_cockpit_ro"), QJsonObject{{QStringLiteral("gates"), gates}}, true,
            QStringLiteral("ro.json")));
        QVERIFY(readOnly.ok());
        GateResult unknown =
            ServiceLedgerGates::cleanWindow(*readOnly.config, window, QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(unknown.verdict, GateResult::Verdict::Inconclusive);
        QVERIFY2(unknown.evidence.english().contains(QLatin1String("may not use the cockpit's schema"))
                     && unknown.evidence.english().contains(QLatin1String("GRANT USAGE ON SCHEMA cockpit"))
                     && !unknown.evidence.english().contains(QLatin1String("complete full runs")),
                 qPrintable(unknown.evidence.english()));
        QVERIFY(world.grantCockpitRead(QStringLiteral("staging_cockpit_ro")).isEmpty());
        unknown =
            ServiceLedgerGates::cleanWindow(*readOnly.config, window, QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(unknown.verdict == GateResult::Verdict::Pass, qPrintable(unknown.evidence.english()));
        // `ledger alerts` asks the same source as migration control: its gate says the same.
        const auto cliGate = [&config](const QString &id) {
            const StagingWorld::Cli r = StagingWorld::cockpitctl(
                {QStringLiteral("ledger"), QStringLiteral("alerts"), QStringLiteral("--config"), config,
                 QStringLiteral("--format"), QStringLiteral("json")});
            for (const QJsonValue &g : parse(r.out).value(QStringLiteral("gates")).toArray()) {
                if (g.toObject().value(QStringLiteral("id")).toString() == id)
                    return g.toObject();
            }
            return QJsonObject();
        };
        QJsonObject shadow = cliGate(QStringLiteral("shadow_clean"));
        QCOMPARE(shadow.value(QStringLiteral("verdict")).toString(), QStringLiteral("pass"));
        QVERIFY(shadow.value(QStringLiteral("evidence"))
                    .toString()
                    .contains(QLatin1String("1 complete full runs")));
        QVERIFY2(shadow.value(QStringLiteral("title")).toString().startsWith(QLatin1String("Shadow mode 1m")),
                 qPrintable(shadow.value(QStringLiteral("title")).toString()));

        // The service's own legacy write lost behind the cockpit's back: the run finds it, the gate fails.
        QVERIFY(world
                    .adminSql(QStringLiteral(
                        "UPDATE balances SET pending_deposits = pending_deposits + 5 WHERE user_id ="
                        " (SELECT user_id FROM balances ORDER BY user_id LIMIT 1)"))
                    .isEmpty());
        QCOMPARE(StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), config})
                     .exitCode,
                 1);
        gate = ServiceLedgerGates::cleanWindow(*loaded.config, window, QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(gate.verdict == GateResult::Verdict::Fail, qPrintable(gate.evidence.english()));
        shadow = cliGate(QStringLiteral("shadow_clean"));
        QCOMPARE(shadow.value(QStringLiteral("verdict")).toString(), QStringLiteral("fail"));
    }

    // A Prometheus that does not answer is not a service without traffic: exit 3, and the reason.
    void ledgerAlertsWithoutPrometheusSayItIsUnreachable()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QTcpServer closed; // a port nobody listens on once the server is gone
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const QString config = world.writeConfig(QStringLiteral("staging_cockpit_ro"));
        QVERIFY(
            setMetrics(config, {{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1").arg(port)}}));
        const StagingWorld::Cli r = StagingWorld::cockpitctl(
            {QStringLiteral("ledger"), QStringLiteral("alerts"), QStringLiteral("--config"), config,
             QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, int(ExitBackendUnreachable));
        const QJsonObject object = parse(r.out);
        QVERIFY2(!object.value(QStringLiteral("sourceError")).toString().isEmpty(), qPrintable(r.out));
        for (const QJsonValue &a : object.value(QStringLiteral("alerts")).toArray())
            QVERIFY(a.toObject().value(QStringLiteral("inconclusive")).toBool());
        // No gate is judged without the service's telemetry.
        const QJsonArray gates = object.value(QStringLiteral("gates")).toArray();
        QCOMPARE(gates.size(), LedgerMonitor::gateIds().size());
        for (const QJsonValue &g : gates)
            QVERIFY2(g.toObject().value(QStringLiteral("verdict")).toString() == QLatin1String("inconclusive")
                         && g.toObject()
                                .value(QStringLiteral("evidence"))
                                .toString()
                                .contains(QLatin1String("not judged")),
                     QJsonDocument(g.toObject()).toJson().constData());
        // The report says it; stderr does not repeat it once per query.
        QVERIFY2(r.err.count(QLatin1String("cannot reach Prometheus")) <= 1, qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TstStagingTelemetry)
#include "tst_staging_telemetry.moc"
