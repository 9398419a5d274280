// SPDX-License-Identifier: MIT
// The ledger lane against a world the cockpit did not create: the service's schema (uuid ids, NUMERIC(38,6)
// ledger, 8-decimal legacy columns, extra columns), written by an independent process, read through a role
// that may only SELECT. The cockpit must find exactly what the service's own bookkeeping says differs, and
// leave the service's database as it found it.
#include "cockpitctl/exit_code.h"
#include "pg_test_database.h"
#include "reconcile/live_reconciler.h"
#include "staging_world.h"
#include "test_paths.h"
#include "wiring/backend_probe.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

namespace {

const QStringList kWriterArguments = {QStringLiteral("--users"),         QStringLiteral("300"),
                                      QStringLiteral("--ops"),           QStringLiteral("1500"),
                                      QStringLiteral("--drop-legacy"),   QStringLiteral("0.03"),
                                      QStringLiteral("--sub-micro"),     QStringLiteral("0.05"),
                                      QStringLiteral("--no-legacy-row"), QStringLiteral("0.03"),
                                      QStringLiteral("--dormant"),       QStringLiteral("0.03"),
                                      QStringLiteral("--seed"),          QStringLiteral("11")};

// "user/type ledger legacy" of the writer's ground truth; a missing side as "-".
QStringList truthRows(const QJsonObject &truth)
{
    QStringList rows;
    for (const QJsonValue &v : truth.value(QStringLiteral("discrepancies")).toArray()) {
        const QJsonObject d = v.toObject();
        rows.append(d.value(QStringLiteral("userId")).toString() + QLatin1Char('/')
                    + d.value(QStringLiteral("accountType")).toString() + QLatin1Char(' ')
                    + (d.value(QStringLiteral("ledgerAccount")).toBool()
                           ? d.value(QStringLiteral("ledger")).toString()
                           : QStringLiteral("-"))
                    + QLatin1Char(' ')
                    + (d.value(QStringLiteral("legacyRow")).toBool()
                           ? d.value(QStringLiteral("legacy")).toString()
                           : QStringLiteral("-")));
    }
    rows.sort();
    return rows;
}

// The same from `cockpitctl reconcile --format json`.
QStringList reportedRows(const QJsonObject &report)
{
    QStringList rows;
    for (const QJsonValue &v : report.value(QStringLiteral("discrepancies")).toArray()) {
        const QJsonObject d = v.toObject();
        const auto amount = [&](const char *key) {
            const QJsonValue a = d.value(QLatin1String(key));
            return a.isNull() ? QStringLiteral("-") : a.toString();
        };
        rows.append(d.value(QStringLiteral("userId")).toString() + QLatin1Char('/')
                    + d.value(QStringLiteral("accountType")).toString() + QLatin1Char(' ') + amount("ledger")
                    + QLatin1Char(' ') + amount("legacy"));
    }
    rows.sort();
    return rows;
}

QJsonObject parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// "user/type" of every row, sorted.
QStringList keysOf(const QStringList &rows)
{
    QStringList keys;
    for (const QString &row : rows)
        keys.append(row.section(QLatin1Char(' '), 0, 0));
    keys.sort();
    return keys;
}

} // namespace

class TstStagingReconcile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The service writer's ground truth, exactly: every differing (user, account type) with its amounts at
    // the columns' own scales, and nothing else (zero-balance one-sided rows are not discrepancies).
    void reconcileReportsExactlyTheGroundTruth()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        const QJsonObject truth = world.runWriter(kWriterArguments, &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QVERIFY(truth.value(QStringLiteral("verified")).toBool());
        QCOMPARE(truth.value(QStringLiteral("writesFailed")).toInt(), 0);
        const QStringList expected = truthRows(truth);
        QVERIFY(expected.size() > 10);
        QVERIFY2(truth.value(QStringLiteral("subMicroOps")).toInt() > 0,
                 "the world has 8-decimal legacy values");
        const QString before = world.schemaDump(QStringLiteral("public"), &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));

        const QString config = world.writeConfig(QStringLiteral("staging_cockpit"));
        // Before setup: nothing is created as a side effect; the message names the command.
        StagingWorld::Cli r =
            StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, int(ExitBackendUnreachable));
        QVERIFY2(r.err.contains(QLatin1String("cockpitctl setup --config ") + config), qPrintable(r.err));
        QString tables;
        QVERIFY(world
                    .adminSql(QStringLiteral("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'cockpit'"),
                              &tables)
                    .isEmpty());
        QCOMPARE(tables.trimmed(), QStringLiteral("0"));

        r = StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        r = StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config});
        QVERIFY2(r.out.contains(QLatin1String("up to date")), qPrintable(r.out));

        r = StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), config,
                                      QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == ExitFindings, qPrintable(r.err));
        const QJsonObject report = parse(r.out);
        QCOMPARE(reportedRows(report), expected);
        const QJsonObject summary = report.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("status")).toString(), QStringLiteral("complete"));
        QCOMPARE(summary.value(QStringLiteral("newDiscrepancies")).toInt(), expected.size());
        QCOMPARE(summary.value(QStringLiteral("invariantViolations")).toInt(), 0);

        // Recorded in the cockpit's own schema: the next run finds nothing new.
        r = StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), config,
                                      QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(parse(r.out)
                     .value(QStringLiteral("summary"))
                     .toObject()
                     .value(QStringLiteral("newDiscrepancies"))
                     .toInt(),
                 0);
        QString stored;
        QVERIFY(
            world.adminSql(QStringLiteral("SELECT COUNT(*) FROM cockpit.reconcile_discrepancies"), &stored)
                .isEmpty());
        QCOMPARE(stored.trimmed().toInt(), expected.size());

        // The service's schema is as the service left it.
        QCOMPARE(world.schemaDump(QStringLiteral("public"), &e), before);
    }

    // A read-only session with a role that may only SELECT: the same findings, and the database (both
    // schemas, every table's rows) byte for byte as before.
    void readOnlySessionChangesNothing()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        const QJsonObject truth = world.runWriter(kWriterArguments, &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QVERIFY2(StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"),
                                           world.writeConfig(QStringLiteral("staging_cockpit"))})
                         .exitCode
                     == ExitOk,
                 "setup");
        const StagingWorld::Snapshot before = world.snapshot(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));

        const QString config =
            world.writeConfig(QStringLiteral("staging_cockpit_ro"), {}, false, QStringLiteral("ro.json"));
        StagingWorld::Cli r = StagingWorld::cockpitctl(
            {QStringLiteral("reconcile"), QStringLiteral("--config"), config, QStringLiteral("--read-only"),
             QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == ExitFindings, qPrintable(r.err));
        QCOMPARE(reportedRows(parse(r.out)), truthRows(truth));
        // The same through the config's own flag.
        const QString roConfig = world.writeConfig(QStringLiteral("staging_cockpit_ro"), {}, true,
                                                   QStringLiteral("ro-config.json"));
        r = StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), roConfig});
        QVERIFY2(r.exitCode == ExitFindings, qPrintable(r.err));
        // Without read-only the SELECT-only role is told why it cannot record.
        r = StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, int(ExitBackendUnreachable));
        QVERIFY2(r.err.contains(QLatin1String("permission denied")), qPrintable(r.err));

        const StagingWorld::Snapshot after = world.snapshot(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(after.publicSchema, before.publicSchema);
        QCOMPARE(after.cockpitSchema, before.cockpitSchema);
        QCOMPARE(after.rows, before.rows);
    }

    // The session itself refuses writes: even the role that owns the cockpit's schema cannot write in a
    // read-only session, whatever a code path tries.
    void readOnlyGoesDownToTheSession()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        const QString config = world.writeConfig(QStringLiteral("staging_cockpit"), {}, true);
        const StagingWorld::Cli r =
            StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, int(ExitUsage));
        QVERIFY2(r.err.contains(QLatin1String("read-only")), qPrintable(r.err));
        const StagingWorld::Cli plan = StagingWorld::cockpitctl(
            {QStringLiteral("setup"), QStringLiteral("--config"), config, QStringLiteral("--dry-run")});
        QVERIFY2(plan.exitCode == ExitOk, qPrintable(plan.err));
        QVERIFY(plan.out.contains(QLatin1String("would run")));
        QString tables;
        QVERIFY(world
                    .adminSql(QStringLiteral("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'cockpit'"),
                              &tables)
                    .isEmpty());
        QCOMPARE(tables.trimmed(), QStringLiteral("0"));
    }

    // The control store on the service's server, in the cockpit's own schema: created only by setup, and a
    // read-only status through a role that may only read leaves everything as it was.
    void controlStoreOnTheServersCockpitSchema()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        world.runWriter(
            {QStringLiteral("--users"), QStringLiteral("50"), QStringLiteral("--ops"), QStringLiteral("50")},
            &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const QString config =
            world.writeSharedConfig(QStringLiteral("staging_cockpit"), QStringLiteral("shared.json"));
        StagingWorld::Cli r =
            StagingWorld::cockpitctl({QStringLiteral("status"), QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, int(ExitBackendUnreachable));
        QVERIFY2(
            r.err.contains(QLatin1String("the control schema is not set up; run cockpitctl setup --config ")
                           + config),
            qPrintable(r.err));
        r = StagingWorld::cockpitctl(
            {QStringLiteral("setup"), QStringLiteral("--config"), config, QStringLiteral("--dry-run")});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("control schema missing; would run")), qPrintable(r.out));
        r = StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        r = StagingWorld::cockpitctl({QStringLiteral("status"), QStringLiteral("--config"), config});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        // The setup is in the audit log, with what it ran.
        r = StagingWorld::cockpitctl({QStringLiteral("audit"), QStringLiteral("export"),
                                      QStringLiteral("--config"), config, QStringLiteral("--format"),
                                      QStringLiteral("json"), QStringLiteral("--action"),
                                      QStringLiteral("setup")});
        QVERIFY2(r.out.contains(QLatin1String("reconciler tables version 0 -> 2")), qPrintable(r.out));

        // An operator who may only read, before the owner of the cockpit's schema let it read there: told
        // which grant is missing, not sent to run a setup for a schema that exists.
        const QString ro =
            world.writeSharedConfig(QStringLiteral("staging_cockpit_ro"), QStringLiteral("shared-ro.json"));
        for (const QStringList &command :
             {QStringList{QStringLiteral("status"), QStringLiteral("--read-only")},
              QStringList{QStringLiteral("setup"), QStringLiteral("--dry-run")},
              QStringList{QStringLiteral("wait"), QStringLiteral("ledger"), QStringLiteral("--phase"),
                          QStringLiteral("shadow"), QStringLiteral("--timeout"), QStringLiteral("1s")}}) {
            r = StagingWorld::cockpitctl(command + QStringList{QStringLiteral("--config"), ro});
            QCOMPARE(r.exitCode, int(ExitBackendUnreachable));
            QVERIFY2(r.err.contains(QLatin1String("cannot read the control schema: "))
                         && r.err.contains(QLatin1String("permission denied for schema cockpit"))
                         && r.err.contains(QLatin1String("GRANT USAGE ON SCHEMA cockpit"))
                         && !r.err.contains(QLatin1String("not set up")),
                     qPrintable(r.err));
        }

        // The owner of the cockpit's schema lets it read there too.
        QVERIFY(world.grantCockpitRead(QStringLiteral("staging_cockpit_ro")).isEmpty());
        const StagingWorld::Snapshot before = world.snapshot(&e);
        r = StagingWorld::cockpitctl(
            {QStringLiteral("status"), QStringLiteral("--config"), ro, QStringLiteral("--read-only")});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        QVERIFY(r.out.contains(QLatin1String("READ-ONLY")));
        r = StagingWorld::cockpitctl(
            {QStringLiteral("reconcile"), QStringLiteral("--config"), ro, QStringLiteral("--read-only")});
        QVERIFY2(r.exitCode == ExitOk || r.exitCode == ExitFindings, qPrintable(r.err));
        const StagingWorld::Snapshot after = world.snapshot(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(after.publicSchema, before.publicSchema);
        QCOMPARE(after.cockpitSchema, before.cockpitSchema);
        QCOMPARE(after.rows, before.rows);
    }

    // The rollout lane outside the demo: its state is the control store's (here on the service's server, in
    // the cockpit's schema), the actuator is kubectl, and the plan's rules hold even against an override.
    void rolloutStateLivesInTheControlStore()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString error;
        const QString path = world.setUpRolloutEnvironment(QStringLiteral("staging_cockpit"),
                                                           QStringLiteral("rollout.json"), &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        // kubectl is the stand-in, first on PATH; the actuator runs it as it would run the real one.
        const KubectlStandIn kubectl(world);
        const QString log = kubectl.log();

        const QStringList promote = {QStringLiteral("migrate"),
                                     QStringLiteral("rollout:transaction_pool"),
                                     QStringLiteral("advance"),
                                     QStringLiteral("--config"),
                                     path,
                                     QStringLiteral("--yes"),
                                     QStringLiteral("--override"),
                                     QStringLiteral("--reason"),
                                     QStringLiteral("no Prometheus in this test")};
        StagingWorld::Cli r = StagingWorld::cockpitctl(promote);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile calls(log);
        QVERIFY(calls.open(QIODevice::ReadOnly));
        const QByteArray called = calls.readAll();
        QVERIFY2(called.contains("\"TRANSACTION_POOL_VERSION=v2\"") && called.contains("_WEIGHT=10\""),
                 called.constData());

        // Another process sees the real step and the dwell time left.
        r = StagingWorld::cockpitctl({QStringLiteral("rollout"), QStringLiteral("status"),
                                      QStringLiteral("--config"), path, QStringLiteral("--format"),
                                      QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject first = parse(r.out).value(QStringLiteral("modules")).toArray().first().toObject();
        QCOMPARE(first.value(QStringLiteral("phase")).toString(), QStringLiteral("10 %"));
        QCOMPARE(first.value(QStringLiteral("weightPercent")).toInt(), 10);
        QVERIFY(first.value(QStringLiteral("dwellRemainingSeconds")).toDouble() > 2 * 86400 - 600);

        // Before the dwell time: refused with the time left, override or not.
        r = StagingWorld::cockpitctl(promote);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("an override does not lift it"))
                     && r.err.contains(QLatin1String("dwell time left")),
                 qPrintable(r.err));

        // A pause blocks promotion, for every process.
        r = StagingWorld::cockpitctl({QStringLiteral("rollout"), QStringLiteral("pause"),
                                      QStringLiteral("sync_service"), QStringLiteral("--config"), path,
                                      QStringLiteral("--reason"), QStringLiteral("peer churn")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = StagingWorld::cockpitctl({QStringLiteral("migrate"), QStringLiteral("rollout:sync_service"),
                                      QStringLiteral("advance"), QStringLiteral("--config"), path,
                                      QStringLiteral("--yes"), QStringLiteral("--override"),
                                      QStringLiteral("--reason"), QStringLiteral("try")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Module not paused"))
                     && r.err.contains(QLatin1String("peer churn")),
                 qPrintable(r.err));
        QString rows;
        QVERIFY(
            world
                .adminSql(QStringLiteral("SELECT module || ':' || reason FROM cockpit.rollout_pauses"), &rows)
                .isEmpty());
        QCOMPARE(rows.trimmed(), QStringLiteral("sync_service:peer churn"));
    }

    // The ledger light is green only when the lane's own check passes, and a red one says what is wrong.
    void ledgerLightNamesTheProblem()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        const auto probe = [](const QString &path) {
            const ConfigLoader::Result loaded = ConfigLoader::load(path);
            return BackendProbe::probeObservedLedger(*loaded.config);
        };
        const QString config = world.writeConfig(QStringLiteral("staging_cockpit"));
        BackendStatus s = probe(config);
        QVERIFY(!s.reachable);
        QCOMPARE(s.problem, BackendStatus::Problem::NotSetUp);
        QVERIFY2(s.message.contains(QLatin1String("cockpitctl setup --config ")), qPrintable(s.message));
        QCOMPARE(
            StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config}).exitCode,
            0);
        s = probe(config);
        QVERIFY2(s.reachable, qPrintable(s.message));
        QCOMPARE(s.problem, BackendStatus::Problem::None);

        s = probe(world.writeConfig(
            QStringLiteral("staging_cockpit"),
            QJsonObject{{QStringLiteral("mapping"),
                         QJsonObject{{QStringLiteral("usdc_balance"), QStringLiteral("usdc")}}}},
            false, QStringLiteral("mismatch.json")));
        QCOMPARE(s.problem, BackendStatus::Problem::SchemaMismatch);

        const QByteArray password = qgetenv("STAGING_COCKPIT_PASSWORD");
        qputenv("STAGING_COCKPIT_PASSWORD", "wrong");
        s = probe(config);
        // The file holds no password: a refused login says where the one it tried came from.
        const StagingWorld::Cli check = StagingWorld::cockpitctl(
            {QStringLiteral("ledger"), QStringLiteral("check"), QStringLiteral("--config"), config});
        qputenv("STAGING_COCKPIT_PASSWORD", password);
        QCOMPARE(s.problem, BackendStatus::Problem::AuthenticationFailed);
        QVERIFY2(s.message.contains(QLatin1String(
                     "(the password is the value of environment variable STAGING_COCKPIT_PASSWORD)")),
                 qPrintable(s.message));
        QCOMPARE(check.exitCode, int(ExitBackendUnreachable));
        QVERIFY2(check.err.contains(QLatin1String("password authentication failed"))
                     && check.err.contains(QLatin1String("environment variable STAGING_COCKPIT_PASSWORD")),
                 qPrintable(check.err));
    }

    // Names that do not match the service's schema are reported as such, naming the config key.
    void schemaMismatchNamesTheKey_data()
    {
        QTest::addColumn<QJsonObject>("ledger");
        QTest::addColumn<QString>("message");
        QTest::newRow("table")
            << QJsonObject{{QStringLiteral("service"),
                            QJsonObject{{QStringLiteral("legacy"),
                                         QJsonObject{{QStringLiteral("table"), QStringLiteral("balance")}}}}}}
            << QStringLiteral("table public.balance does not exist (ledger.service.legacy.table)");
        QTest::newRow("column")
            << QJsonObject{{QStringLiteral("mapping"),
                            QJsonObject{{QStringLiteral("usdc_balance"), QStringLiteral("pending")}}}}
            << QStringLiteral("table public.balances has no column pending (ledger.mapping.usdc_balance)");
        QTest::newRow("schema") << QJsonObject{{QStringLiteral("service"),
                                                QJsonObject{
                                                    {QStringLiteral("schema"), QStringLiteral("ledger")}}}}
                                << QStringLiteral("table ledger.ledger_accounts does not exist");
    }
    void schemaMismatchNamesTheKey()
    {
        QFETCH(QJsonObject, ledger);
        QFETCH(QString, message);
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        const QString config = world.writeConfig(QStringLiteral("staging_cockpit"), ledger);
        const StagingWorld::Cli r =
            StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, int(ExitBackendUnreachable));
        QVERIFY2(r.err.contains(QLatin1String("schema mismatch")), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        // Comparing, too, it is the file's error (exit 2), as `ledger check` says, read-only or not.
        for (const QStringList &command :
             {QStringList{QStringLiteral("reconcile")},
              QStringList{QStringLiteral("reconcile"), QStringLiteral("--read-only")},
              QStringList{QStringLiteral("ledger"), QStringLiteral("check")}}) {
            const StagingWorld::Cli c =
                StagingWorld::cockpitctl(command + QStringList{QStringLiteral("--config"), config});
            QCOMPARE(c.exitCode, int(ExitUsage));
            QVERIFY2(c.err.contains(message), qPrintable(command.join(u' ') + QLatin1String(": ") + c.err));
        }
    }

    // Live mode on a service's database follows the change marks the service's tables already have (an
    // indexed timestamp), with no trigger: the service's lost legacy writes appear while it writes, and once
    // it stops the open discrepancies are exactly its ground truth. Also from tables that were empty when
    // live mode started (no mark yet: every row written since is a change).
    void liveModeFollowsTheServicesChangeMarks_data()
    {
        QTest::addColumn<bool>("prefilled");
        QTest::newRow("service tables with rows") << true;
        QTest::newRow("empty service tables") << false;
    }

    void liveModeFollowsTheServicesChangeMarks()
    {
        QFETCH(bool, prefilled);
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        if (prefilled)
            world.runWriter({QStringLiteral("--users"), QStringLiteral("150"), QStringLiteral("--ops"),
                             QStringLiteral("150"), QStringLiteral("--drop-legacy"), QStringLiteral("0")},
                            &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const QJsonObject marks{
            {QStringLiteral("service"),
             QJsonObject{{QStringLiteral("entries"),
                          QJsonObject{{QStringLiteral("changeMark"), QStringLiteral("created_at")}}},
                         {QStringLiteral("legacy"),
                          QJsonObject{{QStringLiteral("changeMark"), QStringLiteral("updated_at")}}}}},
            {QStringLiteral("liveIntervalMs"), 250}};
        const QString config = world.writeConfig(QStringLiteral("staging_cockpit"), marks);
        QVERIFY(
            StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config}).exitCode
            == ExitOk);
        const ConfigLoader::Result loaded = ConfigLoader::load(config);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(QLatin1Char('\n'))));
        LiveReconciler live(loaded.config->ledger, *Money::parse(QStringLiteral("0.01")));
        QSignalSpy checked(&live, &LiveReconciler::checked);
        QSignalSpy backend(&live, &LiveReconciler::backendChanged);
        live.start(true);
        QVERIFY2(!backend.isEmpty() && backend.first().at(0).toBool(),
                 qPrintable(backend.isEmpty() ? QString() : backend.first().at(1).toString()));
        QCOMPARE(checked.size(), 1); // the first full run

        QVERIFY(world
                    .startWriter({QStringLiteral("--users"), QStringLiteral("150"), QStringLiteral("--ops"),
                                  QStringLiteral("400"), QStringLiteral("--rate"), QStringLiteral("100"),
                                  QStringLiteral("--drop-legacy"), QStringLiteral("0.05"),
                                  QStringLiteral("--seed"), QStringLiteral("21")})
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(checked.size() > 2, 10000); // incremental runs while the service writes
        QTRY_VERIFY_WITH_TIMEOUT(world.writerFinished(), 60000);
        const QJsonObject truth = world.stopWriter(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(truth.value(QStringLiteral("writesFailed")).toInt(), 0);
        const QStringList expected = keysOf(truthRows(truth));
        QVERIFY(!expected.isEmpty());
        QElapsedTimer clock;
        clock.start();
        const auto open = [&world] {
            QString rows;
            world.adminSql(
                QStringLiteral("SELECT user_id || '/' || account_type FROM cockpit.reconcile_discrepancies"
                               " WHERE resolved_run IS NULL ORDER BY 1"),
                &rows);
            QStringList list = rows.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            list.sort();
            return list;
        };
        // Bounded generously for a loaded machine; the time it took is printed for the issue notes.
        QTRY_COMPARE_WITH_TIMEOUT(open(), expected, 10000);
        qInfo("live mode: open discrepancies equal the ground truth %lld ms after the service's last write",
              clock.elapsed());
    }

    // The cockpit reconciling while the service writes: no service write fails (no trigger, no lock of
    // ours in its way), and a run against a moving database still completes.
    void serviceWritesNeverFailWhileTheCockpitReads()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        world.runWriter({QStringLiteral("--users"), QStringLiteral("200"), QStringLiteral("--ops"),
                         QStringLiteral("200")},
                        &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const QString config = world.writeConfig(QStringLiteral("staging_cockpit"));
        QVERIFY(
            StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), config}).exitCode
            == ExitOk);
        QVERIFY(world
                    .startWriter({QStringLiteral("--users"), QStringLiteral("200"), QStringLiteral("--ops"),
                                  QStringLiteral("0"), QStringLiteral("--rate"), QStringLiteral("200")})
                    .isEmpty());
        for (int i = 0; i < 5; ++i) {
            const StagingWorld::Cli r =
                StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), config});
            QVERIFY2(r.exitCode == ExitOk || r.exitCode == ExitFindings, qPrintable(r.err));
        }
        const QJsonObject truth = world.stopWriter(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QVERIFY(truth.value(QStringLiteral("ops")).toInt() > 0);
        QCOMPARE(truth.value(QStringLiteral("writesFailed")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TstStagingReconcile)
#include "tst_staging_reconcile.moc"
