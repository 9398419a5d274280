// SPDX-License-Identifier: MIT
#include "reconcile/discrepancy_store.h"
#include "reconcile/live_reconciler.h"
#include "reconcile_test_data.h"

#include <QSignalSpy>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

// The database going away mid-run. The run is marked failed with the reason, nothing
// of it is presented or stored as complete, and live mode reports the backend down and comes back.
class TstReconcileFaults : public QObject
{
    Q_OBJECT

private:
    // Only our own client connections: an autovacuum worker on the test database belongs to the superuser,
    // and terminating it as the test role fails with "must be a superuser to terminate superuser process".
    static QString dropOtherConnections(LedgerTestBackend &backend)
    {
        return backend.exec(
            QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                           " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                           " AND usename = current_user AND backend_type = 'client backend'"));
    }

private Q_SLOTS:
    void serverDropsTheConnectionMidRun()
    {
        LedgerTestBackend backend(QStringLiteral("postgres"));
        COCKPIT_REQUIRE_PG(*backend.pg());
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());

        int streamed = 0;
        const RunSummary s = reconciler.run(Reconciler::Options{}, [&](const DiscrepancyRecord &) {
            if (streamed++ == 0) {
                const QString error = dropOtherConnections(backend);
                QVERIFY2(error.isEmpty(), qPrintable(error));
            }
        });
        QVERIFY(streamed > 0);
        QCOMPARE(s.status, RunStatus::Failed);
        QVERIFY(!s.isComplete());
        QVERIFY2(s.error.contains(QLatin1String("postgresql://")), qPrintable(s.error));
        QVERIFY(s.runId > 0);

        // The reconciler reconnected to record why the run failed; none of its rows were stored.
        const auto stored = reconciler.store().run(s.runId);
        QVERIFY2(stored, qPrintable(errorMessage(stored)));
        QCOMPARE(stored->status, RunStatus::Failed);
        QCOMPARE(stored->error, s.error);
        QCOMPARE(reconciler.store().openCount().value_or(-1), 0);

        const RunSummary next = reconciler.run(Reconciler::Options{});
        QVERIFY2(next.isComplete(), qPrintable(next.error));
        QCOMPARE(next.discrepancies, 4);
    }

    void unreachableDatabaseFailsTheRun()
    {
        DatabaseConfig db;
        db.driver = DatabaseConfig::Driver::Postgres;
        db.host = QStringLiteral("127.0.0.1");
        db.port = 1;
        db.dbname = QStringLiteral("nothing");
        db.user = QStringLiteral("nobody");
        db.connectTimeoutSeconds = 2;
        Reconciler reconciler(db, {{QStringLiteral("usdc_balance"), QStringLiteral("pending_deposits")}});
        const RunSummary s = reconciler.run(Reconciler::Options{});
        QCOMPARE(s.status, RunStatus::Failed);
        QCOMPARE(s.runId, 0);
        QVERIFY(s.error.contains(QLatin1String("cannot connect")));
    }

    void liveModeReportsTheBackendDownAndRecovers()
    {
        LedgerTestBackend backend(QStringLiteral("postgres"));
        COCKPIT_REQUIRE_PG(*backend.pg());
        QVERIFY(writeScenario(backend).isEmpty());
        LedgerConfig config = backend.config();
        config.liveIntervalMs = 200;
        LiveReconciler live(config, money("0.01"));
        QSignalSpy backendSpy(&live, &LiveReconciler::backendChanged);
        QSignalSpy checkedSpy(&live, &LiveReconciler::checked);
        live.start(false);
        QCOMPARE(backendSpy.size(), 1);
        QCOMPARE(backendSpy.at(0).at(0).toBool(), true);

        const QString dropError = dropOtherConnections(backend);
        QVERIFY2(dropError.isEmpty(), qPrintable(dropError));
        QTRY_VERIFY_WITH_TIMEOUT(backendSpy.size() >= 2, 5000);
        QCOMPARE(backendSpy.at(1).at(0).toBool(), false);
        QVERIFY(!backendSpy.at(1).at(1).toString().isEmpty());
        // Retries on its own; after the reconnect a full run catches up on what it missed.
        QTRY_VERIFY_WITH_TIMEOUT(backendSpy.size() >= 3, 5000);
        QCOMPARE(backendSpy.at(2).at(0).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(!checkedSpy.isEmpty(), 5000);
        const RunSummary s = checkedSpy.last().at(0).value<RunSummary>();
        QCOMPARE(s.kind, RunKind::Full);
        QVERIFY(s.isComplete());
        QCOMPARE(s.discrepancies, 4);
    }
};

QTEST_GUILESS_MAIN(TstReconcileFaults)
#include "tst_reconcile_faults.moc"
