// SPDX-License-Identifier: MIT
// Live mode with the optional notification triggers an operator installs on the service's tables
// (`cockpitctl setup --live-triggers`): explicit, audited, refused without the grant, never failing a
// service write, found by live mode without any change mark, and removable without a trace.
#include "cockpitctl/exit_code.h"
#include "reconcile/live_reconciler.h"
#include "staging_world.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

namespace {

QString triggerCount(StagingWorld &world)
{
    QString out;
    world.adminSql(QStringLiteral("SELECT count(*) FROM pg_trigger WHERE tgname = 'cockpit_live_notify'"),
                   &out);
    return out.trimmed();
}

// "user/type" of every open discrepancy the cockpit stored, sorted.
QStringList openDiscrepancies(StagingWorld &world)
{
    QString rows;
    world.adminSql(QStringLiteral("SELECT user_id || '/' || account_type FROM cockpit.reconcile_discrepancies"
                                  " WHERE resolved_run IS NULL ORDER BY 1"),
                   &rows);
    QStringList list = rows.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    list.sort();
    return list;
}

QStringList truthKeys(const QJsonObject &truth)
{
    QStringList keys;
    for (const QJsonValue &v : truth.value(QStringLiteral("discrepancies")).toArray()) {
        const QJsonObject d = v.toObject();
        keys.append(d.value(QStringLiteral("userId")).toString() + QLatin1Char('/')
                    + d.value(QStringLiteral("accountType")).toString());
    }
    keys.sort();
    return keys;
}

} // namespace

class TstStagingLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void liveTriggersAreExplicitSafeAndRemovable()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        world.runWriter({QStringLiteral("--users"), QStringLiteral("100"), QStringLiteral("--ops"),
                         QStringLiteral("100"), QStringLiteral("--drop-legacy"), QStringLiteral("0")},
                        &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        // No change marks: whatever live mode sees between full runs, the triggers told it.
        const QString config =
            world.writeConfig(QStringLiteral("staging_cockpit"), {{QStringLiteral("liveIntervalMs"), 250}});
        const StagingWorld::Snapshot before = world.snapshot(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const QStringList install = {QStringLiteral("setup"), QStringLiteral("--config"), config,
                                     QStringLiteral("--live-triggers")};

        // The plan names the grant it lacks, and changes nothing.
        StagingWorld::Cli r = StagingWorld::cockpitctl(install + QStringList{QStringLiteral("--dry-run")});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        QVERIFY2(
            r.out.contains(QLatin1String("GRANT TRIGGER ON \"public\".\"ledger_accounts\", "
                                         "\"public\".\"balances\" TO \"staging_cockpit\";   -- missing")),
            qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("would install them")), qPrintable(r.out));
        // Without the grant the whole setup is refused in one transaction: not even the cockpit's schema.
        r = StagingWorld::cockpitctl(install);
        QCOMPARE(r.exitCode, int(ExitBackendUnreachable));
        QVERIFY2(r.err.contains(QLatin1String("permission denied")), qPrintable(r.err));
        StagingWorld::Snapshot now = world.snapshot(&e);
        QCOMPARE(now.publicSchema, before.publicSchema);
        QCOMPARE(now.cockpitSchema, before.cockpitSchema);
        QCOMPARE(triggerCount(world), QStringLiteral("0"));

        // The table owner grants it; setup installs them, audited.
        QCOMPARE(
            world.serviceSql(QStringLiteral("GRANT TRIGGER ON ledger_accounts, balances TO staging_cockpit")),
            QString());
        r = StagingWorld::cockpitctl(install);
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("; installed")), qPrintable(r.out));
        QCOMPARE(triggerCount(world), QStringLiteral("2"));
        r = StagingWorld::cockpitctl(
            {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--config"), config});
        QVERIFY2(r.out.contains(QLatin1String("live triggers installed")), qPrintable(r.out + r.err));

        // Live mode hears the service's writes through them alone.
        const ConfigLoader::Result loaded = ConfigLoader::load(config);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(QLatin1Char('\n'))));
        LiveReconciler live(loaded.config->ledger, *Money::parse(QStringLiteral("0.01")));
        QSignalSpy checked(&live, &LiveReconciler::checked);
        live.start(true);
        QVERIFY(live.isListening());
        QCOMPARE(checked.size(), 1);
        QVERIFY(world
                    .startWriter({QStringLiteral("--users"), QStringLiteral("100"), QStringLiteral("--ops"),
                                  QStringLiteral("300"), QStringLiteral("--rate"), QStringLiteral("100"),
                                  QStringLiteral("--drop-legacy"), QStringLiteral("0.05"),
                                  QStringLiteral("--seed"), QStringLiteral("31")})
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(checked.size() > 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(world.writerFinished(), 60000);
        const QJsonObject truth = world.stopWriter(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(truth.value(QStringLiteral("writesFailed")).toInt(), 0); // the triggers never failed a write
        const QStringList expected = truthKeys(truth);
        QVERIFY(!expected.isEmpty());
        QElapsedTimer clock;
        clock.start();
        QTRY_COMPARE_WITH_TIMEOUT(openDiscrepancies(world), expected, 10000);
        qInfo(
            "live triggers: open discrepancies equal the ground truth %lld ms after the service's last write",
            clock.elapsed());
        live.stop();

        // Removal: PostgreSQL lets only the tables' owner drop a trigger. The cockpit silences its function
        // at once and prints the owner's statements; after those, removing again takes the function.
        const QStringList remove = {QStringLiteral("setup"), QStringLiteral("--config"), config,
                                    QStringLiteral("--remove-live-triggers")};
        r = StagingWorld::cockpitctl(remove);
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("; silenced"))
                     && r.out.contains(QLatin1String("staging_service")),
                 qPrintable(r.out));
        QVERIFY2(
            r.out.contains(QLatin1String("  DROP TRIGGER cockpit_live_notify ON \"public\".\"balances\";")),
            qPrintable(r.out));
        // Silenced triggers still never fail a write.
        QVERIFY(world
                    .runWriter({QStringLiteral("--users"), QStringLiteral("20"), QStringLiteral("--ops"),
                                QStringLiteral("50"), QStringLiteral("--seed"), QStringLiteral("32")},
                               &e)
                    .value(QStringLiteral("writesFailed"))
                    .toInt()
                == 0);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(world.serviceSql(QStringLiteral("DROP TRIGGER cockpit_live_notify ON ledger_accounts;"
                                                 " DROP TRIGGER cockpit_live_notify ON balances")),
                 QString());
        r = StagingWorld::cockpitctl(remove);
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.err));
        QCOMPARE(triggerCount(world), QStringLiteral("0"));
        QString functions;
        world.adminSql(QStringLiteral("SELECT count(*) FROM pg_proc WHERE proname = 'live_notify'"),
                       &functions);
        QCOMPARE(functions.trimmed(), QStringLiteral("0"));
        // With the grant revoked, the service's schema is as it was.
        QCOMPARE(world.serviceSql(
                     QStringLiteral("REVOKE TRIGGER ON ledger_accounts, balances FROM staging_cockpit")),
                 QString());
        now = world.snapshot(&e);
        QCOMPARE(now.publicSchema, before.publicSchema);
    }
};

QTEST_GUILESS_MAIN(TstStagingLive)
#include "tst_staging_live.moc"
